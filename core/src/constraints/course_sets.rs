//! Constraints on a set of courses: `same_time` (parallel blocks) and `different_days`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::CourseId;
use crate::names::Names;

/// The courses of a set in the serde model: `{"courses": ["French-5", "German-5", "Spanish-5"]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseSetDef {
    /// Course names; at least two.
    pub courses: Vec<String>,
}

/// Resolves the courses of a set, reporting every unknown or repeated name and a set of fewer than two.
pub(super) fn resolve_set(def: &CourseSetDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Vec<CourseId>> {
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

pub(super) fn set_to_def(courses: &[CourseId], problem: &Entities) -> CourseSetDef {
    CourseSetDef { courses: courses.iter().map(|&c| problem.course(c).name.clone()).collect() }
}

pub(super) fn course_names(courses: &[CourseId], problem: &Entities) -> String {
    courses.iter().map(|&c| problem.course(c).name.as_str()).collect::<Vec<_>>().join(", ")
}
