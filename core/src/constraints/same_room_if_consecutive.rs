//! `same_room_if_consecutive`: some lessons, when one directly follows another, share its room.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, RoomId, Slot};
use crate::names::Names;

const SUMMARY: &str =
    "of some lessons, one that directly follows another on the same day is in its room; one unit per such pair in two rooms";

/// Of the listed lessons, two back to back on one day (one starting in the period the other
/// ends, no break between) are in the same room, so a class does not move between them.
///
/// The amount is one per such pair held in two different rooms (a lesson without a room takes
/// no part). FET's "activities same room if consecutive".
///
/// ```json
/// {"kind": "same_room_if_consecutive", "level": "hard",
///  "lessons": [{"course": "Maths-6A", "lesson": 0}, {"course": "Science-6A", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameRoomIfConsecutive {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
}

/// [`SameRoomIfConsecutive`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SameRoomIfConsecutiveDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
}

/// Whether a lesson at `a` lasting `len_a` and one at `b` are back to back, either way round, on
/// one day of `periods_per_day` periods (given `b` lasts `len_b`).
pub fn adjacent(a: u16, len_a: u16, b: u16, len_b: u16, periods_per_day: u16) -> bool {
    a / periods_per_day == b / periods_per_day && (a + len_a == b || b + len_b == a)
}

impl ConstraintKind for SameRoomIfConsecutive {
    type Def = SameRoomIfConsecutiveDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: SameRoomIfConsecutiveDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(SameRoomIfConsecutive { lessons })
    }

    fn to_def(&self, problem: &Entities) -> SameRoomIfConsecutiveDef {
        SameRoomIfConsecutiveDef { lessons: lessons_to_def(problem, &self.lessons) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, Slot, u16, RoomId)> = self
            .lessons
            .iter()
            .filter_map(|&l| view.timetable.get(l).and_then(|p| p.room.map(|r| (l, p.slot, problem.lesson(l).length, r))))
            .collect();
        for (i, &(a, sa, la, ra)) in placed.iter().enumerate() {
            for &(b, sb, lb, rb) in &placed[i + 1..] {
                if ra == rb || !adjacent(sa.0, la, sb.0, lb, calendar.periods_per_day) {
                    continue;
                }
                let message = format!(
                    "{} in {} and {} in {} are back to back but in different rooms",
                    lesson_name(problem, a),
                    problem.room(ra).name,
                    lesson_name(problem, b),
                    problem.room(rb).name
                );
                let resources = vec![Resource::Room(ra), Resource::Room(rb)];
                sink.add(1, vec![a, b], vec![sa, sb], resources, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::adjacent;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    #[test]
    fn back_to_back_either_way_on_one_day() {
        assert!(adjacent(1, 2, 3, 1, 4));
        assert!(adjacent(3, 1, 1, 2, 4));
        assert!(!adjacent(3, 1, 4, 1, 4));
        assert!(!adjacent(0, 1, 2, 1, 4));
    }

    #[test]
    fn one_unit_per_pair_back_to_back_in_two_rooms() {
        let problem = school_with(
            r#"{"kind": "same_room_if_consecutive", "level": "hard",
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        // Math at Mon 0 in R1, Art at Mon 1 in R2, French at Mon 2 in R2.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Art", 0, 0, 1, Some("R2")), ("Fr", 0, 0, 2, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::SameRoomIfConsecutive),
            vec![(
                1,
                hard(1),
                "lesson 1 of course Math in R1 and lesson 1 of course Art in R2 are back to back but in different rooms".to_owned()
            )]
        );
        let issues =
            school_issues(r#"{"kind": "same_room_if_consecutive", "level": "hard", "lessons": [{"course": "Math", "lesson": 0}]}"#);
        assert_eq!(issues, vec![("constraints[0].lessons".to_owned(), "at least two lessons are needed".to_owned())]);
    }
}
