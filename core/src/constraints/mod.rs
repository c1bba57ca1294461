//! The closed catalog of constraint kinds.
//!
//! Each kind lives in its own file, with its parameters (the resolved form, with ids, and the
//! serde model, with names), their validation, the from-scratch cost, the sentence explaining a
//! violation and its unit tests, all behind [`ConstraintKind`]. `for_each_kind!` (in `kind.rs`)
//! holds the one line per kind from which everything that lists the kinds is generated:
//! [`Kind`] and its names there; [`Constraint`], [`ConstraintDef`], [`CATALOG`] and the
//! dispatch of validation and scoring here; and in the solver the compiled tables, the search state and the incremental
//! calls of its mirror of each kind (`solver/src/deltas/`).
//!
//! # Adding a kind
//!
//! 1. Write `core/src/constraints/<kind>.rs`: the type, its serde model (or the type itself when
//!    it names nothing), `impl ConstraintKind` and its tests; declare the module below.
//! 2. Write `solver/src/deltas/<kind>.rs`: a type of the same name implementing the solver's
//!    `Mirror`; declare the module there.
//! 3. Add one line to `for_each_kind!` in `core/src/kind.rs`, in the order kinds are reported.
//!
//! The compiler then checks that both files exist and agree: a missing module, type, trait
//! implementation or a serde model of the wrong type is a build error in both crates.

mod building_changes;
mod busy;
mod busy_groups;
mod busy_per_group;
mod clashes;
mod conflicts;
mod consecutive;
mod counted_courses;
mod course_pairs;
mod course_sets;
mod different_days;
mod early_start;
mod ends_day;
mod entry;
mod grouped_lessons;
mod idle_gaps;
mod isolated_lessons;
mod keep_placements;
mod lesson_lists;
mod lesson_pair;
mod lesson_slots;
mod lesson_spread;
mod lessons_per_day;
mod lessons_per_slot;
mod max_consecutive_periods;
mod max_days;
mod max_days_between;
mod max_groups_used;
mod max_per_day;
mod max_rooms;
mod max_slots_used;
mod max_span;
mod min_days;
mod min_days_between;
mod min_gap_between;
mod min_rest;
mod min_working_days;
mod not_overlapping;
mod ordering;
mod preferred_rooms;
mod preferred_slots;
mod room_capacity;
mod room_occupancy;
mod room_stability;
mod same_room_if_consecutive;
mod same_start;
mod same_time;
mod sets_not_overlapping;
mod slot_groups;
mod spread;
#[cfg(test)]
pub(crate) mod test_support;
mod unavailable;
pub(crate) mod view;
mod who;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::kind::Kind;
use crate::level::Level;
use crate::names::Names;

pub use crate::calendar::SlotDef;
pub use building_changes::{
    building_index, changes as building_changes_of_day, BuildingChanges, BuildingChangesDef, BuildingLimit, MAX_BUILDINGS,
};
pub use busy_groups::{BusyGroups, GroupLimits};
pub use busy_per_group::BusyPerGroup;
pub use clashes::Clashes;
pub use conflicts::Conflicts;
pub use consecutive::Consecutive;
pub use counted_courses::CountedCourses;
pub use course_pairs::CoursePairDef;
pub use course_sets::CourseSetDef;
pub use different_days::DifferentDays;
pub use early_start::{EarlyStart, EarlyStartDef};
pub use ends_day::{EndsDay, EndsDayDef};
pub use grouped_lessons::{back_to_back, GroupedLessons, GroupedLessonsDef, MAX_GROUPED};
pub use idle_gaps::{IdleGaps, IdleGapsDef, Per, MAX_PERIODS_FOR_GAPS};
pub use isolated_lessons::{IsolatedLessons, IsolatedLessonsDef};
pub use keep_placements::{KeepPlacements, KeepPlacementsDef, KeptDef};
pub use lesson_lists::LessonDef;
pub use lesson_pair::{LessonPair, LessonPairDef, PairRule};
pub use lesson_slots::{LessonSlots, LessonSlotsDef};
pub use lesson_spread::{LessonSpread, LessonSpreadDef};
pub use lessons_per_day::{LessonsPerDay, LessonsPerDayDef};
pub use lessons_per_slot::{LessonsPerSlot, LessonsPerSlotDef};
pub use max_consecutive_periods::{MaxConsecutivePeriods, MaxConsecutivePeriodsDef};
pub use max_days::{MaxDays, MaxDaysDef};
pub use max_days_between::{MaxDaysBetween, MaxDaysBetweenDef};
pub use max_groups_used::{MaxGroupsUsed, MaxGroupsUsedDef};
pub use max_per_day::{MaxPerDay, MaxPerDayDef};
pub use max_rooms::{MaxRooms, MaxRoomsDef};
pub use max_slots_used::{MaxSlotsUsed, MaxSlotsUsedDef};
pub use max_span::{MaxSpan, MaxSpanDef};
pub use min_days::{MinDays, MinDaysDef};
pub use min_days_between::{MinDaysBetween, MinDaysBetweenDef};
pub use min_gap_between::{gap_between, MinGapBetween, MinGapBetweenDef};
pub use min_rest::{day_pairs, rest_short, MinRest, MinRestDef};
pub use min_working_days::{MinWorkingDays, MinWorkingDaysDef};
pub use not_overlapping::{shared_periods, NotOverlapping, NotOverlappingDef};
pub use ordering::Ordering;
pub use preferred_rooms::{PreferredRooms, PreferredRoomsDef};
pub use preferred_slots::{PreferredSlots, PreferredSlotsDef};
pub use room_capacity::RoomCapacity;
pub use room_occupancy::RoomOccupancy;
pub use room_stability::{RoomStability, RoomStabilityDef};
pub use same_room_if_consecutive::{adjacent as same_room_adjacent, SameRoomIfConsecutive, SameRoomIfConsecutiveDef};
pub use same_start::{SameStart, SameStartDef};
pub use same_time::SameTime;
pub use sets_not_overlapping::{LessonSet, LessonSetDef, SetsNotOverlapping, SetsNotOverlappingDef};
pub use slot_groups::{GroupLimitsDef, SlotGroup, SlotGroupDef};
pub use spread::{Spread, SpreadDef, SpreadGroup, SpreadGroupDef};
pub use unavailable::{ResourceRefDef, Unavailable, UnavailableDef};
pub use who::{Who, WhoDef, WhoRow};

