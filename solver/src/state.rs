//! The state of one search: where every lesson is, the counters each constraint kind keeps, and
//! the running cost, all updated incrementally.
//!
//! [`State::add`] and [`State::remove`] are the only mutations; each returns the exact change of
//! cost, so a move is a few of them and undoing it is the same calls in reverse. Nothing here
//! allocates after construction. The conversion to and from [`Timetable`] is the bridge to core.

use horarium_core::{LessonId, Placement, Problem, RoomId, Slot, Timetable};

use crate::compile::Compiled;
use crate::cost::Delta;
use crate::deltas::{KindStates, Placed, Probe, RowsState};
use crate::placement::{NO_ROOM, UNPLACED};

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
    /// The lessons not placed, in no order; and per lesson its position there.
    pub(crate) unplaced: Vec<u32>,
    unplaced_pos: Vec<u32>,
    /// Per teacher and leaf group: what occupies it in each slot.
    rows: RowsState,
    /// The counters of every constraint kind.
    kinds: KindStates,
    /// The exact cost of the current assignment.
    pub(crate) cost: Delta,
}

/// Appends `lesson` to `list`, noting its position in `pos` (one entry per lesson, shared by
/// lists that never hold the same lesson, as the lessons starting in each slot).
#[inline]
fn push_listed(list: &mut Vec<u32>, pos: &mut [u32], lesson: usize) {
    #[allow(clippy::cast_possible_truncation, reason = "lesson ids and positions fit u32")]
    {
        pos[lesson] = list.len() as u32;
        list.push(lesson as u32);
    }
}

/// Removes `lesson` from `list` in constant time (the last entry takes its place), keeping `pos`
/// right for the entry that moved.
#[inline]
fn remove_listed(list: &mut Vec<u32>, pos: &mut [u32], lesson: usize) {
    let at = pos[lesson] as usize;
    list.swap_remove(at);
    if let Some(&moved) = list.get(at) {
        #[allow(clippy::cast_possible_truncation, reason = "positions fit u32")]
        {
            pos[moved as usize] = at as u32;
        }
    }
}

/// How the kinds' per-lesson hooks see `lesson` at `slot` in `room`, given `slot_of` and `room_of` as they are.
#[inline]
fn placed<'a>(c: &'a Compiled, slot_of: &'a [u16], room_of: &'a [u16], lesson: usize, slot: u16, room: u16) -> Placed<'a> {
    Placed {
        lesson,
        course: c.lesson_course[lesson] as usize,
        slot,
        length: c.lesson_length[lesson],
        day: usize::from(c.slot_day[usize::from(slot)]),
        room,
        slot_of,
        room_of,
        course_lessons: &c.course_lessons,
        lesson_length: &c.lesson_length,
    }
}

