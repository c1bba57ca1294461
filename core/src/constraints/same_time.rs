//! `same_time`.

use super::course_sets::{course_names, resolve_set, set_to_def, CourseSetDef};
use crate::calendar::Calendar;
use crate::constraints::view::Sink;
use crate::constraints::view::View;
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::CourseId;
use crate::ids::Resource;
use crate::names::Names;

use super::ConstraintKind;

const SUMMARY: &str =
    "a set of courses occupies the same periods (a parallel block); one unit per course missing from a period another of them occupies";

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

impl ConstraintKind for SameTime {
    type Def = CourseSetDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: CourseSetDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(SameTime { courses: resolve_set(&def, names, path, issues)? })
    }

    fn to_def(&self, problem: &Entities) -> CourseSetDef {
        set_to_def(&self.courses, problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
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