/// What each kind of the catalog provides, in its own file.
pub(crate) trait ConstraintKind: Sized {
    /// The kind's parameters in the serde model: names where `Self` has ids (`Self` when it names nothing).
    type Def;
    /// One sentence on what the kind measures and what one unit of violation is.
    const SUMMARY: &'static str;
    /// The kind's name in ITC-2007 track 3, where it has one.
    const ITC2007: Option<&'static str> = None;

    /// Checks the parameters against the problem's names and calendar; each problem is an
    /// [`Issue`] under `path` (such as `constraints[3]`), and then the result is `None`.
    fn resolve(def: Self::Def, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self>;

    /// The parameters in the serde model, naming what `self` refers to by id.
    fn to_def(&self, problem: &Entities) -> Self::Def;

    /// Adds every violation of this constraint in the timetable `view` shows to `sink`.
    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>);
}

/// Generates everything in core that lists the kinds.
macro_rules! define_catalog {
    ($($kind:ident($module:ident, $def:ty),)*) => {
        /// A constraint with ids resolved against its problem.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Constraint {
            $(
                #[doc = concat!("See [`", stringify!($kind), "`].")]
                $kind($kind),
            )*
        }

        /// A constraint in the serde model; JSON objects carry the kind in `"kind"`.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum ConstraintDef {
            $(
                #[doc = concat!("See [`", stringify!($kind), "`].")]
                $kind($def),
            )*
        }

        /// Every kind of the model in a fixed order: built-in rules first, then the constraint catalog.
        pub const CATALOG: &[CatalogEntry] = &[
            CatalogEntry { kind: Kind::Unplaced, summary: "every lesson is placed exactly once (always hard)", itc2007: Some("Lectures") },
            CatalogEntry { kind: Kind::DayBoundary, summary: "a lesson of several periods stays inside one day (always hard)", itc2007: None },
            CatalogEntry { kind: Kind::RoomChoice, summary: "a lesson is held in a room its course accepts (always hard)", itc2007: None },
            CatalogEntry { kind: Kind::Pinned, summary: "a pinned lesson is at its pinned slot and room (always hard)", itc2007: None },
            CatalogEntry { kind: Kind::Break, summary: "no lesson covers a break of the week (always hard)", itc2007: None },
            $(CatalogEntry {
                kind: Kind::$kind,
                summary: <$kind as ConstraintKind>::SUMMARY,
                itc2007: <$kind as ConstraintKind>::ITC2007,
            },)*
        ];

        impl Constraint {
            /// The kind of this constraint.
            pub fn kind(&self) -> Kind {
                match self {
                    $(Constraint::$kind(_) => Kind::$kind,)*
                }
            }

            pub(crate) fn resolve(def: ConstraintDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
                Some(match def {
                    $(ConstraintDef::$kind(d) => Constraint::$kind(<$kind as ConstraintKind>::resolve(d, names, calendar, path, issues)?),)*
                })
            }

            pub(crate) fn to_def(&self, problem: &Entities) -> ConstraintDef {
                match self {
                    $(Constraint::$kind(c) => ConstraintDef::$kind(c.to_def(problem)),)*
                }
            }

            pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
                match self {
                    $(Constraint::$kind(c) => c.score(view, sink),)*
                }
            }
        }
    };
}

crate::for_each_kind!(define_catalog);

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

impl Kind {
    /// The name of the matching ITC-2007 track 3 component, if there is one.
    pub fn itc2007_name(self) -> Option<&'static str> {
        CATALOG.iter().find(|e| e.kind == self).and_then(|e| e.itc2007)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_name_in_json_and_in_reports() {
        for entry in CATALOG {
            let json = serde_json::to_value(entry.kind).expect("kinds serialize");
            assert_eq!(json, entry.kind.name(), "{:?}", entry.kind);
        }
    }
}
