//! The catalog's one list of kinds, and [`Kind`], the name of every rule a timetable is scored against.
//!
//! [`for_each_kind!`] is the list; each crate generates what it needs from it: [`Kind`] here,
//! the constraint types and their dispatch in [`crate::constraints`], and in the solver the
//! compiled tables, search state and incremental calls of each kind (`solver/src/deltas/`).
//! This module depends on nothing else in the crate, so that scores can name kinds without
//! depending on the constraints that produce them.

use serde::{Deserialize, Serialize};

/// The catalog: one line per kind, `Variant(module, SerdeModel)`, in the order kinds are reported.
///
/// The variant is the kind's type in `module` (here and, for its incremental mirror, in the
/// solver's `deltas`), and its name in JSON is the module's name. Calls `$callback!` with the
/// list, so that each crate generates what it needs from the same lines.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_kind {
    ($callback:ident) => {
        $callback! {
            Conflicts(conflicts, Conflicts),
            RoomOccupancy(room_occupancy, RoomOccupancy),
            Unavailable(unavailable, UnavailableDef),
            RoomCapacity(room_capacity, RoomCapacity),
            MinWorkingDays(min_working_days, MinWorkingDaysDef),
            IsolatedLessons(isolated_lessons, IsolatedLessonsDef),
            RoomStability(room_stability, RoomStabilityDef),
            PreferredRooms(preferred_rooms, PreferredRoomsDef),
            MaxRooms(max_rooms, MaxRoomsDef),
            Clashes(clashes, Clashes),
            PreferredSlots(preferred_slots, PreferredSlotsDef),
            IdleGaps(idle_gaps, IdleGapsDef),
            LessonsPerDay(lessons_per_day, LessonsPerDayDef),
            MaxDays(max_days, MaxDaysDef),
            MinDays(min_days, MinDaysDef),
            MaxPerDay(max_per_day, MaxPerDayDef),
            SameTime(same_time, CourseSetDef),
            DifferentDays(different_days, CourseSetDef),
            Ordering(ordering, CoursePairDef),
            Consecutive(consecutive, CoursePairDef),
            MinDaysBetween(min_days_between, MinDaysBetweenDef),
            LessonSlots(lesson_slots, LessonSlotsDef),
            SameStart(same_start, SameStartDef),
            LessonPair(lesson_pair, LessonPairDef),
            NotOverlapping(not_overlapping, NotOverlappingDef),
            EarlyStart(early_start, EarlyStartDef),
            MaxDaysBetween(max_days_between, MaxDaysBetweenDef),
            MinGapBetween(min_gap_between, MinGapBetweenDef),
            MaxConsecutivePeriods(max_consecutive_periods, MaxConsecutivePeriodsDef),
            EndsDay(ends_day, EndsDayDef),
            MaxSlotsUsed(max_slots_used, MaxSlotsUsedDef),
            Spread(spread, SpreadDef),
            BusyGroups(busy_groups, GroupLimitsDef),
            BusyPerGroup(busy_per_group, GroupLimitsDef),
            LessonSpread(lesson_spread, LessonSpreadDef),
            MaxGroupsUsed(max_groups_used, MaxGroupsUsedDef),
            MaxSpan(max_span, MaxSpanDef),
            LessonsPerSlot(lessons_per_slot, LessonsPerSlotDef),
            SetsNotOverlapping(sets_not_overlapping, SetsNotOverlappingDef),
            BuildingChanges(building_changes, BuildingChangesDef),
            GroupedLessons(grouped_lessons, GroupedLessonsDef),
            SameRoomIfConsecutive(same_room_if_consecutive, SameRoomIfConsecutiveDef),
            MinRest(min_rest, MinRestDef),
            KeepPlacements(keep_placements, KeepPlacementsDef),
        }
    };
}

/// Generates [`Kind`] from the catalog.
macro_rules! define_kind {
    ($($kind:ident($module:ident, $def:ty),)*) => {
        /// A kind of rule a timetable is scored against: the built-in rules and the constraint catalog.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            /// A lesson is unplaced, or a course has more lessons than planned. Always hard.
            Unplaced,
            /// A lesson of several periods runs past the end of its day. Always hard.
            DayBoundary,
            /// A lesson is in a room its course does not accept. Always hard.
            RoomChoice,
            /// A pinned lesson is not where it was pinned. Always hard.
            Pinned,
            /// A lesson covers a break of the week. Always hard.
            Break,
            $(
                #[doc = concat!("See [`", stringify!($kind), "`](crate::constraints::", stringify!($kind), ").")]
                $kind,
            )*
        }

        impl Kind {
            /// Whether the kind is a built-in rule, which holds in every problem without being listed.
            pub fn is_built_in(self) -> bool {
                matches!(self, Kind::Unplaced | Kind::DayBoundary | Kind::RoomChoice | Kind::Pinned | Kind::Break)
            }

            /// The kind's name as used in JSON (`"min_working_days"`).
            pub fn name(self) -> &'static str {
                match self {
                    Kind::Unplaced => "unplaced",
                    Kind::DayBoundary => "day_boundary",
                    Kind::RoomChoice => "room_choice",
                    Kind::Pinned => "pinned",
                    Kind::Break => "break",
                    $(Kind::$kind => stringify!($module),)*
                }
            }
        }
    };
}

crate::for_each_kind!(define_kind);
