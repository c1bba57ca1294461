//! `preferred_rooms`: the lessons of some courses are held in some rooms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource, RoomId};
use crate::names::Names;

const SUMMARY: &str = "the lessons of some courses are held in one of some rooms; one unit per lesson in another room or in none";

/// The lessons of `courses` are held in one of `rooms`.
///
/// A course's `rooms` say where its lessons may go at all; this says where they should go, so a
/// soft level makes a preference that may give way: a lesson in another room the course allows,
/// or without a room where the course allows that (`{"only_or_none": [...]}`), costs one unit.
/// FET's preferred rooms, home rooms and their kin below 100 % read as this (see docs/fet.md).
///
/// ```json
/// {"kind": "preferred_rooms", "level": {"soft": 5}, "courses": ["French-6A", "German-6A"], "rooms": ["Small"]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreferredRooms {
    /// The courses, each once.
    pub courses: Vec<CourseId>,
    /// The rooms, each once.
    pub rooms: Vec<RoomId>,
}

/// [`PreferredRooms`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferredRoomsDef {
    /// Course names; at least one.
    pub courses: Vec<String>,
    /// Room names; at least one.
    pub rooms: Vec<String>,
}

impl PreferredRooms {
    /// Whether a lesson of one of the courses in `room` (`None`: no room) meets the preference.
    pub fn is_met_by(&self, room: Option<RoomId>) -> bool {
        room.is_some_and(|r| self.rooms.contains(&r))
    }
}

/// Resolves the names of `list` (field `field` of the constraint at `path`) with `lookup`,
/// reporting each unknown or repeated name and an empty list.
fn resolve_names<T: PartialEq>(
    list: &[String],
    field: &str,
    path: &str,
    issues: &mut Vec<Issue>,
    mut lookup: impl FnMut(&str, &str, &mut Vec<Issue>) -> Option<T>,
) -> Vec<T> {
    let mut ids = Vec::with_capacity(list.len());
    for (k, name) in list.iter().enumerate() {
        let at = format!("{path}.{field}[{k}]");
        let Some(id) = lookup(name, &at, issues) else { continue };
        if ids.contains(&id) {
            issues.push(Issue::at_path(at, format!("{name:?} is listed twice")));
            continue;
        }
        ids.push(id);
    }
    if list.is_empty() {
        issues.push(Issue::at_path(format!("{path}.{field}"), format!("name at least one of the {field}")));
    }
    ids
}

impl ConstraintKind for PreferredRooms {
    type Def = PreferredRoomsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: PreferredRoomsDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let courses = resolve_names(&def.courses, "courses", path, issues, |n, p, i| names.course(n, p, i));
        let rooms = resolve_names(&def.rooms, "rooms", path, issues, |n, p, i| names.room(n, p, i));
        (issues.len() == before).then_some(PreferredRooms { courses, rooms })
    }

    fn to_def(&self, problem: &Entities) -> PreferredRoomsDef {
        PreferredRoomsDef {
            courses: self.courses.iter().map(|&c| problem.course(c).name.clone()).collect(),
            rooms: self.rooms.iter().map(|&r| problem.room(r).name.clone()).collect(),
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let wanted = self.rooms.iter().map(|&r| problem.room(r).name.as_str()).collect::<Vec<_>>().join(" or ");
        for &c in &self.courses {
            for &e in &view.by_course[c.index()] {
                let entry = &view.entries[e];
                if self.is_met_by(entry.room) {
                    continue;
                }
                let course = problem.course(c);
                let at = problem.calendar().slot_label(entry.slot);
                let (held, mut resources) = match entry.room {
                    Some(r) => (format!("in room {}", problem.room(r).name), vec![Resource::Course(c), Resource::Room(r)]),
                    None => ("without a room".to_owned(), vec![Resource::Course(c)]),
                };
                resources.extend(self.rooms.iter().map(|&r| Resource::Room(r)));
                let message = format!("a lesson of course {} at {at} is held {held}, not in {wanted}", course.name);
                sink.add(1, view.lessons_of(&[e]), vec![entry.slot], resources, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PreferredRooms;
    use crate::constraints::test_support::{found, hard, place, problem, school, school_issues, school_with, soft};
    use crate::ids::{CourseId, RoomId};
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_courses_and_rooms_and_reports_every_bad_name() {
        let problem = school_with(r#"{"kind": "preferred_rooms", "level": {"soft": 3}, "courses": ["Bio"], "rooms": ["R2", "Gym"]}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::PreferredRooms(PreferredRooms { courses: vec![CourseId(2)], rooms: vec![RoomId(1), RoomId(2)] })
        );
        let issues = school_issues(r#"{"kind": "preferred_rooms", "level": "hard", "courses": ["Bio", "Bio", "Xx"], "rooms": []}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].courses[1]".to_owned(), "\"Bio\" is listed twice".to_owned()),
                ("constraints[0].courses[2]".to_owned(), "unknown course \"Xx\"".to_owned()),
                ("constraints[0].rooms".to_owned(), "name at least one of the rooms".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_in_another_room() {
        let problem = school_with(r#"{"kind": "preferred_rooms", "level": {"soft": 3}, "courses": ["Math", "Bio"], "rooms": ["R2"]}"#);
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R2")), ("Math", 1, 1, 0, Some("R1")), ("Bio", 0, 2, 0, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::PreferredRooms),
            vec![
                (1, soft(3), "a lesson of course Math at Tue period 0 is held in room R1, not in R2".to_owned()),
                (1, soft(3), "a lesson of course Bio at Wed period 0 is held in room Gym, not in R2".to_owned()),
            ]
        );
    }

    #[test]
    fn a_lesson_without_a_room_misses_the_preference() {
        let json = school(r#"{"kind": "preferred_rooms", "level": "hard", "courses": ["Sport"], "rooms": ["Gym"]}"#)
            .replace(r#""rooms": "no_room""#, r#""rooms": {"only_or_none": ["Gym"]}"#);
        let problem = problem(&json);
        let outside = place(&problem, &[("Sport", 0, 0, 0, None)]);
        assert_eq!(
            found(&problem, &outside, Kind::PreferredRooms),
            vec![(1, hard(1), "a lesson of course Sport at Mon period 0 is held without a room, not in Gym".to_owned())]
        );
        assert_eq!(found(&problem, &place(&problem, &[("Sport", 0, 0, 0, Some("Gym"))]), Kind::PreferredRooms), vec![]);
        assert_eq!(found(&problem, &outside, Kind::RoomChoice), vec![], "the course may go without a room; only the preference is missed");
    }
}
