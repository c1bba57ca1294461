//! Deltas of `same_time` and `different_days`: per set of courses, how many of them occupy each
//! slot, and how many of their lessons start on each day.

use horarium_core::{CourseId, Problem};

use crate::compile::{Delta, Mult};

/// One set of courses with its level.
struct Set {
    size: i64,
    mult: Mult,
}

pub(crate) struct SameTime {
    n_slots: usize,
    sets: Vec<Set>,
    /// Per course: the sets it belongs to.
    course_sets: Vec<Vec<u32>>,
}

pub(crate) struct SameTimeState {
    /// Per set and slot: the set's courses occupying it.
    present: Vec<u16>,
}

impl SameTime {
    pub(crate) fn new(problem: &Problem) -> Self {
        SameTime { n_slots: problem.calendar().n_slots(), sets: Vec::new(), course_sets: vec![Vec::new(); problem.courses().len()] }
    }

    pub(crate) fn add(&mut self, courses: &[CourseId], mult: Mult) {
        add_set(&mut self.sets, &mut self.course_sets, courses, mult);
    }

    pub(crate) fn new_state(&self) -> SameTimeState {
        SameTimeState { present: vec![0; self.sets.len() * self.n_slots] }
    }

    /// `course` starts (`sign` 1) or stops (-1) occupying `slot`.
    #[inline]
    pub(crate) fn presence(&self, state: &mut SameTimeState, course: usize, slot: usize, sign: i16) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.course_sets[course] {
            let set = &self.sets[k as usize];
            let cell = &mut state.present[k as usize * self.n_slots + slot];
            let before = i64::from(*cell);
            *cell = cell.wrapping_add_signed(sign);
            let after = i64::from(*cell);
            let missing = |p: i64| if p > 0 { set.size - p } else { 0 };
            res += Delta::of(missing(after) - missing(before), set.mult);
        }
        res
    }
}

pub(crate) struct DifferentDays {
    n_days: usize,
    sets: Vec<Set>,
    course_sets: Vec<Vec<u32>>,
}

pub(crate) struct DifferentDaysState {
    /// Per set and day: lessons of the set's courses starting that day.
    count: Vec<u16>,
}

impl DifferentDays {
    pub(crate) fn new(problem: &Problem) -> Self {
        DifferentDays {
            n_days: usize::from(problem.calendar().days),
            sets: Vec::new(),
            course_sets: vec![Vec::new(); problem.courses().len()],
        }
    }

    pub(crate) fn add(&mut self, courses: &[CourseId], mult: Mult) {
        add_set(&mut self.sets, &mut self.course_sets, courses, mult);
    }

    pub(crate) fn new_state(&self) -> DifferentDaysState {
        DifferentDaysState { count: vec![0; self.sets.len() * self.n_days] }
    }

    /// A lesson of `course` starts (`sign` 1) or stops starting (-1) on `day`.
    #[inline]
    pub(crate) fn change(&self, state: &mut DifferentDaysState, course: usize, day: usize, sign: i16) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.course_sets[course] {
            let cell = &mut state.count[k as usize * self.n_days + day];
            let before = i64::from(*cell);
            *cell = cell.wrapping_add_signed(sign);
            let after = i64::from(*cell);
            res += Delta::of((after - 1).max(0) - (before - 1).max(0), self.sets[k as usize].mult);
        }
        res
    }
}

fn add_set(sets: &mut Vec<Set>, course_sets: &mut [Vec<u32>], courses: &[CourseId], mult: Mult) {
    #[allow(clippy::cast_possible_truncation, reason = "constraint counts fit u32")]
    let k = sets.len() as u32;
    #[allow(clippy::cast_possible_wrap, reason = "course counts fit i64")]
    sets.push(Set { size: courses.len() as i64, mult });
    for c in courses {
        course_sets[c.index()].push(k);
    }
}
