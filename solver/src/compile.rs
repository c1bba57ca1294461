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

use horarium_core::constraints::Constraint;
use horarium_core::{CourseId, Level, Problem, RoomId, Slot};

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
    /// Per lesson: start slots where it fits inside a day, covers no break and breaks none of
    /// the hard rules on single lessons (see [`narrow_to_hard_rules`]).
    pub(crate) lesson_starts: Vec<Vec<u16>>,
    /// Per lesson: `Some(slot, room)` when pinned (room `NO_ROOM` when only the slot is pinned).
    pub(crate) lesson_pin: Vec<Option<(u16, u16)>>,
    /// Lessons the search may move.
    pub(crate) movable: Vec<u32>,
    /// Sets of movable lessons that must start together (hard `same_start`, sets sharing a
    /// lesson joined), which a block move moves at once: one at a time, each move would break
    /// the rule, so a large set would hardly ever move.
    pub(crate) blocks: Vec<Block>,
    /// Per lesson: the index of its block in `blocks`, or `NO_BLOCK`.
    pub(crate) lesson_block: Vec<u32>,
    /// Per course: the rooms it accepts, and last `NO_ROOM` when it may be held without one
    /// (`[NO_ROOM]` for a course never in a room).
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
            .map(|(c, course)| {
                (0..n_rooms)
                    .filter(|&r| problem.room_allowed(CourseId::from_index(c), RoomId::from_index(r)))
                    .map(|r| r as u16)
                    .chain(course.rooms.allows_no_room().then_some(NO_ROOM))
                    .collect()
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
        narrow_to_hard_rules(problem, &mut lesson_starts);
        for course in problem.courses() {
            for pin in &course.pinned {
                let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
                #[allow(clippy::cast_possible_truncation, reason = "room indices fit u16")]
                let room = pin.room.map_or(NO_ROOM, |r| r.0 as u16);
                lesson_pin[lesson.index()] = Some((pin.slot.0, room));
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        let movable: Vec<u32> = (0..problem.lessons().len())
            .filter(|&l| lesson_pin[l].is_none() && !lesson_starts[l].is_empty() && !course_rooms[lesson_course[l] as usize].is_empty())
            .map(|l| l as u32)
            .collect();

        let (blocks, lesson_block) = blocks(problem, &movable, &lesson_starts);
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
            blocks,
            lesson_block,
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

/// `Compiled::lesson_block` of a lesson in no block.
pub(crate) const NO_BLOCK: u32 = u32::MAX;

/// Lessons that must start together, and the slots where all of them may start.
pub(crate) struct Block {
    pub(crate) lessons: Vec<u32>,
    pub(crate) starts: Vec<u16>,
}

/// The blocks of `problem`: the lessons of its hard `same_start` sets (not `period_only`), sets that share a lesson
/// joined (union-find), left out where a lesson is not `movable` (pinned: the block cannot move)
/// or where no slot suits every lesson.
fn blocks(problem: &Problem, movable: &[u32], lesson_starts: &[Vec<u16>]) -> (Vec<Block>, Vec<u32>) {
    let n = lesson_starts.len();
    let mut is_movable = vec![false; n];
    for &l in movable {
        is_movable[l as usize] = true;
    }
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut in_set = vec![false; n];
    for entry in problem.constraints() {
        let (Level::Hard, Constraint::SameStart(same)) = (entry.level, &entry.constraint) else { continue };
        // Lessons that share only the period of the day may start on different days: no block.
        if same.period_only {
            continue;
        }
        let Some(first) = same.lessons.first() else { continue };
        for l in &same.lessons {
            in_set[l.index()] = true;
            let (a, b) = (root(&mut parent, first.index()), root(&mut parent, l.index()));
            parent[a] = b;
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<u32>> = std::collections::BTreeMap::new();
    for l in (0..n).filter(|&l| in_set[l]) {
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        members.entry(root(&mut parent, l)).or_default().push(l as u32);
    }
    let mut blocks = Vec::new();
    let mut lesson_block = vec![NO_BLOCK; n];
    for lessons in members.into_values() {
        if lessons.iter().any(|&l| !is_movable[l as usize]) {
            continue;
        }
        let mut starts = lesson_starts[lessons[0] as usize].clone();
        starts.retain(|s| lessons.iter().all(|&l| lesson_starts[l as usize].binary_search(s).is_ok()));
        if starts.is_empty() {
            continue;
        }
        for &l in &lessons {
            lesson_block[l as usize] = u32::try_from(blocks.len()).unwrap_or(NO_BLOCK);
        }
        blocks.push(Block { lessons, starts });
    }
    (blocks, lesson_block)
}

/// Leaves out of each lesson's start slots those where it would surely break a hard rule on its
/// own: cover a slot where its teacher, one of its groups or its course is unavailable (core's
/// `analysis::hard_unavailable_slots`), or start (or, for `every_period`, cover a period) outside
/// its hard `lesson_slots`. The search then never proposes such a move, which on a school with
/// many unavailable times (most FET files) is most of the random ones. A lesson left with no start
/// keeps the ones it had: its rules cannot all hold, and the search should still find it the
/// least bad place.
fn narrow_to_hard_rules(problem: &Problem, lesson_starts: &mut [Vec<u16>]) {
    let n_slots = problem.calendar().n_slots();
    let course_blocked = horarium_core::analysis::hard_unavailable_slots(problem);
    // Per lesson, the slots outside its hard `lesson_slots`: those it may not cover, and those it
    // may not start in.
    let mut no_cover: Vec<Option<Vec<bool>>> = vec![None; lesson_starts.len()];
    let mut no_start: Vec<Option<Vec<bool>>> = vec![None; lesson_starts.len()];
    for entry in problem.constraints().iter().filter(|e| e.level == Level::Hard) {
        let Constraint::LessonSlots(l) = &entry.constraint else { continue };
        let mut allowed = vec![false; n_slots];
        for slot in &l.slots {
            allowed[slot.index()] = true;
        }
        let sets = if l.every_period { &mut no_cover } else { &mut no_start };
        for lesson in &l.lessons {
            let outside = sets[lesson.index()].get_or_insert_with(|| vec![false; n_slots]);
            for (s, &ok) in allowed.iter().enumerate() {
                outside[s] |= !ok;
            }
        }
    }
    for (lesson, starts) in lesson_starts.iter_mut().enumerate() {
        let def = &problem.lessons()[lesson];
        let blocked = &course_blocked[def.course.index()];
        let length = usize::from(def.length);
        let ok = |s: &u16| {
            let covered = usize::from(*s)..usize::from(*s) + length;
            !blocked[covered.clone()].iter().any(|&x| x)
                && no_start[lesson].as_ref().is_none_or(|b| !b[covered.start])
                && no_cover[lesson].as_ref().is_none_or(|b| !b[covered].iter().any(|&x| x))
        };
        if starts.iter().any(ok) {
            starts.retain(ok);
        }
    }
}
