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
