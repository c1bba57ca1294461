//! A score with names: [`ScoreReport`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::{Cost, Score, Violation};
use crate::entities::Entities;
use crate::ids::{LessonId, Resource, Slot};
use crate::kind::Kind;
use crate::level::Level;

/// A score as every adapter reports it.
///
/// JSON: `{"cost": {"hard": 0, "soft": 12}, "feasible": true, "breakdown": {"clashes":
/// {"hard": 0, "soft": 0, "violations": 0}, ...}, "violations": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// Hard and soft totals.
    pub cost: Cost,
    /// Whether no hard rule is violated.
    pub feasible: bool,
    /// Per kind, in catalog order: the built-in rules and every kind the problem uses, even when
    /// it costs nothing.
    pub breakdown: BTreeMap<Kind, KindTotals>,
    /// Every violation, in the order the scorer found them.
    pub violations: Vec<ViolationReport>,
}

/// What the violations of one kind add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTotals {
    /// Their share of the hard total.
    pub hard: u64,
    /// Their share of the soft total.
    pub soft: u64,
    /// How many violations.
    pub violations: usize,
}

/// One violation, with what it involves named as the problem names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationReport {
    /// The kind of rule.
    pub kind: Kind,
    /// Index of the constraint in the problem's list, or `null` for a built-in rule.
    pub constraint: Option<usize>,
    /// The rule's level: `"hard"` or `{"soft": weight}`.
    pub level: Level,
    /// Units of violation (clashes, missing days, students without a seat).
    pub amount: u64,
    /// What it adds to the totals.
    pub cost: Cost,
    /// The lessons involved.
    pub lessons: Vec<LessonRef>,
    /// The slots involved.
    pub slots: Vec<SlotRef>,
    /// The teachers, groups, rooms and courses involved.
    pub resources: Vec<ResourceRef>,
    /// One sentence for a person.
    pub message: String,
}

/// A lesson: its course's name and its index in the course, from 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRef {
    /// The course's name.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
}

/// A slot: day and period, from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotRef {
    /// Day, from 0.
    pub day: u16,
    /// Period of the day, from 0.
    pub period: u16,
}

/// A teacher, group, room or course: `{"type": "teacher", "name": "Ada"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRef {
    /// `teacher`, `group`, `room` or `course`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its name in the problem.
    pub name: String,
}

impl ScoreReport {
    /// The report of `score`, a score of a timetable of `problem`.
    pub fn new(problem: &Entities, score: &Score) -> Self {
        let mut breakdown: BTreeMap<Kind, KindTotals> =
            score.by_kind.iter().map(|k| (k.kind, KindTotals { hard: k.cost.hard, soft: k.cost.soft, violations: 0 })).collect();
        for v in &score.violations {
            breakdown.entry(v.kind).or_default().violations += 1;
        }
        ScoreReport {
            cost: score.cost,
            feasible: score.cost.is_feasible(),
            breakdown,
            violations: score.violations.iter().map(|v| ViolationReport::new(problem, v)).collect(),
        }
    }
}

impl ViolationReport {
    /// The report of one violation of a timetable of `problem`.
    pub fn new(problem: &Entities, v: &Violation) -> Self {
        ViolationReport {
            kind: v.kind,
            constraint: v.constraint,
            level: v.level,
            amount: v.amount,
            cost: v.cost,
            lessons: v.lessons.iter().map(|&l| LessonRef::new(problem, l)).collect(),
            slots: v.slots.iter().map(|&s| SlotRef::new(problem, s)).collect(),
            resources: v.resources.iter().map(|&r| ResourceRef::new(problem, r)).collect(),
            message: v.message.clone(),
        }
    }

    /// Whether the violated rule is hard.
    pub fn is_hard(&self) -> bool {
        self.level == Level::Hard
    }
}

impl LessonRef {
    /// A lesson of `problem`, by name.
    pub fn new(problem: &Entities, lesson: LessonId) -> Self {
        let l = problem.lesson(lesson);
        LessonRef { course: problem.course(l.course).name.clone(), lesson: l.index_in_course }
    }
}

impl SlotRef {
    /// A slot of `problem`'s calendar as day and period.
    pub fn new(problem: &Entities, slot: Slot) -> Self {
        SlotRef { day: problem.calendar().day(slot), period: problem.calendar().period(slot) }
    }
}

impl ResourceRef {
    /// A resource of `problem`, by type and name.
    pub fn new(problem: &Entities, resource: Resource) -> Self {
        let (kind, name) = match resource {
            Resource::Teacher(id) => ("teacher", &problem.teacher(id).name),
            Resource::Group(id) => ("group", &problem.group(id).name),
            Resource::Room(id) => ("room", &problem.room(id).name),
            Resource::Course(id) => ("course", &problem.course(id).name),
        };
        ResourceRef { kind: kind.to_owned(), name: name.clone() }
    }
}
