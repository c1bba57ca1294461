//! `lesson_slots`: some lessons start at (or lie wholly within) some slots.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::unavailable::{resolve_slots, slots_to_def};
use super::ConstraintKind;
use crate::calendar::{Calendar, SlotDef};
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str = "some lessons start at one of some slots, or lie wholly within them; one unit per lesson that does not";

/// Each listed lesson starts at one of `slots` or, with `every_period`, covers only slots of
/// `slots` (a lesson that may only be in the morning, a locked lesson that may move a little).
/// FET's activity (or activities) preferred starting times and preferred time slots.
///
/// The amount is the number of placed lessons of the list that do not; an unplaced lesson counts nothing.
///
/// ```json
/// {"kind": "lesson_slots", "level": "hard", "every_period": true,
///  "lessons": [{"course": "Sport-6A", "lesson": 0}],
///  "slots": [{"day": 0, "period": 4}, {"day": 0, "period": 5}, {"day": 2, "period": 4}, {"day": 2, "period": 5}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonSlots {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// The slots, sorted, at least one.
    pub slots: Vec<Slot>,
    /// Whether every period of a lesson must be among the slots, rather than its start.
    pub every_period: bool,
}

/// [`LessonSlots`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonSlotsDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// The slots, at least one.
    pub slots: Vec<SlotDef>,
    /// Whether every period of a lesson must be among the slots, rather than its start. Default: false.
    #[serde(default)]
    pub every_period: bool,
}

impl ConstraintKind for LessonSlots {
    type Def = LessonSlotsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonSlotsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        if def.slots.is_empty() {
            issues.push(Issue::at_path(format!("{path}.slots"), "at least one slot is needed".to_owned()));
        }
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        let slots = resolve_slots(&def.slots, calendar, path, issues);
        (issues.len() == before).then_some(LessonSlots { lessons, slots, every_period: def.every_period })
    }

    fn to_def(&self, problem: &Entities) -> LessonSlotsDef {
        let lessons = lessons_to_def(problem, &self.lessons);
        LessonSlotsDef { lessons, slots: slots_to_def(&self.slots, problem.calendar()), every_period: self.every_period }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        for &lesson in &self.lessons {
            let Some(placement) = view.timetable.get(lesson) else { continue };
            let length = problem.lesson(lesson).length;
            let start = placement.slot;
            let fits = if self.every_period {
                (0..length)
                    .all(|k| u16::try_from(usize::from(start.0) + usize::from(k)).is_ok_and(|s| self.slots.binary_search(&Slot(s)).is_ok()))
            } else {
                self.slots.binary_search(&start).is_ok()
            };
            if fits {
                continue;
            }
            let what = if self.every_period { "lie within" } else { "start at one of" };
            let message = format!(
                "{} at {} should {what} its {} allowed slots",
                lesson_name(problem, lesson),
                calendar.slot_label(start),
                self.slots.len()
            );
            sink.add(1, vec![lesson], vec![start], vec![Resource::Course(problem.lesson(lesson).course)], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LessonSlots;
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with, soft};
    use crate::ids::Slot;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_and_reports_every_bad_parameter() {
        let problem = school_with(
            r#"{"kind": "lesson_slots", "level": "hard", "lessons": [{"course": "Bio", "lesson": 0}], "slots": [{"day": 1, "period": 2}, {"day": 0, "period": 1}]}"#,
        );
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::LessonSlots(LessonSlots {
                lessons: vec![lesson(&problem, "Bio", 0)],
                slots: vec![Slot(1), Slot(6)],
                every_period: false
            })
        );
        let issues = school_issues(
            r#"{"kind": "lesson_slots", "level": "hard", "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Bio", "lesson": 0}], "slots": [{"day": 5, "period": 0}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].lessons[1]".to_owned(), "lesson 0 of course \"Bio\" is listed twice".to_owned()),
                ("constraints[0].slots[0]".to_owned(), "day 5 period 0 is outside the 3x4 calendar".to_owned()),
            ]
        );
        let issues = school_issues(r#"{"kind": "lesson_slots", "level": "hard", "lessons": [], "slots": []}"#);
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn a_lesson_starting_elsewhere_costs_one() {
        let problem = school_with(
            r#"{"kind": "lesson_slots", "level": {"soft": 4}, "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}],
                "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}"#,
        );
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Math", 1, 1, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::LessonSlots),
            vec![(1, soft(4), "lesson 2 of course Math at Tue period 0 should start at one of its 2 allowed slots".to_owned())]
        );
    }

    #[test]
    fn with_every_period_a_double_must_lie_within_the_slots() {
        let problem = school_with(
            r#"{"kind": "lesson_slots", "level": "hard", "every_period": true, "lessons": [{"course": "Bio", "lesson": 0}],
                "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 3}]}"#,
        );
        // The double at Mon 0-1 lies within; at Mon 2-3 its first period does not.
        assert_eq!(found(&problem, &place(&problem, &[("Bio", 0, 0, 0, Some("R1"))]), Kind::LessonSlots), vec![]);
        assert_eq!(
            found(&problem, &place(&problem, &[("Bio", 0, 0, 2, Some("R1"))]), Kind::LessonSlots),
            vec![(1, hard(1), "lesson 1 of course Bio at Mon period 2 should lie within its 3 allowed slots".to_owned())]
        );
    }
}
