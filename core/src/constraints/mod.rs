//! The closed catalog of constraint kinds.
//!
//! One variant per kind in [`Constraint`] (ids) and [`ConstraintDef`] (names, the serde model),
//! and one line per kind in [`CATALOG`], which drives the reference docs and the CLI listing.
//! Each kind lives in its own file with its parameters, validation, full-cost scoring and the
//! sentence that explains a violation. The solver mirrors each file with its delta evaluation.

mod clashes;
mod conflicts;
mod course_pairs;
mod course_sets;
mod idle_gaps;
mod isolated_lessons;
mod keep_placements;
mod lessons_per_day;
mod max_days;
mod max_per_day;
mod min_working_days;
mod preferred_slots;
mod room_capacity;
mod room_occupancy;
mod room_stability;
mod unavailable;
mod who;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Issue;
use crate::problem::{Names, Problem};
use crate::score::{Kind, Sink, View};

pub use clashes::Clashes;
pub use conflicts::Conflicts;
pub use course_pairs::{Consecutive, CoursePairDef, Ordering};
pub use course_sets::{CourseSetDef, DifferentDays, SameTime};
pub use idle_gaps::{IdleGaps, IdleGapsDef, Per, MAX_PERIODS_FOR_GAPS};
pub use isolated_lessons::{IsolatedLessons, IsolatedLessonsDef};
pub use keep_placements::{KeepPlacements, KeepPlacementsDef, KeptDef};
pub use lessons_per_day::{LessonsPerDay, LessonsPerDayDef};
pub use max_days::{MaxDays, MaxDaysDef};
pub use max_per_day::{MaxPerDay, MaxPerDayDef};
pub use min_working_days::{MinWorkingDays, MinWorkingDaysDef};
pub use preferred_slots::{PreferredSlots, PreferredSlotsDef};
pub use room_capacity::RoomCapacity;
pub use room_occupancy::RoomOccupancy;
pub use room_stability::{RoomStability, RoomStabilityDef};
pub use unavailable::{ResourceRefDef, SlotDef, Unavailable, UnavailableDef};
pub use who::{Who, WhoDef, WhoRow};

use crate::level::Level;

/// A constraint with ids resolved against its problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// See [`Conflicts`].
    Conflicts(Conflicts),
    /// See [`RoomOccupancy`].
    RoomOccupancy(RoomOccupancy),
    /// See [`Unavailable`].
    Unavailable(Unavailable),
    /// See [`RoomCapacity`].
    RoomCapacity(RoomCapacity),
    /// See [`MinWorkingDays`].
    MinWorkingDays(MinWorkingDays),
    /// See [`IsolatedLessons`].
    IsolatedLessons(IsolatedLessons),
    /// See [`RoomStability`].
    RoomStability(RoomStability),
    /// See [`Clashes`].
    Clashes(Clashes),
    /// See [`PreferredSlots`].
    PreferredSlots(PreferredSlots),
    /// See [`IdleGaps`].
    IdleGaps(IdleGaps),
    /// See [`LessonsPerDay`].
    LessonsPerDay(LessonsPerDay),
    /// See [`MaxDays`].
    MaxDays(MaxDays),
    /// See [`MaxPerDay`].
    MaxPerDay(MaxPerDay),
    /// See [`SameTime`].
    SameTime(SameTime),
    /// See [`DifferentDays`].
    DifferentDays(DifferentDays),
    /// See [`Ordering`].
    Ordering(Ordering),
    /// See [`Consecutive`].
    Consecutive(Consecutive),
    /// See [`KeepPlacements`].
    KeepPlacements(KeepPlacements),
}

