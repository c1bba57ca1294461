//! Delta of `preferred_rooms`: a lesson outside its preferred rooms, precomputed per course and room.

use horarium_core::Problem;

use super::{Build, Mirror, Placed, Probe};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

/// Per course that a preference names, what one lesson costs in each room and in none.
pub(crate) struct PreferredRooms {
    n_rooms: usize,
    /// Per course: its row in `cost`, or `NONE`.
    row_of: Vec<u32>,
    /// Per row: `n_rooms + 1` prices, the last one for no room.
    cost: Vec<Mult>,
}

const NONE: u32 = u32::MAX;

impl PreferredRooms {
    /// What one lesson of `course` costs in `room` (`NO_ROOM` for none).
    #[inline]
    fn price(&self, course: usize, room: u16) -> Mult {
        let row = self.row_of[course];
        if row == NONE {
            return Mult::default();
        }
        let column = if room == NO_ROOM { self.n_rooms } else { usize::from(room) };
        self.cost[row as usize * (self.n_rooms + 1) + column]
    }
}

impl Mirror for PreferredRooms {
    type Constraint = horarium_core::constraints::PreferredRooms;
    type State = ();

    fn new(problem: &Problem) -> Self {
        PreferredRooms { n_rooms: problem.rooms().len(), row_of: vec![NONE; problem.courses().len()], cost: Vec::new() }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let width = self.n_rooms + 1;
        for &course in &constraint.courses {
            if self.row_of[course.index()] == NONE {
                #[allow(clippy::cast_possible_truncation, reason = "one row per course, and courses fit u32")]
                let row = (self.cost.len() / width) as u32;
                self.row_of[course.index()] = row;
                self.cost.resize(self.cost.len() + width, Mult::default());
            }
            let row = self.row_of[course.index()] as usize * width;
            for (room, price) in self.cost[row..row + width].iter_mut().enumerate() {
                let held_in = (room < self.n_rooms).then(|| horarium_core::RoomId::from_index(room));
                if !constraint.is_met_by(held_in) {
                    *price += mult;
                }
            }
        }
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        Delta::of(1, self.price(lesson.course, lesson.room))
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -Delta::of(1, self.price(lesson.course, lesson.room))
    }

    #[inline]
    fn room_cost(&self, course: usize, room: usize) -> Delta {
        #[allow(clippy::cast_possible_truncation, reason = "the search's rooms are u16")]
        Delta::of(1, self.price(course, room as u16))
    }

    #[inline]
    fn forbids(&self, probe: &Probe<'_>) -> bool {
        self.price(probe.course, probe.room).hard > 0
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::formats::json::parse_problem;
    use horarium_core::Kind;

    use crate::compile::Compiled;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{flags_move, hard, run, school, school_with, soft};
    use crate::state::State;

    #[test]
    fn the_running_cost_counts_the_lessons_outside_their_rooms() {
        let problem = school_with(
            r#"{"kind": "preferred_rooms", "level": {"soft": 3}, "courses": ["Math", "Bio"], "rooms": ["R2"]},
               {"kind": "preferred_rooms", "level": {"soft": 2}, "courses": ["Math"], "rooms": ["R1", "R2"]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R2")),
            Add("Math", 1, 1, 0, Some("R1")),
            Add("Math", 2, 2, 0, Some("Gym")),
            Add("Bio", 0, 0, 1, Some("Gym")),
            Remove("Math", 2),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::PreferredRooms), [0, 0, 3, 8, 11, 6, 3].map(soft));
    }

    #[test]
    fn no_room_misses_the_preference_and_a_hard_one_is_flagged_before_the_move() {
        let json = school(r#"{"kind": "preferred_rooms", "level": "hard", "courses": ["Sport"], "rooms": ["Gym"]}"#)
            .replace(r#""rooms": "no_room""#, r#""rooms": {"only_or_none": ["R2", "Gym"]}"#);
        let problem = parse_problem("<test>", &json).expect("valid");
        let ops = [
            Add("Sport", 0, 0, 0, None),
            Remove("Sport", 0),
            Add("Sport", 0, 0, 0, Some("R2")),
            Remove("Sport", 0),
            Add("Sport", 0, 1, 0, Some("Gym")),
        ];
        assert_eq!(run(&problem, &ops, Kind::PreferredRooms), [0, 1, 0, 1, 0, 0].map(hard));
        let compiled = Compiled::new(&problem);
        assert_eq!(compiled.course_rooms[5], vec![1, 2, crate::placement::NO_ROOM], "its rooms, then none");
        let state = State::new(&compiled);
        assert!(flags_move(&problem, &state, ("Sport", 0), (0, 0), None));
        assert!(flags_move(&problem, &state, ("Sport", 0), (0, 0), Some("R2")));
        assert!(!flags_move(&problem, &state, ("Sport", 0), (0, 0), Some("Gym")));
    }
}
