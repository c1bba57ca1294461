//! The state of one search: where every lesson is, the counters each constraint kind keeps, and
//! the running cost, all updated incrementally.
//!
//! [`State::add`] and [`State::remove`] are the only mutations; each returns the exact change of
//! cost, so a move is a few of them and undoing it is the same calls in reverse. Nothing here
//! allocates after construction. The conversion to and from [`Timetable`] is the bridge to core.

use horarium_core::{LessonId, Placement, Problem, RoomId, Slot, Timetable};

use crate::compile::{Compiled, Delta, NO_ROOM, UNPLACED};
use crate::deltas::{ConflictsState, IsolatedLessonsState, MinWorkingDaysState, RoomStabilityState};

pub(crate) struct State<'c> {
    pub(crate) compiled: &'c Compiled,
    /// Per lesson: start slot, or `UNPLACED`.
    pub(crate) slot_of: Vec<u16>,
    /// Per lesson: room, or `NO_ROOM`.
    pub(crate) room_of: Vec<u16>,
    /// Per course and slot: lessons of the course covering the slot.
    course_slot_count: Vec<u16>,
    /// Per room and slot: lessons in the room covering the slot.
    pub(crate) room_slot_count: Vec<u16>,
    /// Per room and slot: a lesson in it (meaningful when the count is 1), for swaps.
    room_slot_lesson: Vec<u32>,
    /// Per slot: the lessons starting there, for Kempe chains.
    pub(crate) at_slot: Vec<Vec<u32>>,
    /// Per lesson: its position in `at_slot` of its slot.
    at_slot_pos: Vec<u32>,
    conflicts: ConflictsState,
    min_working_days: MinWorkingDaysState,
    isolated_lessons: IsolatedLessonsState,
    room_stability: RoomStabilityState,
    /// The exact cost of the current assignment.
    pub(crate) cost: Delta,
}

impl<'c> State<'c> {
    /// A state with every lesson unplaced.
    pub(crate) fn new(compiled: &'c Compiled) -> Self {
        let n_lessons = compiled.n_lessons();
        let n_slots = compiled.n_slots;
        #[allow(clippy::cast_possible_wrap, reason = "lesson counts are below 2^24")]
        let mut cost = Delta { hard: n_lessons as i64, soft: 0 };
        cost += compiled.min_working_days.empty_cost();
        State {
            compiled,
            slot_of: vec![UNPLACED; n_lessons],
            room_of: vec![NO_ROOM; n_lessons],
            course_slot_count: vec![0; compiled.n_courses * n_slots],
            room_slot_count: vec![0; compiled.n_rooms * n_slots],
            room_slot_lesson: vec![u32::MAX; compiled.n_rooms * n_slots],
            // Full capacity up front, so that `add` never reallocates during the search.
            at_slot: (0..n_slots).map(|_| Vec::with_capacity(n_lessons)).collect(),
            at_slot_pos: vec![u32::MAX; n_lessons],
            conflicts: compiled.conflicts.new_state(n_slots),
            min_working_days: compiled.min_working_days.new_state(),
            isolated_lessons: compiled.isolated_lessons.new_state(),
            room_stability: compiled.room_stability.new_state(),
            cost,
        }
    }

