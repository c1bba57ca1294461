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
