//! Delta of `min_working_days`: per course, the number of days with at least one lesson.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct MinWorkingDays {
    n_days: usize,
    /// Per course, its requirements: (least days, level).
    requirements: Vec<Vec<(u16, Mult)>>,
}

pub(crate) struct MinWorkingDaysState {
    day_count: Vec<u16>,
    days_used: Vec<u16>,
}

impl MinWorkingDays {
    /// Change of cost when `course` goes from `before` to `after` days used.
    #[inline]
    fn change(&self, course: usize, before: u16, after: u16) -> Delta {
        let mut res = Delta::ZERO;
        for &(days, mult) in &self.requirements[course] {
            let missing = |used: u16| i64::from(days.saturating_sub(used));
            res += Delta::of(missing(after) - missing(before), mult);
        }
        res
    }

    /// A lesson of `course` starts on `day`.
    #[inline]
    fn enter(&self, state: &mut MinWorkingDaysState, course: usize, day: usize) -> Delta {
        let count = &mut state.day_count[course * self.n_days + day];
        *count += 1;
        if *count > 1 || self.requirements[course].is_empty() {
            if *count == 1 {
                state.days_used[course] += 1;
            }
            return Delta::ZERO;
        }
        let before = state.days_used[course];
        state.days_used[course] += 1;
        self.change(course, before, before + 1)
    }

    /// A lesson of `course` starting on `day` goes away.
    #[inline]
    fn leave(&self, state: &mut MinWorkingDaysState, course: usize, day: usize) -> Delta {
        let count = &mut state.day_count[course * self.n_days + day];
        *count -= 1;
        if *count > 0 {
            return Delta::ZERO;
        }
        let before = state.days_used[course];
        state.days_used[course] -= 1;
        if self.requirements[course].is_empty() {
            return Delta::ZERO;
        }
        self.change(course, before, before - 1)
    }
}

impl Mirror for MinWorkingDays {
    type Constraint = horarium_core::constraints::MinWorkingDays;
    type State = MinWorkingDaysState;

    fn new(problem: &Problem) -> Self {
        MinWorkingDays { n_days: usize::from(problem.calendar().days), requirements: vec![Vec::new(); problem.courses().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.requirements[constraint.course.index()].push((constraint.days, mult));
    }

    fn new_state(&self, _n_slots: usize) -> MinWorkingDaysState {
        MinWorkingDaysState { day_count: vec![0; self.requirements.len() * self.n_days], days_used: vec![0; self.requirements.len()] }
    }

    fn empty_cost(&self) -> Delta {
        let mut res = Delta::ZERO;
        for reqs in &self.requirements {
            for &(days, mult) in reqs {
                res += Delta::of(i64::from(days), mult);
            }
        }
        res
    }

    #[inline]
    fn place(&self, state: &mut MinWorkingDaysState, lesson: &Placed<'_>) -> Delta {
        self.enter(state, lesson.course, lesson.day)
    }

    #[inline]
    fn unplace(&self, state: &mut MinWorkingDaysState, lesson: &Placed<'_>) -> Delta {
        self.leave(state, lesson.course, lesson.day)
    }
}