    /// Places an unplaced lesson at `slot` in `room` (`NO_ROOM` for none); returns the change of cost.
    #[inline]
    pub(crate) fn add(&mut self, lesson: usize, slot: u16, room: u16) -> Delta {
        debug_assert_eq!(self.slot_of[lesson], UNPLACED);
        let c = self.compiled;
        let course = c.lesson_course[lesson] as usize;
        let start = usize::from(slot);
        let mut d = Delta { hard: -1, soft: 0 };
        for s in start..start + usize::from(c.lesson_length[lesson]) {
            let count = &mut self.course_slot_count[course * c.n_slots + s];
            let before = *count;
            *count += 1;
            d += c.conflicts.enter(&mut self.conflicts, course, s, before);
            if before == 0 {
                d += c.isolated_lessons.presence(&mut self.isolated_lessons, course, s, 1);
            }
            d += c.unavailable.course(course, s);
            if room != NO_ROOM {
                let r = usize::from(room);
                let cell = r * c.n_slots + s;
                d += c.room_occupancy.enter(self.room_slot_count[cell]);
                self.room_slot_count[cell] += 1;
                #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
                {
                    self.room_slot_lesson[cell] = lesson as u32;
                }
                d += c.unavailable.room(r, s);
            }
        }
        d += c.min_working_days.enter(&mut self.min_working_days, course, usize::from(c.slot_day[start]));
        if room != NO_ROOM {
            let r = usize::from(room);
            d += c.room_capacity.cost(course, r);
            d += c.room_stability.enter(&mut self.room_stability, course, r);
        }
        let list = &mut self.at_slot[start];
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids and positions fit u32")]
        {
            self.at_slot_pos[lesson] = list.len() as u32;
            list.push(lesson as u32);
        }
        self.slot_of[lesson] = slot;
        self.room_of[lesson] = room;
        self.cost += d;
        d
    }

    /// Unplaces a placed lesson; returns the change of cost.
    #[inline]
    pub(crate) fn remove(&mut self, lesson: usize) -> Delta {
        let c = self.compiled;
        let slot = self.slot_of[lesson];
        debug_assert_ne!(slot, UNPLACED);
        let room = self.room_of[lesson];
        let course = c.lesson_course[lesson] as usize;
        let start = usize::from(slot);
        let mut d = Delta { hard: 1, soft: 0 };
        for s in start..start + usize::from(c.lesson_length[lesson]) {
            let count = &mut self.course_slot_count[course * c.n_slots + s];
            *count -= 1;
            let after = *count;
            d += c.conflicts.leave(&mut self.conflicts, course, s, after);
            if after == 0 {
                d += c.isolated_lessons.presence(&mut self.isolated_lessons, course, s, -1);
            }
            d += -c.unavailable.course(course, s);
            if room != NO_ROOM {
                let r = usize::from(room);
                let cell = r * c.n_slots + s;
                self.room_slot_count[cell] -= 1;
                d += c.room_occupancy.leave(self.room_slot_count[cell]);
                d += -c.unavailable.room(r, s);
            }
        }
        d += c.min_working_days.leave(&mut self.min_working_days, course, usize::from(c.slot_day[start]));
        if room != NO_ROOM {
            let r = usize::from(room);
            d += -c.room_capacity.cost(course, r);
            d += c.room_stability.leave(&mut self.room_stability, course, r);
        }
        let list = &mut self.at_slot[start];
        let pos = self.at_slot_pos[lesson] as usize;
        list.swap_remove(pos);
        if let Some(&moved) = list.get(pos) {
            #[allow(clippy::cast_possible_truncation, reason = "positions fit u32")]
            {
                self.at_slot_pos[moved as usize] = pos as u32;
            }
        }
        self.slot_of[lesson] = UNPLACED;
        self.room_of[lesson] = NO_ROOM;
        self.cost += d;
        d
    }

    /// The single lesson occupying `room` at `slot`: `Ok(None)` when free, `Err(())` when
    /// several lessons share it (no single swap partner).
    #[inline]
    pub(crate) fn occupant(&self, room: u16, slot: u16) -> Result<Option<u32>, ()> {
        if room == NO_ROOM {
            return Ok(None);
        }
        let cell = usize::from(room) * self.compiled.n_slots + usize::from(slot);
        match self.room_slot_count[cell] {
            0 => Ok(None),
            1 => {
                let l = self.room_slot_lesson[cell];
                // The remembered occupant may have left while another stayed; check it still covers the cell.
                if self.covers(l as usize, room, slot) {
                    Ok(Some(l))
                } else {
                    Err(())
                }
            }
            _ => Err(()),
        }
    }

    #[inline]
    fn covers(&self, lesson: usize, room: u16, slot: u16) -> bool {
        let start = self.slot_of[lesson];
        self.room_of[lesson] == room
            && start != UNPLACED
            && start <= slot
            && usize::from(slot) < usize::from(start) + usize::from(self.compiled.lesson_length[lesson])
    }

