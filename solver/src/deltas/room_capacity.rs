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

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::compile::Compiled;
    use crate::cost::Delta;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{room, run, school_with, soft};
    use crate::deltas::Mirror;

    #[test]
    fn a_room_costs_the_students_without_a_seat() {
        let problem = school_with(r#"{"kind": "room_capacity", "level": {"soft": 2}}"#);
        let compiled = Compiled::new(&problem);
        let capacity = &compiled.kinds.room_capacity;
        let course = |name| problem.course_by_name(name).unwrap().index();
        let r = |name| usize::from(room(&problem, Some(name)));
        // Math has 25 students: 5 without a seat in R1 (20), none in R2 (30); Bio's 15 fit in R1.
        assert_eq!(capacity.room_cost(course("Math"), r("R1")), Delta { hard: 0, soft: 10 });
        assert_eq!(capacity.room_cost(course("Math"), r("R2")), Delta::ZERO);
        assert_eq!(capacity.room_cost(course("Bio"), r("R1")), Delta::ZERO);
    }

    #[test]
    fn the_running_cost_counts_each_lesson_once_whatever_its_length() {
        let problem = school_with(r#"{"kind": "room_capacity", "level": {"soft": 1}}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            Add("Bio", 0, 1, 0, Some("R1")),
            Add("Sport", 0, 0, 2, None),
            Remove("Math", 0),
            Add("Art", 0, 2, 0, Some("R2")),
            Add("Art", 1, 2, 1, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::RoomCapacity), [0, 5, 10, 10, 10, 5, 5, 10].map(soft));
    }
}
