//! Incremental (delta) evaluation of each constraint kind, mirroring `horarium_core::constraints`.
//!
//! Each kind has a compiled form (immutable, shared by all search threads) and, where it needs
//! one, a state of counters owned by one search. The [`crate::state::State`] tells each kind
//! about the events it cares about (a course enters or leaves a slot, a day or a room) and adds
//! up the deltas. Every delta is exact: the proptests in `state.rs` check it against
//! `horarium_core::score` after every move.

mod conflicts;
mod course_pairs;
mod course_sets;
mod isolated_lessons;
mod keep_placements;
mod max_per_day;
mod min_working_days;
mod room_capacity;
mod room_occupancy;
mod room_stability;
mod rows;
mod unavailable;

pub(crate) use conflicts::{Conflicts, ConflictsState};
pub(crate) use course_pairs::{Consecutive, ConsecutiveState, Ordering};
pub(crate) use course_sets::{DifferentDays, DifferentDaysState, SameTime, SameTimeState};
pub(crate) use isolated_lessons::{IsolatedLessons, IsolatedLessonsState};
pub(crate) use keep_placements::KeepPlacements;
pub(crate) use max_per_day::{MaxPerDay, MaxPerDayState};
pub(crate) use min_working_days::{MinWorkingDays, MinWorkingDaysState};
pub(crate) use room_capacity::RoomCapacity;
pub(crate) use room_occupancy::RoomOccupancy;
pub(crate) use room_stability::{RoomStability, RoomStabilityState};
pub(crate) use rows::{Rows, RowsState};
pub(crate) use unavailable::Unavailable;
