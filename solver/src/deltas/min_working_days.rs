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

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::compile::Compiled;
    use crate::cost::Delta;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};
    use crate::deltas::Mirror;

    const MATH: &str = r#"{"kind": "min_working_days", "level": {"soft": 5}, "course": "Math", "days": 3},
        {"kind": "min_working_days", "level": "hard", "course": "Math", "days": 2}"#;

    #[test]
    fn nothing_placed_misses_every_day_asked_for() {
        let problem = school_with(MATH);
        let compiled = Compiled::new(&problem);
        assert_eq!(compiled.kinds.min_working_days.empty_cost(), Delta { hard: 2, soft: 15 });
    }

    #[test]
    fn the_running_cost_follows_the_days_used() {
        let problem = school_with(MATH);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // A second lesson on Mon adds no day.
            Add("Math", 1, 0, 3, Some("R1")),
            Add("Math", 2, 1, 0, Some("R1")),
            Remove("Math", 1),
            Add("Math", 1, 2, 1, Some("R1")),
            Remove("Math", 0),
            // Other courses do not count.
            Add("Art", 0, 0, 0, Some("R2")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::MinWorkingDays),
            [cost(2, 15), cost(1, 10), cost(1, 10), cost(0, 5), cost(0, 5), cost(0, 0), cost(0, 5), cost(0, 5)]
        );
    }
}
