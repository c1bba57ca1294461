//! `not_overlapping`: some lessons never share a period.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource};
use crate::names::Names;

const SUMMARY: &str = "some lessons never share a period; one unit per period two of them share";

/// No two of the listed lessons share a period, though nothing else keeps them apart (lessons of
/// different classes that need one teacher's equipment). FET's "activities not overlapping".
///
/// The amount is, over each pair of placed lessons of the list, the number of periods both
/// cover; an unplaced lesson counts nothing.
///
/// ```json
/// {"kind": "not_overlapping", "level": "hard",
///  "lessons": [{"course": "Chemistry-5A", "lesson": 0}, {"course": "Chemistry-6B", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotOverlapping {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
}

/// [`NotOverlapping`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotOverlappingDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
}

impl ConstraintKind for NotOverlapping {
    type Def = NotOverlappingDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: NotOverlappingDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(NotOverlapping { lessons })
    }

    fn to_def(&self, problem: &Entities) -> NotOverlappingDef {
        let lessons = lessons_to_def(problem, &self.lessons);
        NotOverlappingDef { lessons }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, crate::ids::Slot, u16)> =
            self.lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| (l, p.slot, problem.lesson(l).length))).collect();
        let name = |l: LessonId| lesson_name(problem, l);
        for (i, &(a, sa, la)) in placed.iter().enumerate() {
            for &(b, sb, lb) in &placed[i + 1..] {
                let shared = shared_periods(sa.0, la, sb.0, lb);
                if shared == 0 {
                    continue;
                }
                let message = format!(
                    "{} at {} and {} at {} share {} and should not overlap",
                    name(a),
                    calendar.slot_label(sa),
                    name(b),
                    calendar.slot_label(sb),
                    if shared == 1 { "1 period".to_owned() } else { format!("{shared} periods") }
                );
                let resources = vec![Resource::Course(problem.lesson(a).course), Resource::Course(problem.lesson(b).course)];
                sink.add(u64::from(shared), vec![a, b], vec![sa, sb], resources, message);
            }
        }
    }
}

/// The periods a lesson at slot `a` lasting `la` and one at `b` lasting `lb` both cover.
pub fn shared_periods(a: u16, la: u16, b: u16, lb: u16) -> u16 {
    let (a, b) = (u32::from(a), u32::from(b));
    let (end_a, end_b) = (a + u32::from(la), b + u32::from(lb));
    u16::try_from(end_a.min(end_b).saturating_sub(a.max(b))).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::{shared_periods, NotOverlapping};
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with};
    use crate::{Constraint, Kind};

    const BIO_FR_DE: &str = r#"{"kind": "not_overlapping", "level": "hard",
        "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}, {"course": "De", "lesson": 1}]}"#;

    #[test]
    fn resolves_its_lessons_and_reports_bad_ones() {
        let problem = school_with(BIO_FR_DE);
        let lessons = vec![lesson(&problem, "Bio", 0), lesson(&problem, "Fr", 0), lesson(&problem, "De", 1)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::NotOverlapping(NotOverlapping { lessons }));
        let issues = school_issues(
            r#"{"kind": "not_overlapping", "level": "hard", "lessons": [{"course": "Fr", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        assert_eq!(issues, vec![("constraints[0].lessons[1]".to_owned(), "lesson 0 of course \"Fr\" is listed twice".to_owned())]);
    }

    #[test]
    fn each_shared_period_costs_one() {
        let problem = school_with(BIO_FR_DE);
        // Bio's double at Mon 0-1 shares Mon 1 with Fr; De at Mon 2 shares nothing.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Fr", 0, 0, 1, Some("R2")), ("De", 1, 0, 2, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::NotOverlapping),
            vec![(
                1,
                hard(1),
                "lesson 1 of course Bio at Mon period 0 and lesson 1 of course Fr at Mon period 1 share 1 period and should not overlap"
                    .to_owned()
            )]
        );
        assert_eq!((shared_periods(0, 2, 0, 2), shared_periods(0, 2, 2, 1), shared_periods(3, 1, 0, 4)), (2, 0, 1));
    }
}