/// A constraint in the serde model; JSON objects carry the kind in `"kind"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConstraintDef {
    /// See [`Conflicts`].
    Conflicts(Conflicts),
    /// See [`RoomOccupancy`].
    RoomOccupancy(RoomOccupancy),
    /// See [`Unavailable`].
    Unavailable(UnavailableDef),
    /// See [`RoomCapacity`].
    RoomCapacity(RoomCapacity),
    /// See [`MinWorkingDays`].
    MinWorkingDays(MinWorkingDaysDef),
    /// See [`IsolatedLessons`].
    IsolatedLessons(IsolatedLessonsDef),
    /// See [`RoomStability`].
    RoomStability(RoomStabilityDef),
    /// See [`Clashes`].
    Clashes(Clashes),
    /// See [`PreferredSlots`].
    PreferredSlots(PreferredSlotsDef),
    /// See [`IdleGaps`].
    IdleGaps(IdleGapsDef),
    /// See [`LessonsPerDay`].
    LessonsPerDay(LessonsPerDayDef),
    /// See [`MaxDays`].
    MaxDays(MaxDaysDef),
    /// See [`MaxPerDay`].
    MaxPerDay(MaxPerDayDef),
    /// See [`SameTime`].
    SameTime(CourseSetDef),
    /// See [`DifferentDays`].
    DifferentDays(CourseSetDef),
    /// See [`Ordering`].
    Ordering(CoursePairDef),
    /// See [`Consecutive`].
    Consecutive(CoursePairDef),
    /// See [`KeepPlacements`].
    KeepPlacements(KeepPlacementsDef),
}

/// A constraint and its level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintEntry {
    /// Hard, or soft with a weight.
    pub level: Level,
    /// What is constrained.
    pub constraint: Constraint,
}

/// A constraint and its level in the serde model: `{"kind": "min_working_days", "level": {"soft": 5}, "course": "c1", "days": 4}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConstraintEntryDef {
    /// Hard, or soft with a weight.
    pub level: Level,
    /// The kind and its parameters.
    #[serde(flatten)]
    pub constraint: ConstraintDef,
}

/// One line of the catalog: a kind's name and what it measures.
#[derive(Clone, Copy, Debug)]
pub struct CatalogEntry {
    /// The kind.
    pub kind: Kind,
    /// One sentence on what it measures.
    pub summary: &'static str,
    /// The kind's name in ITC-2007 track 3, where it has one.
    pub itc2007: Option<&'static str>,
}

/// Every kind of the model in a fixed order: built-in rules first, then the constraint catalog.
pub const CATALOG: &[CatalogEntry] = &[
    CatalogEntry { kind: Kind::Unplaced, summary: "every lesson is placed exactly once (always hard)", itc2007: Some("Lectures") },
    CatalogEntry { kind: Kind::DayBoundary, summary: "a lesson of several periods stays inside one day (always hard)", itc2007: None },
    CatalogEntry { kind: Kind::RoomChoice, summary: "a lesson is held in a room its course accepts (always hard)", itc2007: None },
    CatalogEntry { kind: Kind::Pinned, summary: "a pinned lesson is at its pinned slot and room (always hard)", itc2007: None },
    CatalogEntry { kind: Kind::Conflicts, summary: conflicts::SUMMARY, itc2007: Some("Conflicts") },
    CatalogEntry { kind: Kind::RoomOccupancy, summary: room_occupancy::SUMMARY, itc2007: Some("RoomOccupancy") },
    CatalogEntry { kind: Kind::Unavailable, summary: unavailable::SUMMARY, itc2007: Some("Availability") },
    CatalogEntry { kind: Kind::RoomCapacity, summary: room_capacity::SUMMARY, itc2007: Some("RoomCapacity") },
    CatalogEntry { kind: Kind::MinWorkingDays, summary: min_working_days::SUMMARY, itc2007: Some("MinWorkingDays") },
    CatalogEntry { kind: Kind::IsolatedLessons, summary: isolated_lessons::SUMMARY, itc2007: Some("CurriculumCompactness") },
    CatalogEntry { kind: Kind::RoomStability, summary: room_stability::SUMMARY, itc2007: Some("RoomStability") },
    CatalogEntry { kind: Kind::Clashes, summary: clashes::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::PreferredSlots, summary: preferred_slots::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::IdleGaps, summary: idle_gaps::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::LessonsPerDay, summary: lessons_per_day::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::MaxDays, summary: max_days::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::MaxPerDay, summary: max_per_day::SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::SameTime, summary: course_sets::SAME_TIME_SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::DifferentDays, summary: course_sets::DIFFERENT_DAYS_SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::Ordering, summary: course_pairs::ORDERING_SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::Consecutive, summary: course_pairs::CONSECUTIVE_SUMMARY, itc2007: None },
    CatalogEntry { kind: Kind::KeepPlacements, summary: keep_placements::SUMMARY, itc2007: None },
];

