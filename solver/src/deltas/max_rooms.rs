//! Delta of `max_rooms`: the different rooms each list's placed lessons use, counted per room.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

/// Each list with its most rooms and level, and each lesson's lists.
pub(crate) struct MaxRooms {
    n_rooms: usize,
    lists: Vec<(u16, Mult)>,
    /// Per lesson (empty until the first constraint): the lists it is in.
    of_lesson: Vec<Vec<u32>>,
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
        MaxRooms { n_rooms: problem.rooms().len(), lists: Vec::new(), of_lesson: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        if self.of_lesson.is_empty() {
            self.of_lesson = vec![Vec::new(); build.problem.lessons().len()];
        }
        #[allow(clippy::cast_possible_truncation, reason = "constraint counts fit u32")]
        let list = self.lists.len() as u32;
        for &l in &constraint.lessons {
            self.of_lesson[l.index()].push(list);
        }
        self.lists.push((constraint.max, mult));
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
        for &k in self.of_lesson.get(lesson.lesson).map_or(&[][..], Vec::as_slice) {
            let k = k as usize;
            let count = &mut state.count[k * self.n_rooms + usize::from(lesson.room)];
            let (max, mult) = self.lists[k];
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
