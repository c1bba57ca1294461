//! `max_rooms`: some lessons use at most a number of different rooms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, RoomId};
use crate::names::Names;

const SUMMARY: &str = "some lessons use at most a number of different rooms; one unit per room beyond";

/// The listed lessons, wherever and whenever they are, use at most `max` different rooms
/// between them (a teacher's lessons in one or two labs, a class's in its own rooms). FET's
/// "activities occupy max different rooms"; `room_stability` asks one room of all of a course's
/// lessons.
///
/// The amount is the number of different rooms the placed lessons of the list use beyond `max`;
/// a lesson without a room uses none.
///
/// ```json
/// {"kind": "max_rooms", "level": "hard", "max": 1,
///  "lessons": [{"course": "Science-6A", "lesson": 0}, {"course": "Science-6B", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxRooms {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// Most different rooms.
    pub max: u16,
}

/// [`MaxRooms`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxRoomsDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// Most different rooms.
    pub max: u16,
}

impl ConstraintKind for MaxRooms {
    type Def = MaxRoomsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxRoomsDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        (issues.len() == before).then_some(MaxRooms { lessons, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxRoomsDef {
        MaxRoomsDef { lessons: lessons_to_def(problem, &self.lessons), max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let placed: Vec<(LessonId, crate::ids::Slot, RoomId)> =
            self.lessons.iter().filter_map(|&l| view.timetable.get(l).and_then(|p| p.room.map(|r| (l, p.slot, r)))).collect();
        let mut rooms: Vec<RoomId> = placed.iter().map(|&(_, _, r)| r).collect();
        rooms.sort_unstable();
        rooms.dedup();
        if rooms.len() <= usize::from(self.max) {
            return;
        }
        let names: Vec<&str> = rooms.iter().map(|&r| problem.room(r).name.as_str()).collect();
        let message = format!(
            "{} lessons of a list use {} rooms ({}); at most {} {} allowed",
            placed.len(),
            rooms.len(),
            names.join(", "),
            self.max,
            if self.max == 1 { "is" } else { "are" }
        );
        let resources = rooms.iter().map(|&r| Resource::Room(r)).collect();
        let amount = (rooms.len() - usize::from(self.max)) as u64;
        sink.add(amount, placed.iter().map(|p| p.0).collect(), placed.iter().map(|p| p.1).collect(), resources, message);
    }
}

#[cfg(test)]
mod tests {
    use super::MaxRooms;
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with};
    use crate::{Constraint, Kind};

    const THREE: &str = r#"{"kind": "max_rooms", "level": "hard", "max": 1,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Bio", "lesson": 1}, {"course": "Sport", "lesson": 0}]}"#;

    #[test]
    fn resolves_its_lessons_and_reports_bad_ones() {
        let problem = school_with(THREE);
        let lessons =
            vec![lesson(&problem, "Math", 0), lesson(&problem, "Math", 1), lesson(&problem, "Bio", 1), lesson(&problem, "Sport", 0)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::MaxRooms(MaxRooms { lessons, max: 1 }));
        assert_eq!(
            school_issues(r#"{"kind": "max_rooms", "level": "hard", "max": 1, "lessons": []}"#),
            vec![("constraints[0].lessons".to_owned(), "at least one lesson is needed".to_owned())]
        );
    }

    #[test]
    fn one_unit_per_room_beyond_the_most() {
        let problem = school_with(THREE);
        let one_room = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 0, Some("R1")), ("Sport", 0, 2, 0, None)]);
        assert_eq!(found(&problem, &one_room, Kind::MaxRooms), vec![]);
        let three = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 0, Some("R2")), ("Bio", 1, 2, 0, Some("Gym"))]);
        assert_eq!(
            found(&problem, &three, Kind::MaxRooms),
            vec![(2, hard(2), "3 lessons of a list use 3 rooms (R1, R2, Gym); at most 1 is allowed".to_owned())]
        );
    }
}
