//! Delta of `room_capacity`: students without a seat, precomputed per course and room.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

pub(crate) struct RoomCapacity {
    n_rooms: usize,
    /// Students beyond capacity, per course and room.
    over: Vec<u32>,
    mult: Mult,
}

impl RoomCapacity {
    /// The cost of one lesson of `course` in `room`.
    #[inline]
    fn cost(&self, course: usize, room: usize) -> Delta {
        Delta::of(i64::from(self.over[course * self.n_rooms + room]), self.mult)
    }
}

impl Mirror for RoomCapacity {
    type Constraint = horarium_core::constraints::RoomCapacity;
    type State = ();

    fn new(problem: &Problem) -> Self {
        let rooms = problem.rooms();
        let over = problem.courses().iter().flat_map(|c| rooms.iter().map(move |r| c.students.saturating_sub(r.capacity))).collect();
        RoomCapacity { n_rooms: rooms.len(), over, mult: Mult::default() }
    }

    fn add(&mut self, _build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        self.mult += mult;
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        self.cost(lesson.course, usize::from(lesson.room))
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        -self.cost(lesson.course, usize::from(lesson.room))
    }

    #[inline]
    fn room_cost(&self, course: usize, room: usize) -> Delta {
        self.cost(course, room)
    }
}
