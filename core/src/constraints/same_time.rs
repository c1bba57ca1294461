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

#[cfg(test)]
mod tests {
    use super::SameTime;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_a_set_of_courses() {
        let problem = school_with(r#"{"kind": "same_time", "level": "hard", "courses": ["Fr", "De", "Math"]}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::SameTime(SameTime { courses: vec![CourseId(3), CourseId(4), CourseId(0)] })
        );
    }

    #[test]
    fn a_set_of_fewer_than_two_an_unknown_or_a_repeated_course_is_an_issue() {
        let issues = school_issues(r#"{"kind": "same_time", "level": "hard", "courses": ["Fr"]}"#);
        assert_eq!(issues, vec![("constraints[0].courses".to_owned(), "name at least two courses".to_owned())]);
        let issues = school_issues(r#"{"kind": "same_time", "level": "hard", "courses": ["Fr", "Chem", "Fr"]}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].courses[1]".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].courses[2]".to_owned(), "\"Fr\" is listed twice".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_course_missing_from_a_period_another_occupies() {
        let problem = school_with(r#"{"kind": "same_time", "level": "hard", "courses": ["Fr", "De"]}"#);
        let t = place(
            &problem,
            &[
                // Together at Mon 0; apart at Tue 1 and Tue 2.
                ("Fr", 0, 0, 0, Some("R1")),
                ("De", 0, 0, 0, Some("R2")),
                ("Fr", 1, 1, 1, Some("R1")),
                ("De", 1, 1, 2, Some("R2")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::SameTime),
            vec![
                (1, hard(1), "courses Fr, De should meet at the same time, but at Tue period 1 only Fr has a lesson".to_owned()),
                (1, hard(1), "courses Fr, De should meet at the same time, but at Tue period 2 only De has a lesson".to_owned()),
            ]
        );
        let together = place(&problem, &[("Fr", 0, 2, 3, Some("R1")), ("De", 0, 2, 3, Some("R2"))]);
        assert_eq!(found(&problem, &together, Kind::SameTime), vec![]);
    }

    #[test]
    fn every_period_a_lesson_covers_counts_and_each_missing_course_is_a_unit() {
        let problem = school_with(r#"{"kind": "same_time", "level": {"soft": 2}, "courses": ["Bio", "Math", "Art"]}"#);
        // Bio's double covers Mon 0 and Mon 1; Math and Art meet with it at Mon 0 only.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Math", 0, 0, 0, Some("R2")), ("Art", 0, 0, 0, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::SameTime),
            vec![(2, soft(4), "courses Bio, Math, Art should meet at the same time, but at Mon period 1 only Bio has a lesson".to_owned())]
        );
        let t = place(&problem, &[("Math", 0, 2, 0, Some("R2")), ("Art", 0, 2, 0, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::SameTime),
            vec![(
                1,
                soft(2),
                "courses Bio, Math, Art should meet at the same time, but at Wed period 0 only Math, Art have a lesson".to_owned()
            )]
        );
    }
}
