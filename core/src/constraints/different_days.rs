//! `different_days`.

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

const SUMMARY: &str = "the lessons of a set of courses fall on different days; one unit per lesson beyond the first on a day";

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

impl ConstraintKind for DifferentDays {
    type Def = CourseSetDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: CourseSetDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(DifferentDays { courses: resolve_set(&def, names, path, issues)? })
    }

    fn to_def(&self, problem: &Entities) -> CourseSetDef {
        set_to_def(&self.courses, problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
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
