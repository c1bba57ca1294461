//! Delta of `same_time`: per set of courses and slot, how many of the set's courses occupy it.

use horarium_core::Problem;

use super::course_sets::{add_set, Set};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

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
    /// `course` starts (`sign` 1) or stops (-1) occupying `slot`.
    #[inline]
    fn presence(&self, state: &mut SameTimeState, course: usize, slot: usize, sign: i16) -> Delta {
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

impl Mirror for SameTime {
    type Constraint = horarium_core::constraints::SameTime;
    type State = SameTimeState;

    fn new(problem: &Problem) -> Self {
        SameTime { n_slots: problem.calendar().n_slots(), sets: Vec::new(), course_sets: vec![Vec::new(); problem.courses().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        add_set(&mut self.sets, &mut self.course_sets, &constraint.courses, mult);
    }

    fn new_state(&self, _n_slots: usize) -> SameTimeState {
        SameTimeState { present: vec![0; self.sets.len() * self.n_slots] }
    }

    #[inline]
    fn enter_slot(&self, state: &mut SameTimeState, course: usize, slot: usize, before: u16) -> Delta {
        if before == 0 {
            self.presence(state, course, slot, 1)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn leave_slot(&self, state: &mut SameTimeState, course: usize, slot: usize, after: u16) -> Delta {
        if after == 0 {
            self.presence(state, course, slot, -1)
        } else {
            Delta::ZERO
        }
    }
}
