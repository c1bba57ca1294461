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
