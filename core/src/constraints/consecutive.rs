//! `consecutive`.

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

const SUMMARY: &str =
    "each lesson of one course starts right after a lesson of another ends, on the same day; one unit per lesson not preceded";

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

impl ConstraintKind for Consecutive {
    type Def = CoursePairDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: CoursePairDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let (first, then) = resolve_pair(&def, names, path, issues)?;
        Some(Consecutive { first, then })
    }

    fn to_def(&self, problem: &Entities) -> CoursePairDef {
        pair_to_def(self.first, self.then, problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
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
