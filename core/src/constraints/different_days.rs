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

#[cfg(test)]
mod tests {
    use super::DifferentDays;
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    const MATH_BIO: &str = r#"{"kind": "different_days", "level": {"soft": 2}, "courses": ["Math", "Bio"]}"#;

    #[test]
    fn resolves_a_set_of_courses_and_reports_a_bad_one() {
        assert_eq!(
            school_with(MATH_BIO).constraints()[0].constraint,
            Constraint::DifferentDays(DifferentDays { courses: vec![CourseId(0), CourseId(2)] })
        );
        let issues = school_issues(r#"{"kind": "different_days", "level": "hard", "courses": ["Math", "Chem"]}"#);
        assert_eq!(issues, vec![("constraints[0].courses[1]".to_owned(), "unknown course \"Chem\"".to_owned())]);
        let issues = school_issues(r#"{"kind": "different_days", "level": "hard", "courses": []}"#);
        assert_eq!(issues, vec![("constraints[0].courses".to_owned(), "name at least two courses".to_owned())]);
    }

    #[test]
    fn one_unit_per_lesson_of_the_set_beyond_the_first_on_a_day() {
        let problem = school_with(MATH_BIO);
        let apart = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 1, 0, Some("R1")), ("Math", 1, 2, 3, Some("R1"))]);
        assert_eq!(found(&problem, &apart, Kind::DifferentDays), vec![]);
        let t = place(
            &problem,
            &[
                ("Math", 0, 0, 0, Some("R1")),
                ("Bio", 0, 0, 2, Some("R1")),
                // Tue: two lessons of Math and one of Bio; lessons of one course count too.
                ("Math", 1, 1, 0, Some("R1")),
                ("Math", 2, 1, 1, Some("R1")),
                ("Bio", 1, 1, 3, Some("R1")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::DifferentDays),
            vec![
                (1, soft(2), "courses Math, Bio should meet on different days, but 2 of their lessons are on Mon".to_owned()),
                (2, soft(4), "courses Math, Bio should meet on different days, but 3 of their lessons are on Tue".to_owned()),
            ]
        );
    }
}
