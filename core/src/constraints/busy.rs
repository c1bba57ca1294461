//! Who is busy when, for the constraints on teachers and students: per teacher and per leaf
//! group (a set of students that never splits further), the placed entries covering each slot.
//!
//! A lesson of a group occupies every leaf under it, so a class split into subgroups is busy in
//! a subgroup's lesson only for that subgroup's students, and busy in a whole-class lesson for all.

use crate::constraints::entry::Entry;
use crate::entities::Entities;
use crate::ids::{GroupId, Resource, Slot, TeacherId};

/// A row of the occupancy table: a teacher, or the students of a leaf group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Row {
    Teacher(TeacherId),
    Students(GroupId),
}

impl Row {
    pub(crate) fn resource(self) -> Resource {
        match self {
            Row::Teacher(t) => Resource::Teacher(t),
            Row::Students(g) => Resource::Group(g),
        }
    }

    /// "teacher Smith" or "group 5A".
    pub(crate) fn describe(self, problem: &Entities) -> String {
        match self {
            Row::Teacher(t) => format!("teacher {}", problem.teacher(t).name),
            Row::Students(g) => format!("group {}", problem.group(g).name),
        }
    }
}

/// Entries covering each slot, per teacher and per leaf group.
pub(crate) struct Busy {
    n_slots: usize,
    /// Row of each teacher, then of each group (`usize::MAX` for groups that are not leaves).
    teacher_row: Vec<usize>,
    leaf_row: Vec<usize>,
    rows: Vec<Row>,
    /// `row * n_slots + slot` → indices into the view's entries.
    at: Vec<Vec<usize>>,
}

impl Busy {
    pub(crate) fn new(problem: &Entities, entries: &[Entry]) -> Self {
        let n_slots = problem.calendar().n_slots();
        let mut rows: Vec<Row> = problem.teachers().iter().enumerate().map(|(t, _)| Row::Teacher(TeacherId::from_index(t))).collect();
        let teacher_row = (0..rows.len()).collect();
        let mut leaf_row = vec![usize::MAX; problem.groups().len()];
        for (g, row) in leaf_row.iter_mut().enumerate() {
            let id = GroupId::from_index(g);
            if problem.is_leaf(id) {
                *row = rows.len();
                rows.push(Row::Students(id));
            }
        }
        let mut at = vec![Vec::new(); rows.len() * n_slots];
        let course_leaves: Vec<Vec<GroupId>> =
            (0..problem.courses().len()).map(|c| problem.course_leaves(crate::ids::CourseId::from_index(c))).collect();
        for (idx, entry) in entries.iter().enumerate() {
            let course = problem.course(entry.course);
            let teacher_rows = course.teachers.iter().map(|t| t.index());
            let leaf_rows = course_leaves[entry.course.index()].iter().map(|g| leaf_row[g.index()]);
            for row in teacher_rows.chain(leaf_rows) {
                for slot in entry.covered_slots(problem.calendar()) {
                    at[row * n_slots + slot.index()].push(idx);
                }
            }
        }
        Busy { n_slots, teacher_row, leaf_row, rows, at }
    }

    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub(crate) fn row_of_teacher(&self, t: TeacherId) -> usize {
        self.teacher_row[t.index()]
    }

    pub(crate) fn row_of_leaf(&self, g: GroupId) -> usize {
        debug_assert_ne!(self.leaf_row[g.index()], usize::MAX, "only leaves have rows");
        self.leaf_row[g.index()]
    }

    /// Entries occupying `row` at `slot`.
    pub(crate) fn at(&self, row: usize, slot: Slot) -> &[usize] {
        &self.at[row * self.n_slots + slot.index()]
    }

    /// Which periods of `day` the row is busy in.
    pub(crate) fn day_pattern(&self, problem: &Entities, row: usize, day: u16) -> Vec<bool> {
        let cal = problem.calendar();
        (0..cal.periods_per_day).map(|p| cal.slot(day, p).is_some_and(|s| !self.at(row, s).is_empty())).collect()
    }
}
