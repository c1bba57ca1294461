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
