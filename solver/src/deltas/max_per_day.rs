//! Delta of `max_per_day`: per course and day, the lessons starting that day.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct MaxPerDay {
    n_days: usize,
    /// Per course: its limits (most lessons a day, level).
    limits: Vec<Vec<(u16, Mult)>>,
    used: bool,
}

pub(crate) struct MaxPerDayState {
    day_count: Vec<u16>,
}

impl MaxPerDay {
    /// A lesson of `course` starts on `day` (`sign` 1), or no longer does (`sign` -1).
    #[inline]
    fn change(&self, state: &mut MaxPerDayState, course: usize, day: usize, sign: i16) -> Delta {
        let limits = &self.limits[course];
        if limits.is_empty() {
            return Delta::ZERO;
        }
        let count = &mut state.day_count[course * self.n_days + day];
        let before = *count;
        *count = count.wrapping_add_signed(sign);
        let after = *count;
        let mut res = Delta::ZERO;
        for &(max, mult) in limits {
            let over = |n: u16| i64::from(n.saturating_sub(max));
            res += Delta::of(over(after) - over(before), mult);
        }
        res
    }
}

impl Mirror for MaxPerDay {
    type Constraint = horarium_core::constraints::MaxPerDay;
    type State = MaxPerDayState;

    fn new(problem: &Problem) -> Self {
        MaxPerDay { n_days: usize::from(problem.calendar().days), limits: vec![Vec::new(); problem.courses().len()], used: false }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.limits[constraint.course.index()].push((constraint.max, mult));
        self.used = true;
    }

    fn new_state(&self, _n_slots: usize) -> MaxPerDayState {
        MaxPerDayState { day_count: vec![0; if self.used { self.limits.len() * self.n_days } else { 0 }] }
    }

    #[inline]
    fn place(&self, state: &mut MaxPerDayState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.day, 1)
    }

    #[inline]
    fn unplace(&self, state: &mut MaxPerDayState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.day, -1)
    }
}
