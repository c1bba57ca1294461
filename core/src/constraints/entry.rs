//! A placed lesson as the scorer sees it, shared by the view every kind scores against and the
//! table of who is busy when.

use crate::calendar::Calendar;
use crate::ids::{CourseId, LessonId, RoomId, Slot};

/// A placed lesson as the scorer sees it: a real lesson or a surplus one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) lesson: Option<LessonId>,
    pub(crate) course: CourseId,
    pub(crate) slot: Slot,
    pub(crate) length: u16,
    pub(crate) room: Option<RoomId>,
}

impl Entry {
    /// The slots the entry occupies, cut at the end of the week.
    pub(crate) fn covered_slots(&self, calendar: &Calendar) -> impl Iterator<Item = Slot> {
        let end = (self.slot.index() + usize::from(self.length)).min(calendar.n_slots());
        #[allow(clippy::cast_possible_truncation, reason = "slots are below MAX_SLOTS")]
        (self.slot.index()..end).map(|s| Slot(s as u16))
    }
}
