//! Delta of `same_room_if_consecutive`: a placed or unplaced lesson's pairs with the other placed
//! lessons of its lists, back to back in two rooms.

use horarium_core::constraints::same_room_adjacent;
use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::{NO_ROOM, UNPLACED};

pub(crate) struct SameRoomIfConsecutive {
    periods_per_day: u16,
    lists: LessonSets<()>,
}

impl SameRoomIfConsecutive {
    /// The pairs of `lesson`, where it is, back to back with another placed lesson of its lists in
    /// another room.
    #[inline]
    fn broken(&self, lesson: &Placed<'_>) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        let mut res = Delta::ZERO;
        for (k, (), mult) in self.lists.of(lesson.lesson) {
            let mut amount = 0;
            for &other in self.lists.lessons(k) {
                let other = other as usize;
                let (at, room) = (lesson.slot_of[other], lesson.room_of[other]);
                if other == lesson.lesson || at == UNPLACED || room == NO_ROOM || room == lesson.room {
                    continue;
                }
                if same_room_adjacent(lesson.slot, lesson.length, at, lesson.lesson_length[other], self.periods_per_day) {
                    amount += 1;
                }
            }
            res += Delta::of(amount, mult);
        }
        res
    }
}

impl Mirror for SameRoomIfConsecutive {
    type Constraint = horarium_core::constraints::SameRoomIfConsecutive;
    type State = ();

    fn new(problem: &Problem) -> Self {
        SameRoomIfConsecutive { periods_per_day: problem.calendar().periods_per_day, lists: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.lists.add(&constraint.lessons, (), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.broken(lesson)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.broken(lesson)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_counts_the_pairs_back_to_back_in_two_rooms() {
        let problem = school_with(
            r#"{"kind": "same_room_if_consecutive", "level": "hard",
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Art", 0, 0, 1, Some("R2")),
            // French at Mon 2 in R1: after Art in R2, a second pair.
            Add("Fr", 0, 0, 2, Some("R1")),
            Remove("Art", 0),
            // Art back in R1: no pair in two rooms.
            Add("Art", 0, 0, 1, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::SameRoomIfConsecutive), [0, 0, 1, 2, 0, 0].map(hard));
    }
}
