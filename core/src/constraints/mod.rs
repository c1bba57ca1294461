//! The closed catalog of constraint kinds.
//!
//! One variant per kind in [`Constraint`] (ids) and [`ConstraintDef`] (names, the serde model),
//! and one line per kind in [`CATALOG`], which drives the reference docs and the CLI listing.
//! Each kind lives in its own file with its parameters, validation, full-cost scoring and the
//! sentence that explains a violation. The solver mirrors each file with its delta evaluation.

mod conflicts;
mod isolated_lessons;
mod min_working_days;
mod room_capacity;
mod room_occupancy;
mod room_stability;
mod unavailable;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Issue;
use crate::problem::{Names, Problem};
use crate::score::{Kind, Sink, View};

pub use conflicts::Conflicts;
pub use isolated_lessons::{IsolatedLessons, IsolatedLessonsDef};
pub use min_working_days::{MinWorkingDays, MinWorkingDaysDef};
pub use room_capacity::RoomCapacity;
pub use room_occupancy::RoomOccupancy;
pub use room_stability::{RoomStability, RoomStabilityDef};
pub use unavailable::{ResourceRefDef, SlotDef, Unavailable, UnavailableDef};

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
        }
    }
}
