//! Delta of `max_per_day`: per course and day, the lessons starting that day.

use horarium_core::{CourseId, Problem};

use crate::compile::{Delta, Mult};

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
    pub(crate) fn new(problem: &Problem) -> Self {
        MaxPerDay { n_days: usize::from(problem.calendar().days), limits: vec![Vec::new(); problem.courses().len()], used: false }
    }

    pub(crate) fn add(&mut self, course: CourseId, max: u16, mult: Mult) {
        self.limits[course.index()].push((max, mult));
        self.used = true;
    }

    pub(crate) fn new_state(&self) -> MaxPerDayState {
        MaxPerDayState { day_count: vec![0; if self.used { self.limits.len() * self.n_days } else { 0 }] }
    }

    /// A lesson of `course` starts on `day` (`sign` 1), or no longer does (`sign` -1).
    #[inline]
    pub(crate) fn change(&self, state: &mut MaxPerDayState, course: usize, day: usize, sign: i16) -> Delta {
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
