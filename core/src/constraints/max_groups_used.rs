//! `max_groups_used`: some listed lessons start in at most a number of some groups of slots.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::slot_groups::{resolve_groups, SlotGroup, SlotGroupDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource};
use crate::names::Names;

const SUMMARY: &str = "some listed lessons start in at most a number of some groups of slots; one unit per group used beyond";

/// The listed lessons start in at most `max` of the groups of slots.
///
/// A group is used when at least one listed lesson starts in it: a course's lessons kept within
/// two terms of five, a club's meetings on at most two days. The amount is the groups used
/// beyond `max`. FET's "activities occupy max terms" (each term a group of days).
///
/// ```json
/// {"kind": "max_groups_used", "level": "hard", "max": 1,
///  "lessons": [{"course": "Science-6A", "lesson": 0}, {"course": "Science-6A", "lesson": 1}],
///  "groups": [{"name": "term 1", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]},
///             {"name": "term 2", "slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxGroupsUsed {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// The groups of slots, at least one.
    pub groups: Vec<SlotGroup>,
    /// Most groups in which a listed lesson starts.
    pub max: u16,
}

/// [`MaxGroupsUsed`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxGroupsUsedDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// The groups of slots, at least one.
    pub groups: Vec<SlotGroupDef>,
    /// Most groups in which a listed lesson starts.
    pub max: u16,
}

impl ConstraintKind for MaxGroupsUsed {
    type Def = MaxGroupsUsedDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxGroupsUsedDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        let groups = resolve_groups(&def.groups, calendar, path, issues);
        (issues.len() == before).then_some(MaxGroupsUsed { lessons, groups, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxGroupsUsedDef {
        MaxGroupsUsedDef {
            lessons: lessons_to_def(problem, &self.lessons),
            groups: self.groups.iter().map(|g| g.to_def(problem.calendar())).collect(),
            max: self.max,
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let used: Vec<(&SlotGroup, Vec<LessonId>)> = self
            .groups
            .iter()
            .map(|g| (g, g.starting_in(&self.lessons, view.timetable)))
            .filter(|(_, inside)| !inside.is_empty())
            .collect();
        if used.len() <= usize::from(self.max) {
            return;
        }
        let names: Vec<String> = used.iter().map(|(g, _)| g.describe(problem.calendar())).collect();
        let message = format!(
            "a list of {} lessons starts in {} groups of slots ({}); at most {} may be used",
            self.lessons.len(),
            used.len(),
            names.join("; "),
            self.max
        );
        let mut lessons: Vec<LessonId> = used.iter().flat_map(|(_, inside)| inside.iter().copied()).collect();
        lessons.sort_unstable();
        lessons.dedup();
        let slots = lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| p.slot)).collect();
        let resources = lessons.iter().map(|&l| Resource::Course(problem.lesson(l).course)).collect();
        sink.add((used.len() - usize::from(self.max)) as u64, lessons, slots, resources, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    const ONE_DAY: &str = r#"{"kind": "max_groups_used", "level": "hard", "max": 1,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Math", "lesson": 2}],
        "groups": [{"name": "Mon", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]},
                   {"name": "Tue", "slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]},
                   {"slots": [{"day": 2, "period": 0}]}]}"#;

    #[test]
    fn refuses_a_list_without_lessons() {
        let issues = school_issues(
            r#"{"kind": "max_groups_used", "level": "hard", "max": 1, "lessons": [], "groups": [{"slots": [{"day": 0, "period": 0}]}]}"#,
        );
        assert_eq!(issues, vec![("constraints[0].lessons".to_owned(), "at least one lesson is needed".to_owned())]);
    }

    #[test]
    fn one_unit_per_group_used_beyond_the_most() {
        let problem = school_with(ONE_DAY);
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxGroupsUsed),
            vec![(
                2,
                hard(2),
                "a list of 3 lessons starts in 3 groups of slots (Mon; Tue; Wed period 0); at most 1 may be used".to_owned()
            )]
        );
        // Two on Monday, one outside every group: one group used.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 2, Some("R1")), ("Math", 2, 2, 3, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::MaxGroupsUsed), vec![]);
    }
}
