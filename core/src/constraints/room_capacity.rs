//! `room_capacity`: a lesson's students fit in its room.

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::ids::Resource;

const SUMMARY: &str = "a lesson's students fit in its room; one unit per student without a seat";

/// The students of a course fit in the room of each of its lessons.
///
/// The amount of a lesson is the number of its course's students beyond the room's capacity,
/// as ITC-2007 track 3 counts `RoomCapacity` (there `Soft(1)`). With `Hard`, every student
/// without a seat counts one in the hard total.
///
/// ```json
/// {"kind": "room_capacity", "level": {"soft": 1}}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomCapacity {}

impl ConstraintKind for RoomCapacity {
    type Def = Self;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("RoomCapacity");

    fn resolve(def: Self, _names: &Names, _calendar: &Calendar, _path: &str, _issues: &mut Vec<Issue>) -> Option<Self> {
        Some(def)
    }

    fn to_def(&self, _problem: &Entities) -> Self {
        self.clone()
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        for (entry_idx, entry) in view.entries.iter().enumerate() {
            let Some(room_id) = entry.room else { continue };
            let course = problem.course(entry.course);
            let room = problem.room(room_id);
            let over = course.students.saturating_sub(room.capacity);
            if over > 0 {
                let message = format!(
                    "course {} has {} students in room {} with {} seats at {}: {over} without a seat",
                    course.name,
                    course.students,
                    room.name,
                    room.capacity,
                    problem.calendar().slot_label(entry.slot)
                );
                sink.add(
                    u64::from(over),
                    view.lessons_of(&[entry_idx]),
                    vec![entry.slot],
                    vec![Resource::Course(entry.course), Resource::Room(room_id)],
                    message,
                );
            }
        }
    }
}
