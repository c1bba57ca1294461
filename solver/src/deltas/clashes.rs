//! Delta of `clashes`: lessons beyond the first that a teacher or a set of students has in one
//! slot, read off the rows layer's counts.

use horarium_core::Problem;

use super::rows::RowChange;
use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};

/// The level of `clashes`, which applies to every row.
pub(crate) struct Clashes {
    mult: Mult,
}

impl Mirror for Clashes {
    type Constraint = horarium_core::constraints::Clashes;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        Clashes { mult: Mult::default() }
    }

    fn add(&mut self, build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        build.rows.activate(build.problem);
        self.mult += mult;
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        let beyond_one = |count: u16| i64::from(count.saturating_sub(1));
        Delta::of(beyond_one(change.count_after) - beyond_one(change.count_before), self.mult)
    }

    /// A row of the course already has a lesson in the slot (other than the one leaving it).
    #[inline]
    fn surely_violates(&self, _state: &(), probe: &Probe<'_>) -> bool {
        if self.mult.hard == 0 || !probe.single_period_elsewhere {
            return false;
        }
        let leaving_rows = probe.leaving_course.map_or(&[][..], |lc| probe.rows.of_course(lc));
        probe
            .rows
            .of_course(probe.course)
            .iter()
            .any(|&r| probe.rows.count(probe.rows_state, r, probe.slot) > u16::from(leaving_rows.contains(&r)))
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::*;
    use crate::compile::Compiled;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{flags_move, flags_swap, hard, kind_cost, run, school_with, soft, step};
    use crate::deltas::RowChange;
    use crate::state::State;

    fn change(before: u16, after: u16) -> RowChange {
        RowChange { row: 0, slot: 0, count_before: before, count_after: after, day: None }
    }

    #[test]
    fn each_lesson_beyond_the_first_in_a_row_and_slot_is_one_unit() {
        let clashes = Clashes { mult: Mult { hard: 1, soft: 0 } };
        assert_eq!(clashes.row_change(&mut (), &change(0, 1)), Delta::ZERO);
        assert_eq!(clashes.row_change(&mut (), &change(1, 2)), Delta { hard: 1, soft: 0 });
        assert_eq!(clashes.row_change(&mut (), &change(3, 2)), Delta { hard: -1, soft: 0 });
        assert_eq!(clashes.row_change(&mut (), &change(1, 0)), Delta::ZERO);
    }

    #[test]
    fn the_running_cost_follows_the_lessons_of_each_teacher_and_leaf_group() {
        let problem = school_with(r#"{"kind": "clashes", "level": "hard"}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Fr shares the students of A1 with Math.
            Add("Fr", 0, 0, 0, Some("R2")),
            // De, those of A2.
            Add("De", 0, 0, 0, Some("Gym")),
            // Art: Bob (with De), A1 and A2 each a third time.
            Add("Art", 0, 0, 0, Some("R1")),
            Remove("Math", 0),
            Add("Bio", 0, 1, 0, Some("R1")),
            // Bio's double covers Tue 1, where Ann now teaches Math.
            Add("Math", 0, 1, 1, Some("R2")),
        ];
        assert_eq!(run(&problem, &ops, Kind::Clashes), [0, 0, 1, 2, 5, 3, 3, 4].map(hard));
        let problem = school_with(r#"{"kind": "clashes", "level": {"soft": 2}}"#);
        assert_eq!(run(&problem, &ops[..3], Kind::Clashes), [0, 0, 2, 4].map(soft));
    }

    #[test]
    fn a_flagged_move_or_swap_adds_a_clash() {
        let problem = school_with(r#"{"kind": "clashes", "level": "hard"}"#);
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        for op in [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Fr", 0, 0, 1, Some("R1")),
            Add("De", 0, 0, 1, Some("R2")),
            Add("Bio", 1, 1, 0, Some("R1")),
        ] {
            step(&problem, &mut state, op);
        }
        assert_eq!(kind_cost(&problem, &state, Kind::Clashes), hard(0));
        // Art (Bob, A) at Mon 1 meets De (Bob, A2); Bio at Mon 0 meets Math (Ann); Sport at Mon 2 meets nobody.
        assert!(flags_move(&problem, &state, ("Art", 0), (0, 1), Some("Gym")));
        assert!(flags_move(&problem, &state, ("Bio", 1), (0, 0), Some("R2")));
        assert!(!flags_move(&problem, &state, ("Sport", 0), (0, 2), None));
        // Math and Bio trading places: Ann leaves each slot as she arrives.
        assert!(!flags_swap(&problem, &state, ("Math", 0), ("Bio", 1)));
        // Math to Mon 1 with Fr leaving still meets De in A2.
        assert!(flags_swap(&problem, &state, ("Math", 0), ("Fr", 0)));
        for op in [Remove("Math", 0), Remove("Fr", 0), Add("Math", 0, 0, 1, Some("R1")), Add("Fr", 0, 0, 0, Some("R1"))] {
            step(&problem, &mut state, op);
        }
        assert_eq!(kind_cost(&problem, &state, Kind::Clashes), hard(1));
        step(&problem, &mut state, Remove("Bio", 1));
        step(&problem, &mut state, Add("Bio", 1, 0, 1, Some("Gym")));
        assert_eq!(kind_cost(&problem, &state, Kind::Clashes), hard(2));
    }
}
