//! Delta of `unavailable`: the cost of each course and room in each slot, in the slot-costs layer.
//!
//! Nearly every problem uses it (ITC-2007's availability), so its table is allocated up front and
//! the hot loop reads it without asking whether it is in use.

use horarium_core::Problem;

use super::slot_costs::SlotCosts;
use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

/// The slots each course and room may not use, with their levels.
pub(crate) struct Unavailable(SlotCosts);

impl Mirror for Unavailable {
    type Constraint = horarium_core::constraints::Unavailable;
    type State = ();

    fn new(problem: &Problem) -> Self {
        Unavailable(SlotCosts::allocated(problem))
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.problem, constraint.resource, &constraint.slots, mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn enter_slot(&self, _state: &mut (), course: usize, slot: usize, _before: u16) -> Delta {
        self.0.course(course, slot)
    }

    #[inline]
    fn leave_slot(&self, _state: &mut (), course: usize, slot: usize, _after: u16) -> Delta {
        -self.0.course(course, slot)
    }

    #[inline]
    fn enter_room_slot(&self, _state: &mut (), room: usize, slot: usize, _before: u16) -> Delta {
        self.0.room(room, slot)
    }

    #[inline]
    fn leave_room_slot(&self, _state: &mut (), room: usize, slot: usize, _after: u16) -> Delta {
        -self.0.room(room, slot)
    }

    #[inline]
    fn slot_allowed(&self, course: usize, slot: usize) -> bool {
        self.0.course_allows(course, slot)
    }

    /// The start slot is one the course or the room may not use.
    #[inline]
    fn forbids(&self, probe: &Probe<'_>) -> bool {
        self.0.course(probe.course, probe.slot).hard > 0
            || (probe.room != NO_ROOM && self.0.room(usize::from(probe.room), probe.slot).hard > 0)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::compile::Compiled;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{flags_move, kind_cost, run, school_with, slot, step};
    use crate::deltas::Mirror;
    use crate::state::State;

    const ANN_AND_GYM: &str = r#"{"kind": "unavailable", "level": "hard", "resource": {"teacher": "Ann"},
            "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]},
        {"kind": "unavailable", "level": {"soft": 2}, "resource": {"room": "Gym"}, "slots": [{"day": 2, "period": 3}]}"#;

    #[test]
    fn the_running_cost_counts_each_lesson_and_period_in_an_unavailable_slot() {
        let problem = school_with(ANN_AND_GYM);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Bio's double covers Mon 1 (unavailable) and Mon 2.
            Add("Bio", 0, 0, 1, Some("R2")),
            Add("Math", 1, 2, 3, Some("Gym")),
            Remove("Math", 0),
            // Bob is available.
            Add("Art", 0, 0, 0, Some("R1")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(run(&problem, &ops, Kind::Unavailable), [cost(0, 0), cost(1, 0), cost(2, 0), cost(2, 2), cost(1, 2), cost(1, 2)]);
    }

    #[test]
    fn a_hard_slot_of_the_course_or_room_is_forbidden_and_the_move_violates() {
        let problem = school_with(
            r#"{"kind": "unavailable", "level": "hard", "resource": {"teacher": "Ann"}, "slots": [{"day": 0, "period": 1}]},
               {"kind": "unavailable", "level": "hard", "resource": {"room": "R2"}, "slots": [{"day": 1, "period": 0}]},
               {"kind": "unavailable", "level": {"soft": 2}, "resource": {"room": "Gym"}, "slots": [{"day": 2, "period": 3}]}"#,
        );
        let compiled = Compiled::new(&problem);
        let math = problem.course_by_name("Math").unwrap().index();
        assert!(!compiled.kinds.unavailable.slot_allowed(math, usize::from(slot(&problem, 0, 1))));
        assert!(compiled.kinds.unavailable.slot_allowed(math, usize::from(slot(&problem, 0, 2))));
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Math", 0, 0, 0, Some("R1")));
        assert!(flags_move(&problem, &state, ("Math", 0), (0, 1), Some("R1")));
        assert!(flags_move(&problem, &state, ("Math", 0), (1, 0), Some("R2")));
        assert!(!flags_move(&problem, &state, ("Math", 0), (1, 0), Some("R1")));
        assert!(!flags_move(&problem, &state, ("Art", 0), (0, 1), Some("R1")));
        // A soft unavailability is not for the pre-check.
        assert!(!flags_move(&problem, &state, ("Math", 0), (2, 3), Some("Gym")));
        for (day, period, room) in [(0, 1, "R1"), (1, 0, "R2")] {
            step(&problem, &mut state, Remove("Math", 0));
            step(&problem, &mut state, Add("Math", 0, day, period, Some(room)));
            assert_eq!(kind_cost(&problem, &state, Kind::Unavailable).hard, 1);
        }
    }
}