    /// Moves every lesson to the given assignment (used to restart from a best timetable).
    pub(crate) fn reset_to(&mut self, slot_of: &[u16], room_of: &[u16]) {
        for lesson in 0..self.slot_of.len() {
            if self.slot_of[lesson] != UNPLACED {
                self.remove(lesson);
            }
        }
        for lesson in 0..slot_of.len() {
            if slot_of[lesson] != UNPLACED {
                self.add(lesson, slot_of[lesson], room_of[lesson]);
            }
        }
    }

    /// Whether moving single-period `lesson` to `slot` in `room` surely creates a hard clash or
    /// uses an unavailable slot, given that `leaving` (if any) leaves `slot` at the same time.
    ///
    /// Only a quick test of the commonest hard violations: `false` proves nothing, `true` is
    /// certain. Used in the soft phase, where the current timetable has no hard violation, to
    /// reject a move without applying and undoing it.
    #[inline]
    pub(crate) fn surely_violates(&self, lesson: usize, slot: u16, room: u16, leaving: Option<usize>) -> bool {
        let c = self.compiled;
        let course = c.lesson_course[lesson] as usize;
        let s = usize::from(slot);
        if c.unavailable.course(course, s).hard > 0 || (room != NO_ROOM && c.unavailable.room(usize::from(room), s).hard > 0) {
            return true;
        }
        if c.lesson_length[lesson] != 1 || self.slot_of[lesson] == slot || !c.conflicts.is_hard() {
            return false;
        }
        let mut own = i64::from(self.course_slot_count[course * c.n_slots + s]);
        let mut others = c.conflicts.count_present_neighbours(&self.conflicts, course, s);
        if let Some(other) = leaving {
            let other_course = c.lesson_course[other] as usize;
            let last = self.course_slot_count[other_course * c.n_slots + s] == 1;
            if other_course == course {
                own -= 1;
            } else if last && c.conflicts.conflict(course, other_course) {
                others -= 1;
            }
        }
        own > 0 || others > 0
    }

    /// Whether `room` is free at `slot`.
    #[inline]
    pub(crate) fn room_free(&self, room: u16, slot: u16) -> bool {
        room == NO_ROOM || self.room_slot_count[usize::from(room) * self.compiled.n_slots + usize::from(slot)] == 0
    }

    /// Places every pinned lesson at its pin; a pin without a room takes the room `timetable` gives
    /// the lesson if the course accepts it, else the course's first room.
    pub(crate) fn place_pins(&mut self, timetable: Option<&Timetable>) {
        let c = self.compiled;
        for lesson in 0..c.n_lessons() {
            if let Some((slot, room)) = c.lesson_pin[lesson] {
                let room = if room == NO_ROOM { self.pick_pinned_room(lesson, timetable) } else { room };
                if self.slot_of[lesson] != UNPLACED {
                    self.remove(lesson);
                }
                self.add(lesson, slot, room);
            }
        }
    }

    /// Loads the placements of a timetable for the lessons that are not pinned. Placements the
    /// search could not produce (outside a lesson's domain) are dropped, so the construction will
    /// place those lessons again.
    pub(crate) fn load(&mut self, timetable: &Timetable) {
        let c = self.compiled;
        for lesson in 0..c.n_lessons() {
            if c.lesson_pin[lesson].is_some() {
                continue;
            }
            if let Some((slot, room)) = timetable.placements()[lesson].and_then(|p| self.admissible(lesson, p)) {
                if self.slot_of[lesson] != UNPLACED {
                    self.remove(lesson);
                }
                self.add(lesson, slot, room);
            }
        }
    }

    fn pick_pinned_room(&self, lesson: usize, timetable: Option<&Timetable>) -> u16 {
        let rooms = &self.compiled.course_rooms[self.compiled.lesson_course[lesson] as usize];
        let given = timetable.and_then(|t| t.placements()[lesson]).and_then(|p| p.room).map(|r| r.index());
        #[allow(clippy::cast_possible_truncation, reason = "room ids fit u16")]
        match given {
            Some(r) if rooms.contains(&(r as u16)) => r as u16,
            _ => rooms.first().copied().unwrap_or(NO_ROOM),
        }
    }

