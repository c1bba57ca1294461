//! `ordering`.

use super::course_pairs::{end, pair_to_def, resolve_pair, CoursePairDef};
use crate::calendar::Calendar;
use crate::constraints::view::Sink;
use crate::constraints::view::View;
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::CourseId;
use crate::ids::Resource;
use crate::names::Names;

use super::ConstraintKind;

const SUMMARY: &str = "every lesson of one course ends before any lesson of another starts, in the week; one unit per pair out of order";

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

impl ConstraintKind for Ordering {
    type Def = CoursePairDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: CoursePairDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let (first, then) = resolve_pair(&def, names, path, issues)?;
        Some(Ordering { first, then })
    }

    fn to_def(&self, problem: &Entities) -> CoursePairDef {
        pair_to_def(self.first, self.then, problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
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
