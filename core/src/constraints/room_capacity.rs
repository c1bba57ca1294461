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

#[cfg(test)]
mod tests {
    use super::RoomCapacity;
    use crate::constraints::test_support::{found, hard, place, problem, school_issues, school_with, soft};
    use crate::{Constraint, Kind};

    /// One day of three periods; a small and a large room; a course of 25 students with a double
    /// and a single lesson, and one of 10 students.
    fn rooms(level: &str) -> crate::Problem {
        problem(&format!(
            r#"{{"name": "capacity", "calendar": {{"days": 1, "periods_per_day": 3}},
                "rooms": [{{"name": "S", "capacity": 10}}, {{"name": "L", "capacity": 25}}],
                "courses": [{{"name": "Big", "students": 25, "lessons": [2, 1]}}, {{"name": "Small", "students": 10, "lessons": 1}}],
                "constraints": [{{"kind": "room_capacity", "level": {level}}}]}}"#
        ))
    }

    #[test]
    fn resolves_without_parameters_and_rejects_unknown_ones() {
        let problem = school_with(r#"{"kind": "room_capacity", "level": {"soft": 1}}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::RoomCapacity(RoomCapacity {}));
        let issues = school_issues(r#"{"kind": "room_capacity", "level": {"soft": 1}, "slack": 2}"#);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].1.contains("unknown field `slack`"), "{issues:?}");
    }

    #[test]
    fn a_room_exactly_full_costs_nothing() {
        let problem = rooms(r#""hard""#);
        let t = place(&problem, &[("Big", 0, 0, 0, Some("L")), ("Small", 0, 0, 2, Some("S"))]);
        assert_eq!(found(&problem, &t, Kind::RoomCapacity), vec![]);
    }

    #[test]
    fn one_unit_per_student_without_a_seat_once_per_lesson() {
        let problem = rooms(r#"{"soft": 2}"#);
        // The double in the small room: 15 students without a seat, counted once for both periods.
        let t = place(&problem, &[("Big", 0, 0, 0, Some("S")), ("Big", 1, 0, 2, Some("L"))]);
        assert_eq!(
            found(&problem, &t, Kind::RoomCapacity),
            vec![(15, soft(30), "course Big has 25 students in room S with 10 seats at day 0 period 0: 15 without a seat".to_owned())]
        );
    }

    #[test]
    fn each_lesson_over_capacity_is_a_violation_and_lessons_without_a_room_are_none() {
        let problem = school_with(r#"{"kind": "room_capacity", "level": "hard"}"#);
        // Math (25) in R1 (20) twice; Sport (50) has no room.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 0, Some("R1")), ("Sport", 0, 0, 1, None)]);
        let message = |slot: &str| format!("course Math has 25 students in room R1 with 20 seats at {slot}: 5 without a seat");
        assert_eq!(
            found(&problem, &t, Kind::RoomCapacity),
            vec![(5, hard(5), message("Mon period 0")), (5, hard(5), message("Tue period 0"))]
        );
    }
}