impl Constraint {
    /// The kind of this constraint.
    pub fn kind(&self) -> Kind {
        match self {
            Constraint::Conflicts(_) => Kind::Conflicts,
            Constraint::RoomOccupancy(_) => Kind::RoomOccupancy,
            Constraint::Unavailable(_) => Kind::Unavailable,
            Constraint::RoomCapacity(_) => Kind::RoomCapacity,
            Constraint::MinWorkingDays(_) => Kind::MinWorkingDays,
            Constraint::IsolatedLessons(_) => Kind::IsolatedLessons,
            Constraint::RoomStability(_) => Kind::RoomStability,
            Constraint::Clashes(_) => Kind::Clashes,
            Constraint::PreferredSlots(_) => Kind::PreferredSlots,
            Constraint::IdleGaps(_) => Kind::IdleGaps,
            Constraint::LessonsPerDay(_) => Kind::LessonsPerDay,
            Constraint::MaxDays(_) => Kind::MaxDays,
            Constraint::MaxPerDay(_) => Kind::MaxPerDay,
            Constraint::SameTime(_) => Kind::SameTime,
            Constraint::DifferentDays(_) => Kind::DifferentDays,
            Constraint::Ordering(_) => Kind::Ordering,
            Constraint::Consecutive(_) => Kind::Consecutive,
            Constraint::KeepPlacements(_) => Kind::KeepPlacements,
        }
    }

    pub(crate) fn resolve(def: ConstraintDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(match def {
            ConstraintDef::Conflicts(c) => Constraint::Conflicts(c),
            ConstraintDef::RoomOccupancy(c) => Constraint::RoomOccupancy(c),
            ConstraintDef::RoomCapacity(c) => Constraint::RoomCapacity(c),
            ConstraintDef::Unavailable(d) => Constraint::Unavailable(Unavailable::resolve(d, names, calendar, path, issues)?),
            ConstraintDef::MinWorkingDays(d) => Constraint::MinWorkingDays(MinWorkingDays::resolve(d, names, calendar, path, issues)?),
            ConstraintDef::IsolatedLessons(d) => Constraint::IsolatedLessons(IsolatedLessons::resolve(d, names, path, issues)?),
            ConstraintDef::RoomStability(d) => Constraint::RoomStability(RoomStability::resolve(d, names, path, issues)?),
            ConstraintDef::Clashes(c) => Constraint::Clashes(c),
            ConstraintDef::PreferredSlots(d) => Constraint::PreferredSlots(PreferredSlots::resolve(d, names, calendar, path, issues)?),
            ConstraintDef::IdleGaps(d) => Constraint::IdleGaps(IdleGaps::resolve(d, names, calendar, path, issues)?),
            ConstraintDef::LessonsPerDay(d) => Constraint::LessonsPerDay(LessonsPerDay::resolve(d, names, path, issues)?),
            ConstraintDef::MaxDays(d) => Constraint::MaxDays(MaxDays::resolve(d, names, path, issues)?),
            ConstraintDef::MaxPerDay(d) => Constraint::MaxPerDay(MaxPerDay::resolve(d, names, path, issues)?),
            ConstraintDef::SameTime(d) => Constraint::SameTime(SameTime::resolve(d, names, path, issues)?),
            ConstraintDef::DifferentDays(d) => Constraint::DifferentDays(DifferentDays::resolve(d, names, path, issues)?),
            ConstraintDef::Ordering(d) => Constraint::Ordering(Ordering::resolve(d, names, path, issues)?),
            ConstraintDef::Consecutive(d) => Constraint::Consecutive(Consecutive::resolve(d, names, path, issues)?),
            ConstraintDef::KeepPlacements(d) => Constraint::KeepPlacements(KeepPlacements::resolve(d, names, calendar, path, issues)?),
        })
    }

