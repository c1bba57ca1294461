//! Delta of `room_occupancy`: lessons beyond the first in a room and slot.
//!
//! The counts per room and slot live in the search state (`state.rs`), which the move generator
//! also reads to find the lesson to swap with; this kind only prices the change of count that the
//! `enter_room_slot` and `leave_room_slot` hooks report, so it needs nothing from the state.

use horarium_core::Problem;

use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};

#[derive(Default)]
pub(crate) struct RoomOccupancy {
    mult: Mult,
}

impl RoomOccupancy {
    /// Whether a room holding two lessons is a hard violation.
    #[inline]
    fn is_hard(&self) -> bool {
        self.mult.hard > 0
    }

    /// A lesson enters a room and slot that held `before` lessons.
    #[inline]
    fn enter(&self, before: u16) -> Delta {
        if before > 0 {
            Delta::of(1, self.mult)
        } else {
            Delta::ZERO
        }
    }

    /// A lesson leaves a room and slot that keeps `after` lessons.
    #[inline]
    fn leave(&self, after: u16) -> Delta {
        if after > 0 {
            Delta::of(-1, self.mult)
        } else {
            Delta::ZERO
        }
    }
}

impl Mirror for RoomOccupancy {
    type Constraint = horarium_core::constraints::RoomOccupancy;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        RoomOccupancy::default()
    }

    fn add(&mut self, _build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        self.mult += mult;
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn enter_room_slot(&self, _state: &mut (), _room: usize, _slot: usize, before: u16) -> Delta {
        self.enter(before)
    }

    #[inline]
    fn leave_room_slot(&self, _state: &mut (), _room: usize, _slot: usize, after: u16) -> Delta {
        self.leave(after)
    }

    /// The room is held by a lesson that stays.
    #[inline]
    fn forbids(&self, probe: &Probe<'_>) -> bool {
        probe.room_taken && self.is_hard()
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::RoomOccupancy;
    use crate::compile::Compiled;
    use crate::cost::{Delta, Mult};
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{flags_move, hard, kind_cost, run, school_with, soft, step};
    use crate::state::State;

    #[test]
    fn each_lesson_beyond_the_first_in_a_room_and_slot_is_one_unit() {
        let occupancy = RoomOccupancy { mult: Mult { hard: 0, soft: 2 } };
        assert_eq!(occupancy.enter(0), Delta::ZERO);
        assert_eq!(occupancy.enter(1), Delta { hard: 0, soft: 2 });
        assert_eq!(occupancy.enter(4), Delta { hard: 0, soft: 2 });
        assert_eq!(occupancy.leave(0), Delta::ZERO);
        assert_eq!(occupancy.leave(1), Delta { hard: 0, soft: -2 });
    }

    #[test]
    fn the_running_cost_follows_the_lessons_sharing_a_room() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": "hard"}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Art", 0, 0, 0, Some("R1")),
            Add("Fr", 0, 0, 0, Some("R1")),
            // Bio's double covers Mon 1 and 2; De joins it at Mon 2.
            Add("Bio", 0, 0, 1, Some("R1")),
            Add("De", 0, 0, 2, Some("R1")),
            Remove("Math", 0),
            // Without a room, nothing to share.
            Add("Sport", 0, 0, 0, None),
        ];
        assert_eq!(run(&problem, &ops, Kind::RoomOccupancy), [0, 0, 1, 2, 2, 3, 2, 2].map(hard));
    }

    #[test]
    fn a_taken_room_is_forbidden_when_hard_and_the_move_shares_it() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": "hard"}"#);
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Math", 0, 0, 0, Some("R1")));
        step(&problem, &mut state, Add("Art", 0, 1, 0, Some("R1")));
        assert!(!flags_move(&problem, &state, ("Art", 0), (0, 0), Some("R2")));
        assert!(flags_move(&problem, &state, ("Art", 0), (0, 0), Some("R1")));
        step(&problem, &mut state, Remove("Art", 0));
        step(&problem, &mut state, Add("Art", 0, 0, 0, Some("R1")));
        assert_eq!(kind_cost(&problem, &state, Kind::RoomOccupancy), hard(1));

        let problem = school_with(r#"{"kind": "room_occupancy", "level": {"soft": 1}}"#);
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Math", 0, 0, 0, Some("R1")));
        assert!(!flags_move(&problem, &state, ("Art", 0), (0, 0), Some("R1")));
        assert_eq!(
            run(&problem, &[Add("Math", 0, 0, 0, Some("R1")), Add("Art", 0, 0, 0, Some("R1"))], Kind::RoomOccupancy),
            [0, 0, 1].map(soft)
        );
    }
}
