//! Delta of `keep_placements`: per lesson, where an earlier timetable had it.

use horarium_core::constraints::KeepPlacements as Def;
use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

pub(crate) struct KeepPlacements {
    /// Per lesson: its old slots and rooms, with the level of keeping it there (usually one; empty
    /// when the kind is unused).
    anchors: Vec<Vec<(u16, u16, Mult)>>,
    /// Cost with nothing placed: every anchored lesson counts as moved.
    empty: Delta,
}

impl KeepPlacements {
    /// The change of cost when `lesson` is placed at (`slot`, `room`); the negation when it leaves.
    #[inline]
    fn placed(&self, lesson: usize, slot: u16, room: u16) -> Delta {
        let mut res = Delta::ZERO;
        for &(s, r, mult) in self.anchors.get(lesson).map_or(&[][..], Vec::as_slice) {
            if (s, r) == (slot, room) {
                res += Delta::of(-1, mult);
            }
        }
        res
    }
}

impl Mirror for KeepPlacements {
    type Constraint = Def;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        KeepPlacements { anchors: Vec::new(), empty: Delta::ZERO }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Def, mult: Mult) {
        let problem = build.problem;
        if self.anchors.is_empty() {
            self.anchors = vec![Vec::new(); problem.lessons().len()];
        }
        for &(lesson, slot, room) in &constraint.placements {
            #[allow(clippy::cast_possible_truncation, reason = "room ids fit u16")]
            let room = room.map_or(NO_ROOM, |r| r.0 as u16);
            self.anchors[lesson.index()].push((slot.0, room, mult));
            self.empty += Delta::of(1, mult);
        }
    }

    fn new_state(&self, _n_slots: usize) {}

    fn empty_cost(&self) -> Delta {
        self.empty
    }

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.placed(lesson.lesson, lesson.slot, lesson.room)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.placed(lesson.lesson, lesson.slot, lesson.room)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::compile::Compiled;
    use crate::cost::Delta;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};
    use crate::deltas::Mirror;

    const KEEP: &str = r#"{"kind": "keep_placements", "level": {"soft": 10}, "placements": [
            {"course": "Math", "lesson": 0, "day": 0, "period": 1, "room": "R1"},
            {"course": "Sport", "lesson": 0, "day": 1, "period": 0}]},
        {"kind": "keep_placements", "level": "hard", "placements": [
            {"course": "Math", "lesson": 0, "day": 0, "period": 2, "room": "R1"}]}"#;

    #[test]
    fn nothing_placed_moves_every_kept_lesson() {
        let problem = school_with(KEEP);
        let compiled = Compiled::new(&problem);
        assert_eq!(compiled.kinds.keep_placements.empty_cost(), Delta { hard: 1, soft: 20 });
    }

    #[test]
    fn the_running_cost_counts_the_lessons_away_from_their_slot_and_room() {
        let problem = school_with(KEEP);
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Sport", 0, 1, 0, None),
            Remove("Math", 0),
            Add("Math", 0, 0, 2, Some("R1")),
            Remove("Math", 0),
            // The right slot in another room is a move.
            Add("Math", 0, 0, 1, Some("R2")),
            // Lessons not kept cost nothing wherever they go.
            Add("Math", 1, 0, 1, Some("R1")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::KeepPlacements),
            [cost(1, 20), cost(1, 10), cost(1, 0), cost(1, 10), cost(0, 10), cost(1, 10), cost(1, 10), cost(1, 10)]
        );
    }

    #[test]
    fn an_unused_kind_costs_nothing() {
        let problem = school_with("");
        assert_eq!(run(&problem, &[Add("Math", 0, 0, 0, Some("R1"))], Kind::KeepPlacements), [Cost::default(); 2]);
    }
}
