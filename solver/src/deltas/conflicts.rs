//! Delta of `conflicts`: pairs of courses that share a teacher or group, meeting in one slot
//! (ITC-2007's relation, which ignores subgroups; the search's own graph is `crate::graph`).
//!
//! Courses present in each slot are kept as a bitset, and each course has the bitset of the
//! courses it conflicts with, so the pairs a course forms on entering a slot are one AND and a
//! popcount per 64 courses: no lists, no hashing.

use horarium_core::Problem;

use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};
use crate::graph::bitset_from_members;

pub(crate) struct Conflicts {
    mult: Mult,
    words: usize,
    /// Per course, the courses sharing a teacher or group with it (itself excluded).
    neighbours: Vec<u64>,
}

pub(crate) struct ConflictsState {
    /// Per slot, the courses with at least one lesson there.
    present: Vec<u64>,
}

impl Conflicts {
    /// Number of courses conflicting with `course` that have a lesson in `slot`.
    #[inline]
    fn count_present_neighbours(&self, state: &ConflictsState, course: usize, slot: usize) -> i64 {
        let nb = &self.neighbours[course * self.words..(course + 1) * self.words];
        let pr = &state.present[slot * self.words..(slot + 1) * self.words];
        nb.iter().zip(pr).map(|(a, b)| i64::from((a & b).count_ones())).sum()
    }

    /// A lesson of `course` enters `slot`, where the course had `before` lessons.
    #[inline]
    fn enter(&self, state: &mut ConflictsState, course: usize, slot: usize, before: u16) -> Delta {
        if self.mult.is_zero() {
            return Delta::ZERO;
        }
        if before > 0 {
            return Delta::of(1, self.mult);
        }
        state.present[slot * self.words + course / 64] |= 1 << (course % 64);
        Delta::of(self.count_present_neighbours(state, course, slot), self.mult)
    }

    /// A lesson of `course` leaves `slot`, where the course keeps `after` lessons.
    #[inline]
    fn leave(&self, state: &mut ConflictsState, course: usize, slot: usize, after: u16) -> Delta {
        if self.mult.is_zero() {
            return Delta::ZERO;
        }
        if after > 0 {
            return Delta::of(-1, self.mult);
        }
        state.present[slot * self.words + course / 64] &= !(1 << (course % 64));
        Delta::of(-self.count_present_neighbours(state, course, slot), self.mult)
    }

    /// Whether a hard clash can arise at all.
    #[inline]
    fn is_hard(&self) -> bool {
        self.mult.hard > 0
    }

    /// Whether two courses count as a conflict pair (they share a teacher or a group).
    #[inline]
    fn neighbours(&self, a: usize, b: usize) -> bool {
        self.neighbours[a * self.words + b / 64] & (1 << (b % 64)) != 0
    }
}

impl Mirror for Conflicts {
    type Constraint = horarium_core::constraints::Conflicts;
    type State = ConflictsState;

    fn new(_problem: &Problem) -> Self {
        Conflicts { mult: Mult::default(), words: 0, neighbours: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        let problem = build.problem;
        if self.neighbours.is_empty() {
            // Courses per teacher and per group, so neighbours are found without comparing all pairs.
            let mut members: Vec<Vec<usize>> = vec![Vec::new(); problem.teachers().len() + problem.groups().len()];
            for (c, course) in problem.courses().iter().enumerate() {
                for t in &course.teachers {
                    members[t.index()].push(c);
                }
                for g in &course.groups {
                    members[problem.teachers().len() + g.index()].push(c);
                }
            }
            (self.words, self.neighbours) = bitset_from_members(problem.courses().len(), &members);
        }
        self.mult += mult;
    }

    fn new_state(&self, n_slots: usize) -> ConflictsState {
        ConflictsState { present: vec![0; n_slots * self.words] }
    }

    #[inline]
    fn enter_slot(&self, state: &mut ConflictsState, course: usize, slot: usize, before: u16) -> Delta {
        self.enter(state, course, slot, before)
    }

    #[inline]
    fn leave_slot(&self, state: &mut ConflictsState, course: usize, slot: usize, after: u16) -> Delta {
        self.leave(state, course, slot, after)
    }

    /// The course, or a course it conflicts with, is already in the slot (and is not the one leaving).
    #[inline]
    fn surely_violates(&self, state: &ConflictsState, probe: &Probe<'_>) -> bool {
        if !self.is_hard() || !probe.single_period_elsewhere {
            return false;
        }
        let (course, s) = (probe.course, probe.slot);
        let mut own = i64::from(probe.course_slot_count[course * probe.n_slots + s]);
        let mut others = self.count_present_neighbours(state, course, s);
        if let Some(other_course) = probe.leaving_course {
            let last = probe.course_slot_count[other_course * probe.n_slots + s] == 1;
            if other_course == course {
                own -= 1;
            } else if last && self.neighbours(course, other_course) {
                others -= 1;
            }
        }
        own > 0 || others > 0
    }
}