    /// The placement as the search encodes it, if it lies in the lesson's domain.
    fn admissible(&self, lesson: usize, p: Placement) -> Option<(u16, u16)> {
        let c = self.compiled;
        let rooms = &c.course_rooms[c.lesson_course[lesson] as usize];
        #[allow(clippy::cast_possible_truncation, reason = "room ids fit u16")]
        let room = p.room.map_or(NO_ROOM, |r| r.0 as u16);
        (c.lesson_starts[lesson].binary_search(&p.slot.0).is_ok() && rooms.contains(&room)).then_some((p.slot.0, room))
    }

    /// The current assignment as a core timetable.
    #[cfg(any(test, feature = "debug-checks"))]
    pub(crate) fn to_timetable(&self, problem: &Problem) -> Timetable {
        assignment_to_timetable(problem, &self.slot_of, &self.room_of)
    }
}

/// Builds a core timetable from per-lesson slot and room arrays.
pub(crate) fn assignment_to_timetable(problem: &Problem, slot_of: &[u16], room_of: &[u16]) -> Timetable {
    let mut res = Timetable::new(problem);
    for (lesson, (&slot, &room)) in slot_of.iter().zip(room_of).enumerate() {
        if slot == UNPLACED {
            continue;
        }
        let placement = Placement { slot: Slot(slot), room: (room != NO_ROOM).then(|| RoomId(u32::from(room))) };
        // The search only produces slots and rooms of the problem.
        let stored = res.set(LessonId::from_index(lesson), Some(placement));
        debug_assert!(stored.is_ok());
    }
    res
}

#[cfg(test)]
mod tests {
    use horarium_core::formats::ctt;
    use proptest::prelude::*;

    use super::*;

    fn check_against_core(problem: &Problem, state: &State<'_>) {
        let full = horarium_core::score(problem, &state.to_timetable(problem));
        #[allow(clippy::cast_possible_wrap, reason = "test costs are small")]
        let expected = Delta { hard: full.cost.hard as i64, soft: full.cost.soft as i64 };
        assert_eq!(state.cost, expected, "incremental cost differs from core's full re-score");
    }

    fn tiny() -> Problem {
        ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt")).unwrap().to_problem().unwrap()
    }

    #[test]
    fn empty_state_costs_what_core_says() {
        let problem = tiny();
        let compiled = Compiled::new(&problem);
        let state = State::new(&compiled);
        check_against_core(&problem, &state);
    }

    fn instance(name: &str) -> Problem {
        horarium_core::formats::read_problem(&horarium_fixtures::itc2007_instance(name)).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Random additions, removals and relocations on real instances: after each one the
        /// incremental cost equals core's full score.
        #[test]
        fn delta_equals_full_rescore(inst in prop::sample::select(vec!["comp01", "comp05", "comp11", "comp12", "toy"]), ops in prop::collection::vec((any::<u32>(), any::<u32>(), any::<u32>(), 0u8..4), 1..120)) {
            let problem = if inst == "toy" { tiny() } else { instance(inst) };
            let compiled = Compiled::new(&problem);
            let mut state = State::new(&compiled);
            for (a, b, r, op) in ops {
                let lesson = a as usize % compiled.n_lessons();
                let starts = &compiled.lesson_starts[lesson];
                let rooms = &compiled.course_rooms[compiled.lesson_course[lesson] as usize];
                let slot = starts[b as usize % starts.len()];
                let room = rooms[r as usize % rooms.len()];
                let before = state.cost;
                let mut delta = Delta::ZERO;
                if state.slot_of[lesson] != UNPLACED {
                    delta += state.remove(lesson);
                }
                if op != 0 {
                    delta += state.add(lesson, slot, room);
                }
                prop_assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, state.cost);
                check_against_core(&problem, &state);
            }
        }
    }
}