impl<'c> State<'c> {
    /// A state with every lesson unplaced.
    pub(crate) fn new(compiled: &'c Compiled) -> Self {
        let n_lessons = compiled.n_lessons();
        let n_slots = compiled.n_slots;
        #[allow(clippy::cast_possible_wrap, reason = "lesson counts are below 2^24")]
        let mut cost = Delta { hard: n_lessons as i64, soft: 0 };
        cost += compiled.kinds.empty_cost();
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
            #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
            unplaced: (0..n_lessons as u32).collect(),
            #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
            unplaced_pos: (0..n_lessons as u32).collect(),
            rows: compiled.rows.new_state(),
            kinds: compiled.kinds.new_states(n_slots),
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
            d += c.kinds.enter_slot(&mut self.kinds, course, s, before);
            #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
            {
                d += c.rows.enter(&mut self.rows, course, lesson as u32, s, |change| c.kinds.row_change(&mut self.kinds, change));
            }
            if room != NO_ROOM {
                let r = usize::from(room);
                let cell = r * c.n_slots + s;
                d += c.kinds.enter_room_slot(&mut self.kinds, r, s, self.room_slot_count[cell]);
                self.room_slot_count[cell] += 1;
                #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
                {
                    self.room_slot_lesson[cell] = lesson as u32;
                }
            }
        }
        // The lesson is still unplaced in `slot_of` while the kinds price it.
        d += c.kinds.place(&mut self.kinds, &placed(c, &self.slot_of, &self.room_of, lesson, slot, room));
        push_listed(&mut self.at_slot[start], &mut self.at_slot_pos, lesson);
        remove_listed(&mut self.unplaced, &mut self.unplaced_pos, lesson);
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
            d += c.kinds.leave_slot(&mut self.kinds, course, s, after);
            d += c.rows.leave(&mut self.rows, course, s, |change| c.kinds.row_change(&mut self.kinds, change));
            if room != NO_ROOM {
                let r = usize::from(room);
                let cell = r * c.n_slots + s;
                self.room_slot_count[cell] -= 1;
                d += c.kinds.leave_room_slot(&mut self.kinds, r, s, self.room_slot_count[cell]);
            }
        }
        // The lesson is still at `slot` in `slot_of` while the kinds price its leaving.
        d += c.kinds.unplace(&mut self.kinds, &placed(c, &self.slot_of, &self.room_of, lesson, slot, room));
        remove_listed(&mut self.at_slot[start], &mut self.at_slot_pos, lesson);
        push_listed(&mut self.unplaced, &mut self.unplaced_pos, lesson);
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

    /// Whether moving `lesson` to `slot` in `room` surely adds a hard violation, given that
    /// `leaving` (if any) leaves `slot` at the same time and that `room_taken` says a lesson that
    /// stays holds the room.
    ///
    /// Only a quick test of the commonest hard violations, asked of every kind
    /// ([`crate::deltas::Mirror::surely_violates`]): `false` proves nothing, `true` is certain.
    /// Used in the soft phase, where the current timetable has no hard violation, to reject a
    /// move without applying and undoing it.
    #[inline]
    pub(crate) fn surely_violates(&self, lesson: usize, slot: u16, room: u16, leaving: Option<usize>, room_taken: bool) -> bool {
        let c = self.compiled;
        let probe = Probe {
            course: c.lesson_course[lesson] as usize,
            slot: usize::from(slot),
            room,
            single_period_elsewhere: c.lesson_length[lesson] == 1 && self.slot_of[lesson] != slot,
            leaving_course: leaving.map(|other| c.lesson_course[other] as usize),
            room_taken,
            course_slot_count: &self.course_slot_count,
            n_slots: c.n_slots,
            rows: &c.rows,
            rows_state: &self.rows,
        };
        c.kinds.surely_violates(&self.kinds, &probe)
    }

    /// The single lesson occupying row `row` (a teacher or leaf group) at `slot`: `Ok(None)` when
    /// none, `Err(())` when several do or the one there is not known.
    #[inline]
    pub(crate) fn row_occupant(&self, row: u32, slot: u16) -> Result<Option<u32>, ()> {
        let c = self.compiled;
        match c.rows.count(&self.rows, row, usize::from(slot)) {
            0 => Ok(None),
            1 => {
                let l = c.rows.last(&self.rows, row, usize::from(slot));
                let start = self.slot_of[l as usize];
                let covers = start != UNPLACED
                    && start <= slot
                    && usize::from(slot) < usize::from(start) + usize::from(c.lesson_length[l as usize])
                    && c.rows.of_course(c.lesson_course[l as usize] as usize).contains(&row);
                if covers {
                    Ok(Some(l))
                } else {
                    Err(())
                }
            }
            _ => Err(()),
        }
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

/// The search's arrays of `timetable`, the inverse of [`assignment_to_timetable`].
#[cfg(feature = "exact")]
pub(crate) fn timetable_to_assignment(timetable: &Timetable) -> (Vec<u16>, Vec<u16>) {
    let slot_of = timetable.placements().iter().map(|p| p.map_or(UNPLACED, |p| p.slot.0)).collect();
    #[allow(clippy::cast_possible_truncation, reason = "the search numbers rooms in u16, as compile.rs checks")]
    let room_of = timetable.placements().iter().map(|p| p.and_then(|p| p.room).map_or(NO_ROOM, |r| r.0 as u16)).collect();
    (slot_of, room_of)
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// Applies random removals, placements and relocations (`op` 0 removes; the numbers pick the
    /// lesson, slot and room): after each, the running cost is the sum of the deltas and equals
    /// core's full score.
    fn check_random_ops(problem: &Problem, compiled: &Compiled, ops: &[(u32, u32, u32, u8)]) -> Result<(), TestCaseError> {
        let mut state = State::new(compiled);
        check_against_core(problem, &state);
        for &(a, b, r, op) in ops {
            let lesson = a as usize % compiled.n_lessons();
            let starts = &compiled.lesson_starts[lesson];
            let rooms = &compiled.course_rooms[compiled.lesson_course[lesson] as usize];
            if starts.is_empty() || rooms.is_empty() {
                continue;
            }
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
            check_against_core(problem, &state);
        }
        Ok(())
    }

    /// A small random school: classes split into subgroups, double periods, rooms with tags, and
    /// every school constraint kind at a random level with random parameters.
    pub(crate) fn random_school(seed: u64) -> Problem {
        use serde_json::{json, Value};
        struct Dice(crate::rng::Rng);
        impl Dice {
            fn pick(&mut self, n: usize) -> usize {
                crate::rng::below(&mut self.0, n)
            }
            fn level(&mut self) -> Value {
                if self.pick(3) == 0 {
                    json!("hard")
                } else {
                    json!({"soft": 1 + self.pick(4)})
                }
            }
        }
        let mut d = Dice(crate::rng::for_thread(seed, 0));
        let days = 2 + d.pick(3);
        let periods = 3 + d.pick(5);
        let n_teachers = 2 + d.pick(4);
        let teachers: Vec<String> = (0..n_teachers).map(|t| format!("T{t}")).collect();
        let mut groups = vec![json!({"name": "Y"})];
        let mut group_names = vec!["Y".to_owned()];
        for class in ["A", "B"] {
            groups.push(json!({"name": class, "parent": "Y"}));
            group_names.push(class.to_owned());
            if d.pick(2) == 0 {
                for sub in ["1", "2"] {
                    groups.push(json!({"name": format!("{class}{sub}"), "parent": class}));
                    group_names.push(format!("{class}{sub}"));
                }
            }
        }
        groups.push(json!({"name": "C"}));
        group_names.push("C".to_owned());
        let rooms = vec![
            json!({"name": "R0", "capacity": 30, "building": "North"}),
            json!({"name": "R1", "capacity": 20}),
            json!({"name": "Lab", "capacity": 25, "tags": ["lab"], "building": "South"}),
        ];
        let n_courses = 4 + d.pick(7);
        let mut courses = Vec::new();
        for k in 0..n_courses {
            let lengths: Vec<u16> = (0..1 + d.pick(3)).map(|_| if d.pick(4) == 0 { 2 } else { 1 }).collect();
            let room_choice: Value = match d.pick(5) {
                0 => json!({"tagged": ["lab"]}),
                1 => json!("no_room"),
                2 => json!({"only_or_none": ["R1", "Lab"]}),
                _ => json!("any"),
            };
            let mut course_groups = vec![group_names[d.pick(group_names.len())].clone()];
            if d.pick(4) == 0 {
                let other = group_names[d.pick(group_names.len())].clone();
                if !course_groups.contains(&other) {
                    course_groups.push(other);
                }
            }
            courses.push(json!({
                "name": format!("K{k}"),
                "teachers": if d.pick(5) == 0 { vec![] } else { vec![teachers[d.pick(n_teachers)].clone()] },
                "groups": course_groups,
                "students": 10 + d.pick(25),
                "lessons": lengths,
                "rooms": room_choice,
            }));
        }
        let who = |k: usize| match k % 4 {
            0 => json!("all_teachers"),
            1 => json!("all_groups"),
            2 => json!({"teacher": format!("T{}", k % n_teachers)}),
            _ => json!({"group": (["Y", "A", "B", "C"][k % 4])}),
        };
        let course = |k: usize| format!("K{}", k % n_courses);
        let slot = |k: usize| json!({"day": k % days, "period": (k / days) % periods});
        let early_who = [json!("all_groups"), json!({"teacher": "T1"}), json!({"group": "A"})];
        let mut constraints = vec![
            json!({"kind": "clashes", "level": d.level()}),
            json!({"kind": "room_occupancy", "level": d.level()}),
            json!({"kind": "room_capacity", "level": d.level()}),
            json!({"kind": "idle_gaps", "level": d.level(), "who": who(d.pick(8)), "per": "day", "max": d.pick(2)}),
            json!({"kind": "idle_gaps", "level": d.level(), "who": who(d.pick(8)), "per": (["day", "week"][d.pick(2)]), "max": d.pick(2),
                   "not_counted": (0..1 + d.pick(4)).map(|_| slot(d.pick(days * periods))).collect::<Vec<Value>>()}),
            json!({"kind": "idle_gaps", "level": d.level(), "who": who(d.pick(8)), "per": "week", "max": d.pick(3)}),
            json!({"kind": "lessons_per_day", "level": d.level(), "who": who(d.pick(8)), "min": 1 + d.pick(2), "max": 2 + d.pick(3)}),
            json!({"kind": "lessons_per_day", "level": d.level(), "who": who(d.pick(8)), "max": 1 + d.pick(3)}),
            json!({"kind": "lessons_per_day", "level": d.level(), "who": who(d.pick(8)), "min": 1 + d.pick(2), "every_day": true}),
            json!({"kind": "max_days", "level": d.level(), "who": who(d.pick(8)), "days": d.pick(days)}),
            json!({"kind": "max_days", "level": d.level(), "who": who(d.pick(8)), "days": d.pick(days),
                   "periods": (0..1 + d.pick(periods)).map(|_| d.pick(periods)).collect::<std::collections::BTreeSet<usize>>()}),
            json!({"kind": "min_days", "level": d.level(), "who": who(d.pick(8)), "days": d.pick(days + 1)}),
            json!({"kind": "max_per_day", "level": d.level(), "course": course(d.pick(9)), "max": d.pick(2)}),
            json!({"kind": "min_working_days", "level": d.level(), "course": course(d.pick(9)), "days": 1 + d.pick(days)}),
            json!({"kind": "same_time", "level": d.level(), "courses": [course(0), course(1)]}),
            json!({"kind": "same_time", "level": d.level(), "courses": [course(2), course(3), course(1)]}),
            json!({"kind": "different_days", "level": d.level(), "courses": [course(1), course(2)]}),
            json!({"kind": "ordering", "level": d.level(), "first": course(3), "then": course(0)}),
            json!({"kind": "consecutive", "level": d.level(), "first": course(2), "then": course(3)}),
            json!({"kind": "consecutive", "level": d.level(), "first": course(0), "then": course(2)}),
            json!({"kind": "isolated_lessons", "level": d.level(), "group": group_names[d.pick(group_names.len())]}),
            json!({"kind": "room_stability", "level": d.level(), "course": course(d.pick(9))}),
            json!({"kind": "max_rooms", "level": d.level(), "max": d.pick(3),
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(2), "lesson": 0}, {"course": course(3), "lesson": 0}]}),
            json!({"kind": "preferred_rooms", "level": d.level(), "courses": ([course(d.pick(9)), course(d.pick(9))].into_iter().collect::<std::collections::BTreeSet<_>>()),
                   "rooms": ([vec!["R1"], vec!["Lab", "R0"]][d.pick(2)])}),
            json!({"kind": "conflicts", "level": d.level()}),
            json!({"kind": "min_days_between", "level": d.level(), "days": 1 + d.pick(days), "consecutive_if_same_day": d.pick(2) == 0,
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(1), "lesson": 0}, {"course": course(3), "lesson": 0}]}),
            json!({"kind": "lesson_slots", "level": d.level(), "every_period": d.pick(2) == 0,
                   "lessons": [{"course": course(2), "lesson": 0}, {"course": course(0), "lesson": 0}],
                   "slots": (0..1 + d.pick(days * periods)).map(|_| slot(d.pick(days * periods))).collect::<Vec<Value>>()}),
            json!({"kind": "same_start", "level": d.level(), "period_only": d.pick(3) == 0, "lessons": [{"course": course(1), "lesson": 0}, {"course": course(3), "lesson": 0}]}),
            json!({"kind": "lesson_pair", "level": d.level(), "rule": (["consecutive", "grouped", "ordered", "ordered_if_same_day"][d.pick(4)]),
                   "first": {"course": course(2), "lesson": 0}, "then": {"course": course(1), "lesson": 0}}),
            json!({"kind": "not_overlapping", "level": d.level(), "lessons": [{"course": course(0), "lesson": 0}, {"course": course(2), "lesson": 0}]}),
            json!({"kind": "early_start", "level": d.level(), "who": (early_who[d.pick(3)].clone()),
                   "max_late_days": d.pick(3), "not_counted": (0..d.pick(4)).map(|_| slot(d.pick(days * periods))).collect::<Vec<Value>>()}),
            json!({"kind": "max_consecutive_periods", "level": d.level(), "who": who(d.pick(8)), "max": 1 + d.pick(3)}),
            json!({"kind": "ends_day", "level": d.level(), "lessons": [{"course": course(d.pick(9)), "lesson": 0}]}),
            json!({"kind": "max_slots_used", "level": d.level(), "max": d.pick(3),
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(1), "lesson": 0}, {"course": course(3), "lesson": 0}],
                   "slots": (0..1 + d.pick(6)).map(|_| slot(d.pick(days * periods))).collect::<Vec<Value>>()}),
            json!({"kind": "max_days_between", "level": d.level(), "days": d.pick(days),
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(2), "lesson": 0}, {"course": course(3), "lesson": 0}]}),
            json!({"kind": "min_gap_between", "level": d.level(), "periods": 1 + d.pick(periods),
                   "lessons": [{"course": course(1), "lesson": 0}, {"course": course(2), "lesson": 0}, {"course": course(0), "lesson": 0}]}),
        ];
        // Groups of slots that may overlap, for the kinds that count in them.
        let slot_groups = |d: &mut Dice, n: usize| -> Vec<Value> {
            (0..n).map(|_| json!({"slots": (0..1 + d.pick(5)).map(|_| slot(d.pick(days * periods))).collect::<Vec<Value>>()})).collect()
        };
        let n = 1 + d.pick(3);
        let spread_groups = slot_groups(&mut d, n);
        let n = 1 + d.pick(4);
        let busy_groups = slot_groups(&mut d, n);
        let n = 1 + d.pick(3);
        let per_group = slot_groups(&mut d, n);
        let bounded = |mut g: Value, min: usize, max: Option<usize>| {
            g["min"] = json!(min);
            if let Some(max) = max {
                g["max"] = json!(max);
            }
            g
        };
        let spread_groups: Vec<Value> =
            spread_groups.into_iter().map(|g| bounded(g, d.pick(2), (d.pick(2) == 0).then(|| 1 + d.pick(2)))).collect();
        let spread_courses: std::collections::BTreeSet<String> = (0..1 + d.pick(3)).map(|_| course(d.pick(9))).collect();
        let (busy_min, per_group_min) = (d.pick(2), d.pick(3));
        constraints.extend([
            json!({"kind": "spread", "level": d.level(), "courses": spread_courses, "groups": spread_groups}),
            json!({"kind": "busy_groups", "level": d.level(), "who": who(d.pick(8)), "groups": busy_groups, "min": busy_min,
                   "max": busy_min + d.pick(3)}),
            json!({"kind": "busy_per_group", "level": d.level(), "who": who(d.pick(8)), "groups": per_group, "min": per_group_min,
                   "max": per_group_min + 1 + d.pick(2)}),
        ]);
        // A break in a third of the schools: the kinds that read breaks are checked against them.
        let breaks = if seed % 3 == 0 { json!([{"day": 0, "period": 1}]) } else { json!([]) };
        let listed = json!([{"course": course(0), "lesson": 0}, {"course": course(1), "lesson": 0}, {"course": course(3), "lesson": 0}]);
        let n = 1 + d.pick(3);
        let spread_groups = slot_groups(&mut d, n);
        let n = 1 + d.pick(4);
        let used_groups = slot_groups(&mut d, n);
        let per_slot_min = d.pick(3);
        let per_slot_slots: Vec<Value> = (0..1 + d.pick(6))
            .map(|_| d.pick(days * periods))
            .collect::<std::collections::BTreeSet<usize>>()
            .into_iter()
            .map(slot)
            .collect();
        constraints.extend([
            json!({"kind": "lesson_spread", "level": d.level(), "lessons": listed, "groups": spread_groups, "max": d.pick(2)}),
            json!({"kind": "max_groups_used", "level": d.level(), "lessons": listed, "groups": used_groups, "max": d.pick(3)}),
            json!({"kind": "max_span", "level": d.level(), "who": who(d.pick(8)), "max": 1 + d.pick(periods)}),
            json!({"kind": "min_rest", "level": d.level(), "who": who(d.pick(8)), "min": 1 + d.pick(periods + 2), "circular": d.pick(2) == 0}),
            json!({"kind": "same_room_if_consecutive", "level": d.level(),
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(1), "lesson": 0}, {"course": course(3), "lesson": 0}, {"course": course(2), "lesson": 0}]}),
            json!({"kind": "grouped_lessons", "level": d.level(),
                   "lessons": [{"course": course(0), "lesson": 0}, {"course": course(1), "lesson": 0}, {"course": course(2), "lesson": 0}]}),
            json!({"kind": "lessons_per_day", "level": d.level(), "who": who(d.pick(8)), "min": d.pick(2), "max": 1 + d.pick(2),
                   "every_day": d.pick(3) == 0, "courses": ([course(0), course(2), course(d.pick(9))].into_iter().collect::<std::collections::BTreeSet<_>>())}),
            json!({"kind": "building_changes", "level": d.level(), "who": who(d.pick(8)), "limit": {"max_per_day": d.pick(2)}}),
            json!({"kind": "building_changes", "level": d.level(), "who": who(d.pick(8)), "limit": {"max_per_week": d.pick(3)}}),
            json!({"kind": "building_changes", "level": d.level(), "who": who(d.pick(8)), "limit": {"min_gap": 1 + d.pick(2)}}),
            json!({"kind": "max_consecutive_periods", "level": d.level(), "who": who(d.pick(8)), "max": 1 + d.pick(2),
                   "courses": ([course(1), course(d.pick(9))].into_iter().collect::<std::collections::BTreeSet<_>>())}),
            json!({"kind": "lessons_per_slot", "level": d.level(), "lessons": listed, "min": per_slot_min, "max": per_slot_min + 1 + d.pick(2),
                   "allow_empty": d.pick(2) == 0, "slots": per_slot_slots}),
            json!({"kind": "sets_not_overlapping", "level": d.level(),
                   "sets": [{"lessons": [{"course": course(0), "lesson": 0}, {"course": course(2), "lesson": 0}]},
                            {"lessons": [{"course": course(1), "lesson": 0}]}, {"lessons": [{"course": course(3), "lesson": 0}]}]}),
        ]);
        for (k, resource) in
            [json!({"teacher": "T0"}), json!({"group": "A"}), json!({"room": "Lab"}), json!({"course": course(1)})].into_iter().enumerate()
        {
            let slots: Vec<Value> = (0..1 + d.pick(days * periods)).map(|_| slot(d.pick(days * periods))).collect();
            let kind = if k % 2 == 0 { "unavailable" } else { "preferred_slots" };
            constraints.push(json!({"kind": kind, "level": d.level(), "resource": resource, "slots": slots}));
            let slots: Vec<Value> = (0..1 + d.pick(days * periods)).map(|_| slot(d.pick(days * periods))).collect();
            let other = if k % 2 == 0 { "preferred_slots" } else { "unavailable" };
            constraints.push(json!({"kind": other, "level": d.level(), "resource": {"group": "Y"}, "slots": slots}));
        }
        let mut kept: Vec<Value> = Vec::new();
        for k in 0..n_courses {
            if d.pick(2) == 0 {
                continue;
            }
            let at = d.pick(days * periods);
            let room = ["R0", "R1", "Lab"][d.pick(3)];
            let mut p = json!({"course": format!("K{k}"), "lesson": 0, "day": at % days, "period": (at / days) % periods, "room": room});
            if d.pick(3) == 0 {
                p.as_object_mut().map(|o| o.remove("room"));
            }
            kept.push(p);
        }
        constraints.push(json!({"kind": "keep_placements", "level": d.level(), "placements": kept}));
        let def = json!({
            "name": format!("random-school-{seed}"),
            "calendar": {"days": days, "periods_per_day": periods, "breaks": breaks},
            "teachers": teachers.iter().map(|t| json!({"name": t})).collect::<Vec<_>>(),
            "groups": groups,
            "rooms": rooms,
            "courses": courses,
            "constraints": constraints,
        });
        let def: horarium_core::ProblemDef = serde_json::from_value(def).expect("the random school is well-formed JSON");
        Problem::from_def(def).unwrap_or_else(|issues| panic!("random school {seed} is invalid: {issues:?}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// The school kinds (clashes through subgroups, idle gaps, daily loads, days worked, spread,
        /// parallel blocks, different days, ordering, consecutive, preferred slots) on random
        /// small schools: after each random placement, removal or relocation, the incremental
        /// cost equals core's full score.
        #[test]
        fn school_delta_equals_full_rescore(seed in any::<u64>(), ops in prop::collection::vec((any::<u32>(), any::<u32>(), any::<u32>(), 0u8..4), 1..60)) {
            let problem = random_school(seed);
            let compiled = Compiled::new(&problem);
            check_random_ops(&problem, &compiled, &ops)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Random additions, removals and relocations on real instances: after each one the
        /// incremental cost equals core's full score.
        #[test]
        fn delta_equals_full_rescore(inst in prop::sample::select(vec!["comp01", "comp05", "comp11", "comp12", "toy"]), ops in prop::collection::vec((any::<u32>(), any::<u32>(), any::<u32>(), 0u8..4), 1..120)) {
            let problem = if inst == "toy" { tiny() } else { instance(inst) };
            let compiled = Compiled::new(&problem);
            check_random_ops(&problem, &compiled, &ops)?;
        }
    }
}
