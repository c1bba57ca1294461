//! Delta of `room_stability`: per course, the number of distinct rooms used.

use horarium_core::{CourseId, Problem};

use crate::compile::{Delta, Mult};

pub(crate) struct RoomStability {
    n_rooms: usize,
    mult: Vec<Mult>,
}

pub(crate) struct RoomStabilityState {
    room_count: Vec<u16>,
    rooms_used: Vec<u16>,
}

impl RoomStability {
    pub(crate) fn new(problem: &Problem) -> Self {
        RoomStability { n_rooms: problem.rooms().len(), mult: vec![Mult::default(); problem.courses().len()] }
    }

    pub(crate) fn add(&mut self, course: CourseId, mult: Mult) {
        self.mult[course.index()] += mult;
    }

    pub(crate) fn new_state(&self) -> RoomStabilityState {
        RoomStabilityState { room_count: vec![0; self.mult.len() * self.n_rooms], rooms_used: vec![0; self.mult.len()] }
    }

    /// A lesson of `course` takes `room`.
    #[inline]
    pub(crate) fn enter(&self, state: &mut RoomStabilityState, course: usize, room: usize) -> Delta {
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
    pub(crate) fn leave(&self, state: &mut RoomStabilityState, course: usize, room: usize) -> Delta {
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
