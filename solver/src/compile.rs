//! The problem compiled into flat arrays for the search.
//!
//! Everything the hot loop reads is here, indexed by dense integers: each lesson's course,
//! length, candidate start slots and rooms; and each constraint kind folded into the tables its
//! delta evaluation needs (see `crate::deltas`). Nothing here is serialized: it is derived
//! from the [`Problem`] and rebuilt on every solve.
//!
//! This is the top of the compiled layers: it builds the rows layer and `Kinds` from `deltas/`,
//! which in turn need only the cost units (`cost.rs`), the placement encoding (`placement.rs`)
//! and the course graph, never this module: the dependencies point one way, down.

use horarium_core::{CourseId, Problem, RoomChoice, RoomId, Slot};

use crate::deltas::{Kinds, Rows};
use crate::graph::CourseGraph;
use crate::placement::NO_ROOM;

/// The compiled problem.
pub(crate) struct Compiled {
    pub(crate) n_slots: usize,
    pub(crate) n_rooms: usize,
    /// Per slot: its day.
    pub(crate) slot_day: Vec<u16>,
    /// Per lesson: its course.
    pub(crate) lesson_course: Vec<u32>,
    /// Per lesson: its length in periods.
    pub(crate) lesson_length: Vec<u16>,
    /// Per course: its lessons, as a range of lesson ids.
    pub(crate) course_lessons: Vec<std::ops::Range<u32>>,
    /// Which courses can never meet at once (for Kempe chains and the construction order).
    pub(crate) graph: CourseGraph,
    /// Per lesson: start slots where it fits inside a day.
    pub(crate) lesson_starts: Vec<Vec<u16>>,
    /// Per lesson: `Some(slot, room)` when pinned (room `NO_ROOM` when only the slot is pinned).
    pub(crate) lesson_pin: Vec<Option<(u16, u16)>>,
    /// Lessons the search may move.
    pub(crate) movable: Vec<u32>,
    /// Per course: the rooms it accepts (`[NO_ROOM]` for a course held without a room).
    pub(crate) course_rooms: Vec<Vec<u16>>,
    pub(crate) n_courses: usize,
    /// What occupies each teacher and set of students, for the kinds that read it and for Kempe chains.
    pub(crate) rows: Rows,
    /// Every constraint, folded into its kind's compiled form.
    pub(crate) kinds: Kinds,
}

impl Compiled {
    pub(crate) fn new(problem: &Problem) -> Compiled {
        let calendar = problem.calendar();
        let n_slots = calendar.n_slots();
        let n_rooms = problem.rooms().len();
        #[allow(clippy::cast_possible_truncation, reason = "slots and rooms fit u16: MAX_SLOTS, and rooms are checked below")]
        let course_rooms: Vec<Vec<u16>> = problem
            .courses()
            .iter()
            .enumerate()
            .map(|(c, course)| match course.rooms {
                RoomChoice::NoRoom => vec![NO_ROOM],
                _ => (0..n_rooms)
                    .filter(|&r| problem.room_allowed(CourseId::from_index(c), RoomId::from_index(r)))
                    .map(|r| r as u16)
                    .collect(),
            })
            .collect();
        let mut lesson_course = Vec::with_capacity(problem.lessons().len());
        let mut lesson_length = Vec::with_capacity(problem.lessons().len());
        let mut lesson_starts = Vec::with_capacity(problem.lessons().len());
        let mut lesson_pin = vec![None; problem.lessons().len()];
        // A lesson may start where it stays inside its day and covers no break.
        let is_break: Vec<bool> = calendar.slots().map(|s| calendar.is_break(s)).collect();
        let clear = |s: Slot, length: u16| (s.index()..s.index() + usize::from(length)).all(|k| !is_break[k]);
        for lesson in problem.lessons() {
            lesson_course.push(lesson.course.0);
            lesson_length.push(lesson.length);
            lesson_starts.push(
                calendar
                    .slots()
                    .filter(|&s| problem.fits_in_day(s, lesson.length) && clear(s, lesson.length))
                    .map(|s| s.0)
                    .collect::<Vec<u16>>(),
            );
        }
        for course in problem.courses() {
            for pin in &course.pinned {
                let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
                #[allow(clippy::cast_possible_truncation, reason = "room indices fit u16")]
                let room = pin.room.map_or(NO_ROOM, |r| r.0 as u16);
                lesson_pin[lesson.index()] = Some((pin.slot.0, room));
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        let movable = (0..problem.lessons().len())
            .filter(|&l| lesson_pin[l].is_none() && !lesson_starts[l].is_empty() && !course_rooms[lesson_course[l] as usize].is_empty())
            .map(|l| l as u32)
            .collect();

        let mut rows = Rows::new(problem);
        let kinds = Kinds::new(problem, &mut rows);
        Compiled {
            n_slots,
            n_rooms,
            slot_day: calendar.slots().map(|s| calendar.day(s)).collect(),
            lesson_course,
            lesson_length,
            course_lessons: problem
                .courses()
                .iter()
                .map(|c| {
                    let mut ids = c.lessons().map(|l| l.0);
                    let first = ids.next().unwrap_or(0);
                    first..first + u32::try_from(c.n_lessons()).unwrap_or(0)
                })
                .collect(),
            graph: CourseGraph::new(problem),
            lesson_starts,
            lesson_pin,
            movable,
            course_rooms,
            n_courses: problem.courses().len(),
            rows,
            kinds,
        }
    }

    #[inline]
    pub(crate) fn n_lessons(&self) -> usize {
        self.lesson_course.len()
    }
}
