//! The exact scorer: evaluates any timetable against its problem, from scratch.
//!
//! Scoring never fails. It returns a [`Score`] with the hard and soft totals, the totals per
//! kind and every violation with the lessons, slots and resources involved and a sentence that
//! explains it. This is the oracle the solver's incremental evaluation is tested against; it
//! favours clarity over speed.

use std::cell::OnceCell;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::busy::Busy;
use crate::constraints::{Kind, CATALOG};
use crate::ids::{CourseId, LessonId, Resource, RoomId, Slot};
use crate::level::Level;
use crate::problem::{Problem, RoomChoice};
use crate::timetable::Timetable;

/// A cost: hard violations first, then soft cost. Compares lexicographically, hard first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cost {
    /// Sum of the amounts of hard violations; zero means feasible.
    pub hard: u64,
    /// Weighted sum of the amounts of soft violations.
    pub soft: u64,
}

impl Cost {
    /// Whether no hard constraint is violated.
    pub fn is_feasible(&self) -> bool {
        self.hard == 0
    }
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hard {} soft {}", self.hard, self.soft)
    }
}

/// One violated rule, with everything involved in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// What kind of rule.
    pub kind: Kind,
    /// Index of the constraint in [`Problem::constraints`], or `None` for a built-in rule.
    pub constraint: Option<usize>,
    /// The rule's level.
    pub level: Level,
    /// Units of violation (clashes, missing days, students without a seat).
    pub amount: u64,
    /// What it adds to the total.
    pub cost: Cost,
    /// Lessons involved.
    pub lessons: Vec<LessonId>,
    /// Slots involved.
    pub slots: Vec<Slot>,
    /// Teachers, groups, rooms and courses involved.
    pub resources: Vec<Resource>,
    /// One sentence for a person.
    pub message: String,
}

/// The cost of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KindCost {
    /// The kind.
    pub kind: Kind,
    /// What violations of this kind add to the totals.
    pub cost: Cost,
}

/// The evaluation of a timetable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Totals.
    pub cost: Cost,
    /// Totals per kind, in [`CATALOG`] order, for every kind the problem uses (and the built-in rules).
    pub by_kind: Vec<KindCost>,
    /// Every violation.
    pub violations: Vec<Violation>,
}

impl Score {
    /// The cost of one kind (zero if the problem does not use it).
    pub fn of_kind(&self, kind: Kind) -> Cost {
        self.by_kind.iter().find(|k| k.kind == kind).map_or(Cost::default(), |k| k.cost)
    }
}

/// Scores `timetable` against `problem`, from scratch.
///
/// # Examples
///
/// ```
/// use horarium_core::{formats::ctt, score, Timetable};
/// let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
/// let empty = Timetable::new(&problem);
/// let s = score(&problem, &empty);
/// assert_eq!(s.cost.hard, problem.lessons().len() as u64); // every lesson unplaced
/// # Ok::<(), horarium_core::Error>(())
/// ```
pub fn score(problem: &Problem, timetable: &Timetable) -> Score {
    let view = View::new(problem, timetable);
    let mut res = Score { cost: Cost::default(), by_kind: Vec::new(), violations: Vec::new() };
    for entry in CATALOG.iter().take(4) {
        res.by_kind.push(KindCost { kind: entry.kind, cost: Cost::default() });
    }
    score_builtins(&view, &mut res);
    for (idx, c) in problem.constraints().iter().enumerate() {
        let kind = c.constraint.kind();
        let mut sink = Sink { kind, constraint: Some(idx), level: c.level, score: &mut res };
        c.constraint.score(&view, &mut sink);
        if !res.by_kind.iter().any(|k| k.kind == kind) {
            res.by_kind.push(KindCost { kind, cost: Cost::default() });
        }
    }
    let order = |k: Kind| CATALOG.iter().position(|e| e.kind == k);
    res.by_kind.sort_by_key(|k| order(k.kind));
    res
}

