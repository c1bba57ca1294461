//! `spread`: how many lessons of some courses start in each of some groups of slots.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::course_sets::course_names;
use super::slot_groups::{is_zero, outside, SlotGroup, SlotGroupDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;

const SUMMARY: &str =
    "the lessons of some courses starting in each group of slots number between a least and a most; one unit per lesson short or over";

/// Per group of slots, between `min` and `max` lessons of the courses start in it.
///
/// The amount is, per group, the lessons short of its `min` or beyond its `max`. "At most one
/// a day" is a group per day with `"max": 1`; "at least one in each first period" a group per
/// first period with `"min": 1`. XHSTT calls it SpreadEvents.
///
/// ```json
/// {"kind": "spread", "level": "hard", "courses": ["Math-5A"],
///  "groups": [{"name": "Mon", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}], "max": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spread {
    /// The courses, at least one, each once.
    pub courses: Vec<CourseId>,
    /// The groups, each with its least and most.
    pub groups: Vec<SpreadGroup>,
}

/// One group of a [`Spread`]: its slots and how many lessons may start in them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpreadGroup {
    /// The slots.
    pub group: SlotGroup,
    /// Least lessons starting in it.
    pub min: u16,
    /// Most lessons starting in it; unbounded when `None`.
    pub max: Option<u16>,
}

/// [`Spread`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpreadDef {
    /// Course names, at least one.
    pub courses: Vec<String>,
    /// The groups of slots, at least one.
    pub groups: Vec<SpreadGroupDef>,
}

/// [`SpreadGroup`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpreadGroupDef {
    /// The slots, with a name for explanations.
    #[serde(flatten)]
    pub group: SlotGroupDef,
    /// Least lessons starting in it. Default: 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min: u16,
    /// Most lessons starting in it. Default: no most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
}

impl ConstraintKind for Spread {
    type Def = SpreadDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: SpreadDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        if def.courses.is_empty() {
            issues.push(Issue::at_path(format!("{path}.courses"), "name at least one course".to_owned()));
        }
        let mut courses = Vec::with_capacity(def.courses.len());
        for (k, name) in def.courses.iter().enumerate() {
            let field = format!("{path}.courses[{k}]");
            if let Some(c) = names.course(name, &field, issues) {
                if courses.contains(&c) {
                    issues.push(Issue::at_path(field, format!("course {name:?} is named twice")));
                }
                courses.push(c);
            }
        }
        if def.groups.is_empty() {
            issues.push(Issue::at_path(format!("{path}.groups"), "name at least one group of slots".to_owned()));
        }
        let mut groups = Vec::with_capacity(def.groups.len());
        for (k, g) in def.groups.iter().enumerate() {
            let field = format!("{path}.groups[{k}]");
            if g.max.is_some_and(|max| max < g.min) {
                issues.push(Issue::at_path(
                    format!("{field}.max"),
                    format!("the most, {}, is below the least, {}", g.max.unwrap_or(0), g.min),
                ));
            }
            groups.push(SpreadGroup { group: SlotGroup::resolve(&g.group, calendar, &field, issues), min: g.min, max: g.max });
        }
        (issues.len() == before).then_some(Spread { courses, groups })
    }

    fn to_def(&self, problem: &Entities) -> SpreadDef {
        SpreadDef {
            courses: self.courses.iter().map(|&c| problem.course(c).name.clone()).collect(),
            groups: self
                .groups
                .iter()
                .map(|g| SpreadGroupDef { group: g.group.to_def(problem.calendar()), min: g.min, max: g.max })
                .collect(),
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let entries: Vec<usize> = self.courses.iter().flat_map(|&c| view.by_course[c.index()].iter().copied()).collect();
        for g in &self.groups {
            let inside: Vec<usize> =
                entries.iter().copied().filter(|&e| g.group.slots.binary_search(&view.entries[e].slot).is_ok()).collect();
            let n = u32::try_from(inside.len()).unwrap_or(u32::MAX);
            let amount = outside(n, g.min, g.max);
            if amount == 0 {
                continue;
            }
            let asked = match g.max {
                Some(max) if n > u32::from(max) => format!("at most {max}"),
                _ => format!("at least {}", g.min),
            };
            let message = format!(
                "{n} {} of courses {} start in {}; {asked} asked for",
                if n == 1 { "lesson" } else { "lessons" },
                course_names(&self.courses, problem),
                g.group.describe(calendar)
            );
            let slots = inside.iter().map(|&e| view.entries[e].slot).collect();
            let resources = self.courses.iter().map(|&c| Resource::Course(c)).collect();
            sink.add(u64::from(amount), view.lessons_of(&inside), slots, resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::Kind;

    const MONDAY_AT_MOST_ONE: &str = r#"{"kind": "spread", "level": {"soft": 2}, "courses": ["Math", "Bio"],
        "groups": [{"name": "Monday", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}], "max": 1},
                   {"slots": [{"day": 1, "period": 0}], "min": 1}]}"#;

    #[test]
    fn refuses_unknown_courses_empty_groups_and_a_most_below_the_least() {
        let issues =
            school_issues(r#"{"kind": "spread", "level": "hard", "courses": ["Chem"], "groups": [{"slots": [], "min": 2, "max": 1}]}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].courses[0]".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].groups[0].max".to_owned(), "the most, 1, is below the least, 2".to_owned()),
                ("constraints[0].groups[0].slots".to_owned(), "name at least one slot".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_short_or_over_in_each_group() {
        let problem = school_with(MONDAY_AT_MOST_ONE);
        // Nothing on Tuesday's first period: one short; three on Monday: two over.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Bio", 1, 0, 3, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Spread),
            vec![
                (2, soft(4), "3 lessons of courses Math, Bio start in Monday; at most 1 asked for".to_owned()),
                (1, soft(2), "0 lessons of courses Math, Bio start in Tue period 0; at least 1 asked for".to_owned()),
            ]
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 1, 0, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::Spread), vec![]);
    }
}
