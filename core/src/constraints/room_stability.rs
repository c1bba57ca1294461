//! `room_stability`: all lessons of a course use the same room.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;

const SUMMARY: &str = "all lessons of a course use the same room; one unit per extra room";

/// All lessons of a course take place in one room.
///
/// The amount is the number of distinct rooms used beyond the first, as ITC-2007 track 3
/// counts `RoomStability` (there `Soft(1)`).
///
/// ```json
/// {"kind": "room_stability", "level": {"soft": 1}, "course": "c0001"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomStability {
    /// The course.
    pub course: CourseId,
}

/// [`RoomStability`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomStabilityDef {
    /// Course name.
    pub course: String,
}

impl ConstraintKind for RoomStability {
    type Def = RoomStabilityDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("RoomStability");

    fn resolve(def: RoomStabilityDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(RoomStability { course: names.course(&def.course, &format!("{path}.course"), issues)? })
    }

    fn to_def(&self, problem: &Entities) -> RoomStabilityDef {
        RoomStabilityDef { course: problem.course(self.course).name.clone() }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let entries = &view.by_course[self.course.index()];
        let mut rooms: Vec<_> = entries.iter().filter_map(|&e| view.entries[e].room).collect();
        rooms.sort_unstable();
        rooms.dedup();
        if rooms.len() > 1 {
            let names: Vec<&str> = rooms.iter().map(|&r| problem.room(r).name.as_str()).collect();
            let message = format!(
                "course {} uses {} rooms ({}); it should stay in one",
                problem.course(self.course).name,
                rooms.len(),
                names.join(", ")
            );
            let mut resources = vec![Resource::Course(self.course)];
            resources.extend(rooms.iter().map(|&r| Resource::Room(r)));
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(rooms.len() as u64 - 1, view.lessons_of(entries), slots, resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RoomStability;
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_the_course_and_reports_an_unknown_one() {
        let problem = school_with(r#"{"kind": "room_stability", "level": {"soft": 1}, "course": "Bio"}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::RoomStability(RoomStability { course: CourseId(2) }));
        let issues = school_issues(r#"{"kind": "room_stability", "level": {"soft": 1}, "course": "Chem"}"#);
        assert_eq!(issues, vec![("constraints[0].course".to_owned(), "unknown course \"Chem\"".to_owned())]);
    }

    #[test]
    fn one_unit_per_room_beyond_the_first() {
        let problem = school_with(r#"{"kind": "room_stability", "level": {"soft": 3}, "course": "Math"}"#);
        let one_room = place(&problem, &[("Math", 0, 0, 0, Some("R2")), ("Math", 1, 1, 0, Some("R2")), ("Math", 2, 2, 0, Some("R2"))]);
        assert_eq!(found(&problem, &one_room, Kind::RoomStability), vec![]);
        let two_rooms = place(&problem, &[("Math", 0, 0, 0, Some("R2")), ("Math", 1, 1, 0, Some("R1")), ("Math", 2, 2, 0, Some("R2"))]);
        assert_eq!(
            found(&problem, &two_rooms, Kind::RoomStability),
            vec![(1, soft(3), "course Math uses 2 rooms (R1, R2); it should stay in one".to_owned())]
        );
        let three_rooms = place(&problem, &[("Math", 0, 0, 0, Some("Gym")), ("Math", 1, 1, 0, Some("R1")), ("Math", 2, 2, 0, Some("R2"))]);
        assert_eq!(
            found(&problem, &three_rooms, Kind::RoomStability),
            vec![(2, soft(6), "course Math uses 3 rooms (R1, R2, Gym); it should stay in one".to_owned())]
        );
    }

    #[test]
    fn unplaced_lessons_and_lessons_without_a_room_use_no_room() {
        let problem = school_with(
            r#"{"kind": "room_stability", "level": "hard", "course": "Math"},
               {"kind": "room_stability", "level": "hard", "course": "Sport"}"#,
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Sport", 0, 0, 1, None)]);
        assert_eq!(found(&problem, &t, Kind::RoomStability), vec![]);
    }
}