    pub(crate) fn to_def(&self, problem: &Problem) -> ConstraintDef {
        match self {
            Constraint::Conflicts(c) => ConstraintDef::Conflicts(c.clone()),
            Constraint::RoomOccupancy(c) => ConstraintDef::RoomOccupancy(c.clone()),
            Constraint::RoomCapacity(c) => ConstraintDef::RoomCapacity(c.clone()),
            Constraint::Unavailable(c) => ConstraintDef::Unavailable(c.to_def(problem)),
            Constraint::MinWorkingDays(c) => ConstraintDef::MinWorkingDays(c.to_def(problem)),
            Constraint::IsolatedLessons(c) => ConstraintDef::IsolatedLessons(c.to_def(problem)),
            Constraint::RoomStability(c) => ConstraintDef::RoomStability(c.to_def(problem)),
            Constraint::Clashes(c) => ConstraintDef::Clashes(c.clone()),
            Constraint::PreferredSlots(c) => ConstraintDef::PreferredSlots(c.to_def(problem)),
            Constraint::IdleGaps(c) => ConstraintDef::IdleGaps(c.to_def(problem)),
            Constraint::LessonsPerDay(c) => ConstraintDef::LessonsPerDay(c.to_def(problem)),
            Constraint::MaxDays(c) => ConstraintDef::MaxDays(c.to_def(problem)),
            Constraint::MaxPerDay(c) => ConstraintDef::MaxPerDay(c.to_def(problem)),
            Constraint::SameTime(c) => ConstraintDef::SameTime(c.to_def(problem)),
            Constraint::DifferentDays(c) => ConstraintDef::DifferentDays(c.to_def(problem)),
            Constraint::Ordering(c) => ConstraintDef::Ordering(c.to_def(problem)),
            Constraint::Consecutive(c) => ConstraintDef::Consecutive(c.to_def(problem)),
            Constraint::KeepPlacements(c) => ConstraintDef::KeepPlacements(c.to_def(problem)),
        }
    }

    pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        match self {
            Constraint::Conflicts(c) => c.score(view, sink),
            Constraint::RoomOccupancy(c) => c.score(view, sink),
            Constraint::Unavailable(c) => c.score(view, sink),
            Constraint::RoomCapacity(c) => c.score(view, sink),
            Constraint::MinWorkingDays(c) => c.score(view, sink),
            Constraint::IsolatedLessons(c) => c.score(view, sink),
            Constraint::RoomStability(c) => c.score(view, sink),
            Constraint::Clashes(c) => c.score(view, sink),
            Constraint::PreferredSlots(c) => c.score(view, sink),
            Constraint::IdleGaps(c) => c.score(view, sink),
            Constraint::LessonsPerDay(c) => c.score(view, sink),
            Constraint::MaxDays(c) => c.score(view, sink),
            Constraint::MaxPerDay(c) => c.score(view, sink),
            Constraint::SameTime(c) => c.score(view, sink),
            Constraint::DifferentDays(c) => c.score(view, sink),
            Constraint::Ordering(c) => c.score(view, sink),
            Constraint::Consecutive(c) => c.score(view, sink),
            Constraint::KeepPlacements(c) => c.score(view, sink),
        }
    }
}
