//! Constraints on a set of courses: `same_time` (parallel blocks) and `different_days`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::problem::{Names, Problem};
use crate::score::{Sink, View};

pub(crate) const SAME_TIME_SUMMARY: &str =
    "a set of courses occupies the same periods (a parallel block); one unit per course missing from a period another of them occupies";
pub(crate) const DIFFERENT_DAYS_SUMMARY: &str =
    "the lessons of a set of courses fall on different days; one unit per lesson beyond the first on a day";

/// The courses of a set in the serde model: `{"courses": ["French-5", "German-5", "Spanish-5"]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseSetDef {
    /// Course names; at least two.
    pub courses: Vec<String>,
}

/// Resolves the courses of a set, reporting every unknown or repeated name and a set of fewer than two.
fn resolve_set(def: &CourseSetDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Vec<CourseId>> {
    let before = issues.len();
    let mut courses = Vec::with_capacity(def.courses.len());
    for (k, name) in def.courses.iter().enumerate() {
        let Some(id) = names.course(name, &format!("{path}.courses[{k}]"), issues) else { continue };
        if courses.contains(&id) {
            issues.push(Issue::at_path(format!("{path}.courses[{k}]"), format!("{name:?} is listed twice")));
            continue;
        }
        courses.push(id);
    }
    if def.courses.len() < 2 {
        issues.push(Issue::at_path(format!("{path}.courses"), "name at least two courses".to_owned()));
    }
    (issues.len() == before).then_some(courses)
}

fn set_to_def(courses: &[CourseId], problem: &Problem) -> CourseSetDef {
    CourseSetDef { courses: courses.iter().map(|&c| problem.course(c).name.clone()).collect() }
}

fn course_names(courses: &[CourseId], problem: &Problem) -> String {
    courses.iter().map(|&c| problem.course(c).name.as_str()).collect::<Vec<_>>().join(", ")
}

/// The courses of a set occupy the same periods: a parallel block, such as the language groups
/// of a year or electives split across classes.
///
/// The amount is, for each period that some of the courses occupy, the number of the courses
/// that do not occupy it. Courses of a block usually have the same lessons (count and lengths),
/// and their students form disjoint subgroups so that they may meet at once. XHSTT calls it
/// SpreadEvents/LinkEvents; FET "activities same starting time".
///
/// ```json
/// {"kind": "same_time", "level": "hard", "courses": ["French-5", "German-5"]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameTime {
    /// The courses, at least two.
    pub courses: Vec<CourseId>,
}

impl SameTime {
    pub(crate) fn resolve(def: CourseSetDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(SameTime { courses: resolve_set(&def, names, path, issues)? })
    }

    pub(crate) fn to_def(&self, problem: &Problem) -> CourseSetDef {
        set_to_def(&self.courses, problem)
    }

    pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        for slot in calendar.slots() {
            let mut present = Vec::new();
            let mut entries = Vec::new();
            for &c in &self.courses {
                let here: Vec<usize> = view.by_course[c.index()]
                    .iter()
                    .copied()
                    .filter(|&e| view.covered_slots(&view.entries[e]).any(|s| s == slot))
                    .collect();
                if !here.is_empty() {
                    present.push(c);
                    entries.extend(here);
                }
            }
            if present.is_empty() || present.len() == self.courses.len() {
                continue;
            }
            let missing: Vec<CourseId> = self.courses.iter().copied().filter(|c| !present.contains(c)).collect();
            let message = format!(
                "courses {} should meet at the same time, but at {} only {} {} a lesson",
                course_names(&self.courses, problem),
                calendar.slot_label(slot),
                course_names(&present, problem),
                if present.len() == 1 { "has" } else { "have" }
            );
            let resources = self.courses.iter().map(|&c| Resource::Course(c)).collect();
            sink.add(missing.len() as u64, view.lessons_of(&entries), vec![slot], resources, message);
        }
    }
}

/// The lessons of the courses of a set fall on different days: one lesson of the whole set a day.
///
/// The amount is, per day, the lessons of the set beyond the first. Used for related subjects
/// that should not share a day (two sciences, two tests). XHSTT calls it SpreadEvents;
/// FET "min days between activities".
///
/// ```json
/// {"kind": "different_days", "level": {"soft": 2}, "courses": ["Physics-5A", "Chemistry-5A"]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DifferentDays {
    /// The courses, at least two.
    pub courses: Vec<CourseId>,
}

impl DifferentDays {
    pub(crate) fn resolve(def: CourseSetDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(DifferentDays { courses: resolve_set(&def, names, path, issues)? })
    }

    pub(crate) fn to_def(&self, problem: &Problem) -> CourseSetDef {
        set_to_def(&self.courses, problem)
    }

    pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let mut per_day: Vec<Vec<usize>> = vec![Vec::new(); usize::from(calendar.days)];
        for &c in &self.courses {
            for &e in &view.by_course[c.index()] {
                per_day[usize::from(calendar.day(view.entries[e].slot))].push(e);
            }
        }
        for (day, entries) in per_day.iter().enumerate() {
            if entries.len() < 2 {
                continue;
            }
            #[allow(clippy::cast_possible_truncation, reason = "days fit u16")]
            let label = calendar.day_label(day as u16);
            let message = format!(
                "courses {} should meet on different days, but {} of their lessons are on {label}",
                course_names(&self.courses, problem),
                entries.len()
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            let resources = self.courses.iter().map(|&c| Resource::Course(c)).collect();
            sink.add(entries.len() as u64 - 1, view.lessons_of(entries), slots, resources, message);
        }
    }
}