fn score_builtins(view: &View<'_>, score: &mut Score) {
    let problem = view.problem;
    let calendar = problem.calendar();
    let mut sink = Sink { kind: Kind::Unplaced, constraint: None, level: Level::Hard, score };
    for (idx, placement) in view.timetable.placements().iter().enumerate() {
        if placement.is_none() {
            let lesson = LessonId::from_index(idx);
            let course = problem.course_of(lesson);
            let message = format!("lesson {} of course {} is not placed", problem.lesson(lesson).index_in_course + 1, course.name);
            sink.add(1, vec![lesson], Vec::new(), vec![Resource::Course(problem.lesson(lesson).course)], message);
        }
    }
    for s in view.timetable.surplus() {
        let course = problem.course(s.course);
        let message = format!(
            "course {} has a lesson at {} beyond its {} planned lessons",
            course.name,
            calendar.slot_label(s.placement.slot),
            course.n_lessons()
        );
        sink.add(1, Vec::new(), vec![s.placement.slot], vec![Resource::Course(s.course)], message);
    }
    sink.kind = Kind::DayBoundary;
    for (idx, entry) in view.entries.iter().enumerate() {
        if !problem.fits_in_day(entry.slot, entry.length) {
            let message = format!(
                "a lesson of course {} lasts {} periods from {} and runs past the end of the day",
                problem.course(entry.course).name,
                entry.length,
                calendar.slot_label(entry.slot)
            );
            sink.add(1, view.lessons_of(&[idx]), vec![entry.slot], vec![Resource::Course(entry.course)], message);
        }
    }
    sink.kind = Kind::RoomChoice;
    for (idx, entry) in view.entries.iter().enumerate() {
        let course = problem.course(entry.course);
        let problem_text = match (entry.room, &course.rooms) {
            (None, RoomChoice::NoRoom) => None,
            (None, _) => Some(format!("a lesson of course {} at {} has no room", course.name, calendar.slot_label(entry.slot))),
            (Some(r), _) if !problem.room_allowed(entry.course, r) => {
                Some(format!("course {} may not use room {} (at {})", course.name, problem.room(r).name, calendar.slot_label(entry.slot)))
            }
            (Some(_), _) => None,
        };
        if let Some(message) = problem_text {
            let mut resources = vec![Resource::Course(entry.course)];
            resources.extend(entry.room.map(Resource::Room));
            sink.add(1, view.lessons_of(&[idx]), vec![entry.slot], resources, message);
        }
    }
    sink.kind = Kind::Pinned;
    for (course_idx, course) in problem.courses().iter().enumerate() {
        for pin in &course.pinned {
            let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
            let Some(placement) = view.timetable.get(lesson) else { continue };
            if placement.slot != pin.slot || pin.room.is_some_and(|r| placement.room != Some(r)) {
                let message = format!(
                    "lesson {} of course {} is pinned to {} but placed at {}",
                    pin.lesson + 1,
                    course.name,
                    calendar.slot_label(pin.slot),
                    calendar.slot_label(placement.slot)
                );
                sink.add(
                    1,
                    vec![lesson],
                    vec![pin.slot, placement.slot],
                    vec![Resource::Course(CourseId::from_index(course_idx))],
                    message,
                );
            }
        }
    }
}

/// A placed lesson as the scorer sees it: a real lesson or a surplus one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) lesson: Option<LessonId>,
    pub(crate) course: CourseId,
    pub(crate) slot: Slot,
    pub(crate) length: u16,
    pub(crate) room: Option<RoomId>,
}

/// Everything placed in a timetable, indexed once for all constraint kinds.
pub(crate) struct View<'a> {
    pub(crate) problem: &'a Problem,
    pub(crate) timetable: &'a Timetable,
    pub(crate) entries: Vec<Entry>,
    /// Indices into `entries`, per course.
    pub(crate) by_course: Vec<Vec<usize>>,
    /// Per teacher and leaf group, what occupies each slot; built by the first kind that asks.
    busy: OnceCell<Busy>,
}

