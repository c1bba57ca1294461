//! Delta of `lesson_spread`: per group of each rule, its listed lessons starting in it.

use horarium_core::Problem;

use super::slot_groups::GroupCounts;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// The rules, each counting its listed lessons (the key is the lesson).
pub(crate) struct LessonSpread(GroupCounts);

/// Per search: per group of every rule, the listed lessons starting in it.
pub(crate) struct State {
    count: Vec<u16>,
}

impl Mirror for LessonSpread {
    type Constraint = horarium_core::constraints::LessonSpread;
    type State = State;

    fn new(problem: &Problem) -> Self {
        LessonSpread(GroupCounts::new(problem.lessons().len(), problem.calendar().n_slots()))
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let bounds = vec![(0, constraint.max); constraint.groups.len()];
        self.0.add(constraint.lessons.iter().map(|l| l.index()), &constraint.groups, bounds, mult);
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: self.0.new_counts() }
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.0.count(&mut state.count, lesson.lesson, lesson.slot, true)
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.0.count(&mut state.count, lesson.lesson, lesson.slot, false)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_counts_the_listed_lessons_over_the_most_in_each_group() {
        let problem = school_with(
            r#"{"kind": "lesson_spread", "level": {"soft": 2}, "max": 1,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Bio", "lesson": 1}],
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]}]}"#,
        );
        // Math's third lesson is not listed.
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            Add("Math", 2, 0, 2, Some("R1")),
            Add("Bio", 1, 0, 2, Some("R2")),
            Remove("Math", 0),
        ];
        let cost = |soft| Cost { hard: 0, soft };
        assert_eq!(run(&problem, &ops, Kind::LessonSpread), [cost(0), cost(0), cost(2), cost(2), cost(4), cost(2)]);
    }
}
