//! Delta of `spread`: per group of each rule, the rule's courses' lessons starting in it.

use horarium_core::Problem;

use super::slot_groups::GroupCounts;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// The rules, each counting the lessons of its courses (the key is the course).
pub(crate) struct Spread(GroupCounts);

/// Per search: per group of every rule, the lessons starting in it.
pub(crate) struct State {
    count: Vec<u16>,
}

impl Mirror for Spread {
    type Constraint = horarium_core::constraints::Spread;
    type State = State;

    fn new(problem: &Problem) -> Self {
        Spread(GroupCounts::new(problem.courses().len(), problem.calendar().n_slots()))
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let groups: Vec<_> = constraint.groups.iter().map(|g| g.group.clone()).collect();
        let bounds = constraint.groups.iter().map(|g| (g.min, g.max.unwrap_or(u16::MAX))).collect();
        self.0.add(constraint.courses.iter().map(|c| c.index()), &groups, bounds, mult);
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: self.0.new_counts() }
    }

    fn empty_cost(&self) -> Delta {
        self.0.empty_cost()
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.0.count(&mut state.count, lesson.course, lesson.slot, true)
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.0.count(&mut state.count, lesson.course, lesson.slot, false)
    }
}
#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_counts_the_lessons_short_or_over_in_each_group() {
        let problem = school_with(
            r#"{"kind": "spread", "level": {"soft": 2}, "courses": ["Math", "Bio"],
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}], "max": 1},
                           {"slots": [{"day": 1, "period": 0}], "min": 1}]}"#,
        );
        let ops = [Add("Math", 0, 0, 0, Some("R1")), Add("Math", 1, 0, 1, Some("R1")), Add("Bio", 1, 1, 0, Some("R2")), Remove("Math", 0)];
        let cost = |soft| Cost { hard: 0, soft };
        // Nothing placed: Tuesday's first period one short.
        assert_eq!(run(&problem, &ops, Kind::Spread), [cost(2), cost(2), cost(4), cost(2), cost(0)]);
    }
}
