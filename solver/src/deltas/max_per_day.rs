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

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use super::{MaxPerDay, MaxPerDayState};
    use crate::cost::{Delta, Mult};
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn each_limit_prices_the_lessons_beyond_it() {
        // One course, two days; limits of 1 (hard) and 2 (soft 3) on the course.
        let kind = MaxPerDay { n_days: 2, limits: vec![vec![(1, Mult { hard: 1, soft: 0 }), (2, Mult { hard: 0, soft: 3 })]], used: true };
        let mut state = MaxPerDayState { day_count: vec![0; 2] };
        assert_eq!(kind.change(&mut state, 0, 1, 1), Delta::ZERO);
        assert_eq!(kind.change(&mut state, 0, 1, 1), Delta { hard: 1, soft: 0 });
        assert_eq!(kind.change(&mut state, 0, 1, 1), Delta { hard: 1, soft: 3 });
        assert_eq!(kind.change(&mut state, 0, 0, 1), Delta::ZERO);
        assert_eq!(kind.change(&mut state, 0, 1, -1), Delta { hard: -1, soft: -3 });
        assert_eq!(state.day_count, vec![1, 2]);
    }

    #[test]
    fn the_running_cost_follows_the_lessons_of_each_day() {
        let problem = school_with(
            r#"{"kind": "max_per_day", "level": "hard", "course": "Math", "max": 1},
               {"kind": "max_per_day", "level": {"soft": 1}, "course": "Bio", "max": 0}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 3, Some("R1")),
            Add("Math", 2, 0, 1, Some("R1")),
            // Bio's double is one lesson.
            Add("Bio", 0, 1, 0, Some("R1")),
            Remove("Math", 1),
            Add("Bio", 1, 2, 0, Some("R1")),
            Add("Math", 1, 2, 1, Some("R1")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::MaxPerDay),
            [cost(0, 0), cost(0, 0), cost(1, 0), cost(2, 0), cost(2, 1), cost(1, 1), cost(1, 2), cost(1, 2)]
        );
    }
}
