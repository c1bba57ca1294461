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

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with, soft};

    #[test]
    fn the_running_cost_follows_the_rooms_in_use() {
        let problem = school_with(r#"{"kind": "room_stability", "level": {"soft": 3}, "course": "Math"}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 1, 0, Some("R1")),
            Add("Math", 2, 2, 0, Some("R2")),
            // R1 stays in use by lesson 1.
            Remove("Math", 0),
            Remove("Math", 1),
            Add("Math", 0, 0, 0, Some("Gym")),
            Add("Math", 1, 1, 0, Some("R1")),
            // Other courses' rooms do not count.
            Add("Art", 0, 0, 1, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::RoomStability), [0, 0, 0, 3, 3, 0, 3, 6, 6].map(soft));
    }

    #[test]
    fn lessons_without_a_room_use_none() {
        let problem = school_with(r#"{"kind": "room_stability", "level": "hard", "course": "Sport"}"#);
        assert_eq!(run(&problem, &[Add("Sport", 0, 0, 0, None), Remove("Sport", 0)], Kind::RoomStability), [0, 0, 0].map(hard));
    }
}
