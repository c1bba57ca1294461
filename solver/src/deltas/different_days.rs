//! Delta of `different_days`: per set of courses and day, how many of their lessons start on it.

use horarium_core::Problem;

use super::course_sets::{add_set, Set};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

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
    /// A lesson of `course` starts (`sign` 1) or stops starting (-1) on `day`.
    #[inline]
    fn change(&self, state: &mut DifferentDaysState, course: usize, day: usize, sign: i16) -> Delta {
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

impl Mirror for DifferentDays {
    type Constraint = horarium_core::constraints::DifferentDays;
    type State = DifferentDaysState;

    fn new(problem: &Problem) -> Self {
        DifferentDays {
            n_days: usize::from(problem.calendar().days),
            sets: Vec::new(),
            course_sets: vec![Vec::new(); problem.courses().len()],
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        add_set(&mut self.sets, &mut self.course_sets, &constraint.courses, mult);
    }

    fn new_state(&self, _n_slots: usize) -> DifferentDaysState {
        DifferentDaysState { count: vec![0; self.sets.len() * self.n_days] }
    }

    #[inline]
    fn place(&self, state: &mut DifferentDaysState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.day, 1)
    }

    #[inline]
    fn unplace(&self, state: &mut DifferentDaysState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.day, -1)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_counts_the_lessons_of_the_set_beyond_the_first_on_each_day() {
        let problem = school_with(
            r#"{"kind": "different_days", "level": {"soft": 2}, "courses": ["Math", "Bio"]},
               {"kind": "different_days", "level": {"soft": 10}, "courses": ["Fr", "De"]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Bio", 0, 0, 2, Some("R1")),
            // Lessons of one course count too.
            Add("Math", 1, 0, 1, Some("R1")),
            Add("Bio", 1, 1, 0, Some("R1")),
            Remove("Bio", 0),
            Add("Math", 2, 1, 1, Some("R1")),
            Add("Fr", 0, 2, 0, Some("R1")),
            Add("De", 0, 2, 3, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::DifferentDays), [0, 0, 2, 4, 4, 2, 4, 4, 14].map(soft));
    }
}
