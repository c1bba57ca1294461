//! Constraints on an ordered pair of courses: `ordering` and `consecutive`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::Entry;
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::CourseId;
use crate::names::Names;

/// An ordered pair of courses in the serde model: `{"first": "Lab-theory-5A", "then": "Lab-5A"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoursePairDef {
    /// The course that comes first.
    pub first: String,
    /// The course that comes after it.
    pub then: String,
}

pub(super) fn resolve_pair(def: &CoursePairDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<(CourseId, CourseId)> {
    let first = names.course(&def.first, &format!("{path}.first"), issues);
    let then = names.course(&def.then, &format!("{path}.then"), issues);
    let (first, then) = (first?, then?);
    if first == then {
        issues.push(Issue::at_path(format!("{path}.then"), "a course cannot be ordered against itself".to_owned()));
        return None;
    }
    Some((first, then))
}

pub(super) fn pair_to_def(first: CourseId, then: CourseId, problem: &Entities) -> CoursePairDef {
    CoursePairDef { first: problem.course(first).name.clone(), then: problem.course(then).name.clone() }
}

/// The first slot after an entry (its end), as a slot index.
pub(super) fn end(e: &Entry) -> usize {
    e.slot.index() + usize::from(e.length)
}
