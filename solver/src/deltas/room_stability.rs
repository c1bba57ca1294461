//! Delta of `room_stability`: per course, the number of distinct rooms used.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

pub(crate) struct RoomStability {
    n_rooms: usize,
    mult: Vec<Mult>,
}

pub(crate) struct RoomStabilityState {
    room_count: Vec<u16>,
    rooms_used: Vec<u16>,
}

impl RoomStability {
    /// A lesson of `course` takes `room`.
    #[inline]
    fn enter(&self, state: &mut RoomStabilityState, course: usize, room: usize) -> Delta {
        let count = &mut state.room_count[course * self.n_rooms + room];
        *count += 1;
        if *count > 1 {
            return Delta::ZERO;
        }
        state.rooms_used[course] += 1;
        if state.rooms_used[course] > 1 {
            Delta::of(1, self.mult[course])
        } else {
            Delta::ZERO
        }
    }

    /// A lesson of `course` leaves `room`.
    #[inline]
    fn leave(&self, state: &mut RoomStabilityState, course: usize, room: usize) -> Delta {
        let count = &mut state.room_count[course * self.n_rooms + room];
        *count -= 1;
        if *count > 0 {
            return Delta::ZERO;
        }
        state.rooms_used[course] -= 1;
        if state.rooms_used[course] >= 1 {
            Delta::of(-1, self.mult[course])
        } else {
            Delta::ZERO
        }
    }
}

impl Mirror for RoomStability {
    type Constraint = horarium_core::constraints::RoomStability;
    type State = RoomStabilityState;

    fn new(problem: &Problem) -> Self {
        RoomStability { n_rooms: problem.rooms().len(), mult: vec![Mult::default(); problem.courses().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.mult[constraint.course.index()] += mult;
    }

    fn new_state(&self, _n_slots: usize) -> RoomStabilityState {
        RoomStabilityState { room_count: vec![0; self.mult.len() * self.n_rooms], rooms_used: vec![0; self.mult.len()] }
    }

    #[inline]
    fn place(&self, state: &mut RoomStabilityState, lesson: &Placed<'_>) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        self.enter(state, lesson.course, usize::from(lesson.room))
    }

    #[inline]
    fn unplace(&self, state: &mut RoomStabilityState, lesson: &Placed<'_>) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        self.leave(state, lesson.course, usize::from(lesson.room))
    }
}
