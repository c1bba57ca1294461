//! Delta of `max_rooms`: the different rooms each list's placed lessons use, counted per room.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

/// Each list with its most rooms and level, and each lesson's lists.
pub(crate) struct MaxRooms {
    n_rooms: usize,
    lists: LessonSets<u16>,
}

/// Per search: per list and room, the list's placed lessons there; per list, its rooms in use.
pub(crate) struct State {
    count: Vec<u16>,
    rooms: Vec<u16>,
}

impl Mirror for MaxRooms {
    type Constraint = horarium_core::constraints::MaxRooms;
    type State = State;

    fn new(problem: &Problem) -> Self {
        MaxRooms { n_rooms: problem.rooms().len(), lists: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.lists.add(&constraint.lessons, constraint.max, mult);
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.lists.len() * self.n_rooms], rooms: vec![0; self.lists.len()] }
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, true)
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, false)
    }
}

impl MaxRooms {
    /// Counts `lesson` in (or out of) its room for each of its lists; the change of cost when a
    /// list comes to use one more room, or one fewer, beyond its most.
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        if lesson.room == NO_ROOM {
            return res;
        }
        for (k, &max, mult) in self.lists.of(lesson.lesson) {
            let count = &mut state.count[k * self.n_rooms + usize::from(lesson.room)];
            if entering {
                *count += 1;
                if *count == 1 {
                    state.rooms[k] += 1;
                    res += Delta::of(i64::from(state.rooms[k] > max), mult);
                }
            } else {
                *count -= 1;
                if *count == 0 {
                    res += -Delta::of(i64::from(state.rooms[k] > max), mult);
                    state.rooms[k] -= 1;
                }
            }
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_counts_the_rooms_beyond_the_most() {
        let problem = school_with(
            r#"{"kind": "max_rooms", "level": {"soft": 3}, "max": 1,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Fr", "lesson": 0}, {"course": "Sport", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 1, 0, Some("R1")),
            Add("Fr", 0, 2, 0, Some("R2")),
            Add("Sport", 0, 2, 1, None),
            Remove("Math", 0),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxRooms), [0, 0, 0, 1, 1, 1, 0].map(|n| soft(3 * n)));
    }
}
