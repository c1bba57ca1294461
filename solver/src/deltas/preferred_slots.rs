//! Delta of `preferred_slots`: the slots outside a preference cost as if unavailable, in a
//! slot-costs table of its own.

use horarium_core::Problem;

use super::slot_costs::SlotCosts;
use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

/// The slots outside each course's and room's preferences, with their levels.
pub(crate) struct PreferredSlots(SlotCosts);

impl Mirror for PreferredSlots {
    type Constraint = horarium_core::constraints::PreferredSlots;
    type State = ();

    fn new(problem: &Problem) -> Self {
        PreferredSlots(SlotCosts::new(problem))
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.problem, constraint.resource, &constraint.other_slots(build.problem.calendar()), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn enter_slot(&self, _state: &mut (), course: usize, slot: usize, _before: u16) -> Delta {
        if self.0.is_active() {
            self.0.course(course, slot)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn leave_slot(&self, _state: &mut (), course: usize, slot: usize, _after: u16) -> Delta {
        if self.0.is_active() {
            -self.0.course(course, slot)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn enter_room_slot(&self, _state: &mut (), room: usize, slot: usize, _before: u16) -> Delta {
        if self.0.is_active() {
            self.0.room(room, slot)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn leave_room_slot(&self, _state: &mut (), room: usize, slot: usize, _after: u16) -> Delta {
        if self.0.is_active() {
            -self.0.room(room, slot)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn slot_allowed(&self, course: usize, slot: usize) -> bool {
        !self.0.is_active() || self.0.course_allows(course, slot)
    }

    /// The start slot is one the course or the room may not use.
    #[inline]
    fn forbids(&self, probe: &Probe<'_>) -> bool {
        self.0.is_active()
            && (self.0.course(probe.course, probe.slot).hard > 0
                || (probe.room != NO_ROOM && self.0.room(usize::from(probe.room), probe.slot).hard > 0))
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

    const PREFERENCES: &str = r#"{"kind": "preferred_slots", "level": "hard", "resource": {"teacher": "Cy"},
            "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]},
        {"kind": "preferred_slots", "level": {"soft": 2}, "resource": {"course": "Bio"}, "slots": [{"day": 0, "period": 0}]},
        {"kind": "preferred_slots", "level": "hard", "resource": {"room": "Gym"},
            "slots": [{"day": 2, "period": 0}, {"day": 2, "period": 1}, {"day": 2, "period": 2}, {"day": 2, "period": 3}]}"#;

    #[test]
    fn the_running_cost_counts_each_lesson_and_period_outside_a_preference() {
        let problem = school_with(PREFERENCES);
        let ops = [
            Add("Fr", 0, 0, 0, Some("R1")),
            Add("Fr", 1, 1, 0, Some("R1")),
            Add("Sport", 0, 0, 1, None),
            // Bio's double from Mon 0 leaves its preference at Mon 1.
            Add("Bio", 0, 0, 0, Some("R2")),
            Add("Bio", 1, 2, 3, Some("R2")),
            Remove("Fr", 1),
            Add("Math", 0, 1, 1, Some("Gym")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::PreferredSlots),
            [cost(0, 0), cost(0, 0), cost(1, 0), cost(1, 0), cost(1, 2), cost(1, 4), cost(0, 4), cost(1, 4)]
        );
    }

    #[test]
    fn a_hard_slot_outside_the_preference_is_forbidden_and_the_move_violates() {
        let problem = school_with(PREFERENCES);
        let compiled = Compiled::new(&problem);
        let fr = problem.course_by_name("Fr").unwrap().index();
        assert!(compiled.kinds.preferred_slots.slot_allowed(fr, usize::from(slot(&problem, 0, 1))));
        assert!(!compiled.kinds.preferred_slots.slot_allowed(fr, usize::from(slot(&problem, 0, 2))));
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Fr", 0, 0, 0, Some("R1")));
        step(&problem, &mut state, Add("Math", 0, 2, 0, Some("Gym")));
        assert_eq!(kind_cost(&problem, &state, Kind::PreferredSlots), Cost::default());
        assert!(!flags_move(&problem, &state, ("Fr", 0), (0, 1), Some("R1")));
        assert!(flags_move(&problem, &state, ("Fr", 0), (1, 0), Some("R1")));
        assert!(flags_move(&problem, &state, ("Math", 0), (1, 0), Some("Gym")));
        assert!(!flags_move(&problem, &state, ("Math", 0), (1, 0), Some("R1")));
        // Bio's preference is soft: not for the pre-check.
        assert!(!flags_move(&problem, &state, ("Bio", 1), (1, 0), Some("R1")));
        step(&problem, &mut state, Remove("Fr", 0));
        step(&problem, &mut state, Add("Fr", 0, 1, 0, Some("R1")));
        assert_eq!(kind_cost(&problem, &state, Kind::PreferredSlots).hard, 1);
        step(&problem, &mut state, Remove("Math", 0));
        step(&problem, &mut state, Add("Math", 0, 1, 0, Some("Gym")));
        assert_eq!(kind_cost(&problem, &state, Kind::PreferredSlots).hard, 2);
    }

    #[test]
    fn without_a_preference_every_slot_is_allowed() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        let compiled = Compiled::new(&problem);
        assert!(!compiled.kinds.preferred_slots.0.is_active());
        assert!(compiled.kinds.preferred_slots.slot_allowed(0, 5));
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Math", 0, 0, 0, Some("R1")));
        assert!(!flags_move(&problem, &state, ("Fr", 0), (2, 3), Some("R1")));
    }
}
