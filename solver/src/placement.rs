//! How the search writes where a lesson is: its start slot and its room are dense `u16` indices,
//! and one value of each stands for none.
//!
//! A module of its own, depending on nothing of the crate, because the kinds in `deltas/` read
//! placements as much as the compiled problem and the search state above them do.

/// The room value of a lesson held without a room.
pub(crate) const NO_ROOM: u16 = u16::MAX;
/// The slot value of an unplaced lesson.
pub(crate) const UNPLACED: u16 = u16::MAX;
