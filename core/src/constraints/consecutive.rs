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

#[cfg(test)]
mod tests {
    use super::Consecutive;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    const ART_THEN_MATH: &str = r#"{"kind": "consecutive", "level": "hard", "first": "Art", "then": "Math"}"#;

    #[test]
    fn resolves_an_ordered_pair_and_reports_a_bad_one() {
        assert_eq!(
            school_with(ART_THEN_MATH).constraints()[0].constraint,
            Constraint::Consecutive(Consecutive { first: CourseId(1), then: CourseId(0) })
        );
        let issues = school_issues(r#"{"kind": "consecutive", "level": "hard", "first": "Art", "then": "Chem"}"#);
        assert_eq!(issues, vec![("constraints[0].then".to_owned(), "unknown course \"Chem\"".to_owned())]);
        let issues = school_issues(r#"{"kind": "consecutive", "level": "hard", "first": "Math", "then": "Math"}"#);
        assert_eq!(issues, vec![("constraints[0].then".to_owned(), "a course cannot be ordered against itself".to_owned())]);
    }

    #[test]
    fn one_unit_per_lesson_not_directly_preceded_on_its_day() {
        let problem = school_with(ART_THEN_MATH);
        let t = place(
            &problem,
            &[
                // Art at Mon 0, Math right after at Mon 1.
                ("Art", 0, 0, 0, Some("R1")),
                ("Math", 0, 0, 1, Some("R1")),
                // Math at Mon 3: nothing of Art at Mon 2.
                ("Math", 1, 0, 3, Some("R1")),
                // Art at Mon 3 ends where Tue 0 starts, but on another day.
                ("Art", 1, 0, 3, Some("R2")),
                ("Math", 2, 1, 0, Some("R1")),
            ],
        );
        let message =
            |slot: &str| format!("the lesson of course Math at {slot} should directly follow a lesson of course Art on the same day");
        assert_eq!(
            found(&problem, &t, Kind::Consecutive),
            vec![(1, hard(1), message("Mon period 3")), (1, hard(1), message("Tue period 0"))]
        );
        // Unplaced lessons of the second course need nothing before them.
        assert_eq!(found(&problem, &place(&problem, &[("Art", 0, 2, 2, Some("R1"))]), Kind::Consecutive), vec![]);
    }

    #[test]
    fn a_double_precedes_the_period_after_its_end() {
        let problem = school_with(r#"{"kind": "consecutive", "level": "hard", "first": "Bio", "then": "Art"}"#);
        // Bio's double covers Wed 0 and 1: Art at Wed 2 follows it, Art at Wed 1 does not.
        let t = place(&problem, &[("Bio", 0, 2, 0, Some("R1")), ("Art", 0, 2, 2, Some("R1")), ("Art", 1, 2, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Consecutive),
            vec![(
                1,
                hard(1),
                "the lesson of course Art at Wed period 1 should directly follow a lesson of course Bio on the same day".to_owned()
            )]
        );
    }
}
