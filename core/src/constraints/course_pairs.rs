//! Constraints on an ordered pair of courses: `ordering` and `consecutive`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::problem::{Names, Problem};
use crate::score::{Entry, Sink, View};

pub(crate) const ORDERING_SUMMARY: &str =
    "every lesson of one course ends before any lesson of another starts, in the week; one unit per pair out of order";
pub(crate) const CONSECUTIVE_SUMMARY: &str =
    "each lesson of one course starts right after a lesson of another ends, on the same day; one unit per lesson not preceded";

/// An ordered pair of courses in the serde model: `{"first": "Lab-theory-5A", "then": "Lab-5A"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoursePairDef {
    /// The course that comes first.
    pub first: String,
    /// The course that comes after it.
    pub then: String,
}

fn resolve_pair(def: &CoursePairDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<(CourseId, CourseId)> {
    let first = names.course(&def.first, &format!("{path}.first"), issues);
    let then = names.course(&def.then, &format!("{path}.then"), issues);
    let (first, then) = (first?, then?);
    if first == then {
        issues.push(Issue::at_path(format!("{path}.then"), "a course cannot be ordered against itself".to_owned()));
        return None;
    }
    Some((first, then))
}

fn pair_to_def(first: CourseId, then: CourseId, problem: &Problem) -> CoursePairDef {
    CoursePairDef { first: problem.course(first).name.clone(), then: problem.course(then).name.clone() }
}

/// The first slot after an entry (its end), as a slot index.
fn end(e: &Entry) -> usize {
    e.slot.index() + usize::from(e.length)
}

/// Every lesson of `first` ends before any lesson of `then` starts, counting the week from its
/// first day (a theory lesson before the practical, an introduction before the test).
///
/// The amount is the number of pairs (a lesson of `first`, a lesson of `then`) where the first
/// has not ended when the second starts. FET "activities order"; XHSTT expresses it with
/// OrderEvents.
///
/// ```json
/// {"kind": "ordering", "level": {"soft": 5}, "first": "Theory-5A", "then": "Lab-5A"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ordering {
    /// The course whose lessons come first.
    pub first: CourseId,
    /// The course whose lessons come after.
    pub then: CourseId,
}

impl Ordering {
    pub(crate) fn resolve(def: CoursePairDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let (first, then) = resolve_pair(&def, names, path, issues)?;
        Some(Ordering { first, then })
    }

    pub(crate) fn to_def(&self, problem: &Problem) -> CoursePairDef {
        pair_to_def(self.first, self.then, problem)
    }

    pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let (a_name, b_name) = (&problem.course(self.first).name, &problem.course(self.then).name);
        for &a in &view.by_course[self.first.index()] {
            for &b in &view.by_course[self.then.index()] {
                let (ea, eb) = (&view.entries[a], &view.entries[b]);
                if end(ea) <= eb.slot.index() {
                    continue;
                }
                let message = format!(
                    "course {a_name} should come before course {b_name}, but its lesson at {} has not ended when {b_name} meets at {}",
                    calendar.slot_label(ea.slot),
                    calendar.slot_label(eb.slot)
                );
                sink.add(
                    1,
                    view.lessons_of(&[a, b]),
                    vec![ea.slot, eb.slot],
                    vec![Resource::Course(self.first), Resource::Course(self.then)],
                    message,
                );
            }
        }
    }
}

/// Each lesson of `then` starts in the period right after a lesson of `first` ends, on the same
/// day (a lesson split around a break, a practical straight after its briefing).
///
/// The amount is the number of lessons of `then` with no lesson of `first` ending just before
/// them on their day. FET "activities consecutive"; XHSTT links them with SpreadEvents.
///
/// ```json
/// {"kind": "consecutive", "level": "hard", "first": "Briefing-5A", "then": "Lab-5A"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consecutive {
    /// The course whose lessons come just before.
    pub first: CourseId,
    /// The course whose lessons follow directly.
    pub then: CourseId,
}

impl Consecutive {
    pub(crate) fn resolve(def: CoursePairDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let (first, then) = resolve_pair(&def, names, path, issues)?;
        Some(Consecutive { first, then })
    }

    pub(crate) fn to_def(&self, problem: &Problem) -> CoursePairDef {
        pair_to_def(self.first, self.then, problem)
    }

    pub(crate) fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let (a_name, b_name) = (&problem.course(self.first).name, &problem.course(self.then).name);
        for &b in &view.by_course[self.then.index()] {
            let eb = &view.entries[b];
            let preceded = view.by_course[self.first.index()].iter().any(|&a| {
                let ea = &view.entries[a];
                end(ea) == eb.slot.index() && calendar.day(ea.slot) == calendar.day(eb.slot)
            });
            if preceded {
                continue;
            }
            let message = format!(
                "the lesson of course {b_name} at {} should directly follow a lesson of course {a_name} on the same day",
                calendar.slot_label(eb.slot)
            );
            sink.add(1, view.lessons_of(&[b]), vec![eb.slot], vec![Resource::Course(self.first), Resource::Course(self.then)], message);
        }
    }
}
