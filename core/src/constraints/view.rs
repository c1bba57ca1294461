//! What a constraint kind scores against: the placed lessons indexed once ([`View`]), and where
//! its violations go ([`Sink`]).

use std::cell::OnceCell;

use crate::constraints::busy::Busy;
pub(crate) use crate::constraints::entry::Entry;
use crate::cost::{Cost, KindCost, Score, Violation};
use crate::entities::Entities;
use crate::ids::{LessonId, Resource, Slot};
use crate::kind::Kind;
use crate::level::Level;
use crate::timetable::Timetable;

/// Everything placed in a timetable, indexed once for all constraint kinds.
pub(crate) struct View<'a> {
    pub(crate) problem: &'a Entities,
    pub(crate) timetable: &'a Timetable,
    pub(crate) entries: Vec<Entry>,
    /// Indices into `entries`, per course.
    pub(crate) by_course: Vec<Vec<usize>>,
    /// Per teacher and leaf group, what occupies each slot; built by the first kind that asks.
    busy: OnceCell<Busy>,
}

impl<'a> View<'a> {
    pub(crate) fn new(problem: &'a Entities, timetable: &'a Timetable) -> Self {
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
        self.busy.get_or_init(|| Busy::new(self.problem, &self.entries))
    }

    /// The slots an entry occupies, cut at the end of the week.
    pub(crate) fn covered_slots(&self, entry: &Entry) -> impl Iterator<Item = Slot> {
        entry.covered_slots(self.problem.calendar())
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
    pub(crate) kind: Kind,
    pub(crate) constraint: Option<usize>,
    pub(crate) level: Level,
    pub(crate) score: &'s mut Score,
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
