//! Delta of `room_capacity`: students without a seat, precomputed per course and room.

use horarium_core::Problem;

use crate::compile::{Delta, Mult};

pub(crate) struct RoomCapacity {
    n_rooms: usize,
    /// Students beyond capacity, per course and room.
    over: Vec<u32>,
    mult: Mult,
}

impl RoomCapacity {
    pub(crate) fn new(problem: &Problem) -> Self {
        let rooms = problem.rooms();
        let over = problem.courses().iter().flat_map(|c| rooms.iter().map(move |r| c.students.saturating_sub(r.capacity))).collect();
        RoomCapacity { n_rooms: rooms.len(), over, mult: Mult::default() }
    }

    pub(crate) fn add(&mut self, mult: Mult) {
        self.mult += mult;
    }

    /// The cost of one lesson of `course` in `room`.
    #[inline]
    pub(crate) fn cost(&self, course: usize, room: usize) -> Delta {
        Delta::of(i64::from(self.over[course * self.n_rooms + room]), self.mult)
    }
}
