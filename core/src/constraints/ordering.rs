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

#[cfg(test)]
mod tests {
    use super::Ordering;
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    const BIO_THEN_MATH: &str = r#"{"kind": "ordering", "level": {"soft": 5}, "first": "Bio", "then": "Math"}"#;

    #[test]
    fn resolves_an_ordered_pair() {
        assert_eq!(
            school_with(BIO_THEN_MATH).constraints()[0].constraint,
            Constraint::Ordering(Ordering { first: CourseId(2), then: CourseId(0) })
        );
    }

    #[test]
    fn a_course_against_itself_or_unknown_courses_are_issues() {
        let issues = school_issues(r#"{"kind": "ordering", "level": "hard", "first": "Art", "then": "Art"}"#);
        assert_eq!(issues, vec![("constraints[0].then".to_owned(), "a course cannot be ordered against itself".to_owned())]);
        let issues = school_issues(r#"{"kind": "ordering", "level": "hard", "first": "Chem", "then": "Phys"}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].first".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].then".to_owned(), "unknown course \"Phys\"".to_owned()),
            ]
        );
    }

    #[test]
    fn a_lesson_starting_as_the_first_ends_is_in_order() {
        let problem = school_with(BIO_THEN_MATH);
        // Bio's double covers Mon 0 and 1 and ends at Mon 2, where Bio's single starts; that ends at
        // Mon 3, where Math starts; Math's other lesson is on Tue.
        let t = place(
            &problem,
            &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 2, Some("R1")), ("Math", 0, 0, 3, Some("R2")), ("Math", 1, 1, 0, Some("R2"))],
        );
        assert_eq!(found(&problem, &t, Kind::Ordering), vec![]);
    }

    #[test]
    fn one_unit_per_pair_out_of_order() {
        let problem = school_with(BIO_THEN_MATH);
        // Bio's double (Mon 0 and 1) has not ended when Math meets at Mon 1; Bio's single at Tue 0
        // comes after both lessons of Math. Math at Mon 2 is after the double.
        let t = place(
            &problem,
            &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 1, 0, Some("R1")), ("Math", 0, 0, 2, Some("R2")), ("Math", 1, 0, 1, Some("R2"))],
        );
        let message = |bio: &str, math: &str| {
            format!("course Bio should come before course Math, but its lesson at {bio} has not ended when Math meets at {math}")
        };
        assert_eq!(
            found(&problem, &t, Kind::Ordering),
            vec![
                (1, soft(5), message("Mon period 0", "Mon period 1")),
                (1, soft(5), message("Tue period 0", "Mon period 2")),
                (1, soft(5), message("Tue period 0", "Mon period 1")),
            ]
        );
    }
}