impl<'a> View<'a> {
    fn new(problem: &'a Problem, timetable: &'a Timetable) -> Self {
        let mut entries = Vec::with_capacity(problem.lessons().len());
        for (idx, placement) in timetable.placements().iter().enumerate() {
            if let Some(p) = placement {
                let lesson = LessonId::from_index(idx);
                let info = problem.lesson(lesson);
                entries.push(Entry { lesson: Some(lesson), course: info.course, slot: p.slot, length: info.length, room: p.room });
            }
        }
        for s in timetable.surplus() {
            entries.push(Entry { lesson: None, course: s.course, slot: s.placement.slot, length: 1, room: s.placement.room });
        }
        let mut by_course = vec![Vec::new(); problem.courses().len()];
        for (idx, e) in entries.iter().enumerate() {
            by_course[e.course.index()].push(idx);
        }
        Self { problem, timetable, entries, by_course, busy: OnceCell::new() }
    }

    /// Per teacher and leaf group, the entries occupying each slot.
    pub(crate) fn busy(&self) -> &Busy {
        self.busy.get_or_init(|| Busy::new(self))
    }

    /// The slots an entry occupies, cut at the end of the week.
    pub(crate) fn covered_slots(&self, entry: &Entry) -> impl Iterator<Item = Slot> {
        let end = (entry.slot.index() + usize::from(entry.length)).min(self.problem.calendar().n_slots());
        #[allow(clippy::cast_possible_truncation, reason = "slots are below MAX_SLOTS")]
        (entry.slot.index()..end).map(|s| Slot(s as u16))
    }

    #[allow(clippy::cast_possible_truncation, reason = "slots are below MAX_SLOTS")]
    pub(crate) fn slot(&self, idx: usize) -> Slot {
        Slot(idx as u16)
    }

    /// The real lessons among some entries.
    pub(crate) fn lessons_of(&self, entries: &[usize]) -> Vec<LessonId> {
        entries.iter().filter_map(|&e| self.entries[e].lesson).collect()
    }

    /// Whether an entry uses a resource.
    pub(crate) fn uses(&self, entry: &Entry, resource: Resource) -> bool {
        let course = self.problem.course(entry.course);
        match resource {
            Resource::Teacher(t) => course.teachers.contains(&t),
            Resource::Group(g) => self.problem.course_involves_group(entry.course, g),
            Resource::Room(r) => entry.room == Some(r),
            Resource::Course(c) => entry.course == c,
        }
    }

    /// "teacher", "Smith" for a resource.
    pub(crate) fn describe(&self, resource: Resource) -> (&'static str, &'a str) {
        let p = self.problem;
        match resource {
            Resource::Teacher(t) => ("teacher", &p.teacher(t).name),
            Resource::Group(g) => ("group", &p.group(g).name),
            Resource::Room(r) => ("room", &p.room(r).name),
            Resource::Course(c) => ("course", &p.course(c).name),
        }
    }
}

/// Where one constraint's violations go.
pub(crate) struct Sink<'s> {
    kind: Kind,
    constraint: Option<usize>,
    level: Level,
    score: &'s mut Score,
}

impl Sink<'_> {
    /// Records a violation of `amount` units; a zero amount records nothing.
    pub(crate) fn add(&mut self, amount: u64, lessons: Vec<LessonId>, slots: Vec<Slot>, resources: Vec<Resource>, message: String) {
        if amount == 0 {
            return;
        }
        let (hard, soft) = self.level.cost(amount);
        let cost = Cost { hard, soft };
        self.score.cost.hard += hard;
        self.score.cost.soft += soft;
        match self.score.by_kind.iter_mut().find(|k| k.kind == self.kind) {
            Some(k) => {
                k.cost.hard += hard;
                k.cost.soft += soft;
            }
            None => self.score.by_kind.push(KindCost { kind: self.kind, cost }),
        }
        self.score.violations.push(Violation {
            kind: self.kind,
            constraint: self.constraint,
            level: self.level,
            amount,
            cost,
            lessons,
            slots,
            resources,
            message,
        });
    }
}
