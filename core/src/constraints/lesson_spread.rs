//! `lesson_spread`: how many of some listed lessons start in each of some groups of slots.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::slot_groups::{outside, resolve_groups, SlotGroup, SlotGroupDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource};
use crate::names::Names;

const SUMMARY: &str = "of some listed lessons, at most a number start in each of some groups of slots; one unit per lesson over";

/// Of the listed lessons, at most `max` start in each group of slots.
///
/// What `spread` is for whole courses, this is for any list of lessons: "at most 3 of these
/// lessons in a term", "at most 2 of a teacher's labs in a week of a rotation". The amount is,
/// per group, the listed lessons starting in it beyond `max`. FET's "activities max in a term"
/// (each term a group of days) and "max total activities from set in selected time slots".
///
/// ```json
/// {"kind": "lesson_spread", "level": "hard", "max": 1,
///  "lessons": [{"course": "Science-6A", "lesson": 0}, {"course": "Science-6A", "lesson": 1}],
///  "groups": [{"name": "term 1", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]},
///             {"name": "term 2", "slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonSpread {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// The groups of slots, at least one.
    pub groups: Vec<SlotGroup>,
    /// Most listed lessons starting in each group.
    pub max: u16,
}

/// [`LessonSpread`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonSpreadDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// The groups of slots, at least one.
    pub groups: Vec<SlotGroupDef>,
    /// Most listed lessons starting in each group.
    pub max: u16,
}

impl ConstraintKind for LessonSpread {
    type Def = LessonSpreadDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonSpreadDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        let groups = resolve_groups(&def.groups, calendar, path, issues);
        (issues.len() == before).then_some(LessonSpread { lessons, groups, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> LessonSpreadDef {
        LessonSpreadDef {
            lessons: lessons_to_def(problem, &self.lessons),
            groups: self.groups.iter().map(|g| g.to_def(problem.calendar())).collect(),
            max: self.max,
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        for group in &self.groups {
            let inside = group.starting_in(&self.lessons, view.timetable);
            let n = u32::try_from(inside.len()).unwrap_or(u32::MAX);
            let amount = outside(n, 0, Some(self.max));
            if amount == 0 {
                continue;
            }
            let message = format!(
                "{n} of a list of {} lessons start in {}; at most {} may",
                self.lessons.len(),
                group.describe(problem.calendar()),
                self.max
            );
            let slots = inside.iter().filter_map(|&l| view.timetable.get(l).map(|p| p.slot)).collect();
            let resources = inside.iter().map(|&l| Resource::Course(problem.lesson(l).course)).collect();
            sink.add(u64::from(amount), inside, slots, resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::Kind;

    const AT_MOST_ONE_A_DAY: &str = r#"{"kind": "lesson_spread", "level": {"soft": 3}, "max": 1,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Bio", "lesson": 0}],
        "groups": [{"name": "Monday", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}]},
                   {"slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]}]}"#;

    #[test]
    fn refuses_unknown_lessons_and_empty_groups() {
        let issues = school_issues(
            r#"{"kind": "lesson_spread", "level": "hard", "max": 1, "lessons": [{"course": "Chem", "lesson": 0}], "groups": []}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].lessons[0].course".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].groups".to_owned(), "name at least one group of slots".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_listed_lesson_over_the_most_in_each_group() {
        let problem = school_with(AT_MOST_ONE_A_DAY);
        // All three on Monday: two over. Math's third lesson is not listed.
        let t = place(
            &problem,
            &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Bio", 0, 0, 2, Some("R2")), ("Math", 2, 0, 3, Some("R1"))],
        );
        assert_eq!(
            found(&problem, &t, Kind::LessonSpread),
            vec![(2, soft(6), "3 of a list of 3 lessons start in Monday; at most 1 may".to_owned())]
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Bio", 0, 2, 0, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::LessonSpread), vec![]);
    }
}
