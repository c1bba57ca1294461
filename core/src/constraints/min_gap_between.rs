//! `min_gap_between`: some lessons on one day leave a number of periods between them.

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
use crate::words::count;

const SUMMARY: &str =
    "two of some lessons on the same day have at least a number of periods between them; per pair, one unit per period short";

/// Two of the listed lessons that start on the same day leave at least `periods` periods between
/// the end of the earlier and the start of the later (a lecture and its tutorial, not back to
/// back). FET's "min gaps between activities".
///
/// For each pair of placed lessons starting on one day, the gap is the periods from the end of
/// the one that starts first to the start of the other (0 when they overlap), breaks included,
/// and the amount is `periods` less the gap when that is positive. Unplaced lessons count
/// nothing.
///
/// ```json
/// {"kind": "min_gap_between", "level": "hard", "periods": 1,
///  "lessons": [{"course": "Physics-5A", "lesson": 0}, {"course": "Physics-5A", "lesson": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinGapBetween {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
    /// The least periods between two of them on one day, at least 1.
    pub periods: u16,
}

/// [`MinGapBetween`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinGapBetweenDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
    /// The least periods between two of them on one day, from 1 to the periods of a day.
    pub periods: u16,
}

/// The periods between a lesson starting at period `a` lasting `la` and one at `b` lasting `lb`
/// of the same day: from the end of the one that starts first to the start of the other, 0 when
/// they overlap.
pub fn gap_between(a: u16, la: u16, b: u16, lb: u16) -> u16 {
    let ((first, first_length), second) = if a <= b { ((a, la), b) } else { ((b, lb), a) };
    second.saturating_sub(first.saturating_add(first_length))
}

impl MinGapBetween {
    /// Units for two lessons of one day starting at periods `a` and `b`, lasting `la` and `lb`.
    pub fn amount(&self, a: u16, la: u16, b: u16, lb: u16) -> u16 {
        self.periods.saturating_sub(gap_between(a, la, b, lb))
    }
}

impl ConstraintKind for MinGapBetween {
    type Def = MinGapBetweenDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MinGapBetweenDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        if def.periods == 0 || def.periods > calendar.periods_per_day {
            issues.push(Issue::at_path(
                format!("{path}.periods"),
                format!("must be from 1 to the {} periods of a day, not {}", calendar.periods_per_day, def.periods),
            ));
        }
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(MinGapBetween { lessons, periods: def.periods })
    }

    fn to_def(&self, problem: &Entities) -> MinGapBetweenDef {
        MinGapBetweenDef { lessons: lessons_to_def(problem, &self.lessons), periods: self.periods }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, crate::ids::Slot, u16)> =
            self.lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| (l, p.slot, problem.lesson(l).length))).collect();
        let name = |l: LessonId| lesson_name(problem, l);
        for (i, &(a, sa, la)) in placed.iter().enumerate() {
            for &(b, sb, lb) in &placed[i + 1..] {
                if calendar.day(sa) != calendar.day(sb) {
                    continue;
                }
                let (pa, pb) = (calendar.period(sa), calendar.period(sb));
                let amount = self.amount(pa, la, pb, lb);
                if amount == 0 {
                    continue;
                }
                let message = format!(
                    "{} at {} and {} at {} have {} between them on the same day; they should have at least {}",
                    name(a),
                    calendar.slot_label(sa),
                    name(b),
                    calendar.slot_label(sb),
                    count(gap_between(pa, la, pb, lb), "period", "periods"),
                    self.periods,
                );
                let resources = vec![Resource::Course(problem.lesson(a).course), Resource::Course(problem.lesson(b).course)];
                sink.add(u64::from(amount), vec![a, b], vec![sa, sb], resources, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{gap_between, MinGapBetween, MinGapBetweenDef};
    use crate::constraints::test_support::{first_def, found, hard, lesson, place, school_issues, school_with};
    use crate::constraints::{ConstraintDef, LessonDef};
    use crate::{Constraint, Kind};

    const MATH_TWO_APART: &str = r#"{"kind": "min_gap_between", "level": "hard", "periods": 2,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Bio", "lesson": 0}]}"#;

    #[test]
    fn the_gap_runs_from_the_end_of_the_first_to_the_start_of_the_second() {
        assert_eq!(gap_between(0, 1, 3, 1), 2);
        assert_eq!(gap_between(3, 1, 0, 2), 1);
        assert_eq!(gap_between(0, 2, 2, 1), 0);
        // Overlapping: no gap.
        assert_eq!(gap_between(1, 3, 2, 1), 0);
        assert_eq!(gap_between(2, 1, 2, 1), 0);
    }

    #[test]
    fn resolves_its_lessons_and_round_trips_to_names() {
        let problem = school_with(MATH_TWO_APART);
        let lessons = vec![lesson(&problem, "Math", 0), lesson(&problem, "Math", 1), lesson(&problem, "Bio", 0)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::MinGapBetween(MinGapBetween { lessons, periods: 2 }));
        let at = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
        assert_eq!(
            first_def(&problem),
            ConstraintDef::MinGapBetween(MinGapBetweenDef { lessons: vec![at("Math", 0), at("Math", 1), at("Bio", 0)], periods: 2 })
        );
        let issues = school_issues(
            r#"{"kind": "min_gap_between", "level": "hard", "periods": 0, "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 0}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].periods".to_owned(), "must be from 1 to the 4 periods of a day, not 0".to_owned()),
                ("constraints[0].lessons[1]".to_owned(), "lesson 0 of course \"Math\" is listed twice".to_owned()),
            ]
        );
    }

    #[test]
    fn each_pair_on_one_day_costs_the_periods_it_is_short() {
        let problem = school_with(MATH_TWO_APART);
        // Mon: Math at 0 and Bio's double at 2-3: one period between, one short. Math 2 on Tue: alone.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 0, 2, Some("R2")), ("Math", 1, 1, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MinGapBetween),
            vec![(
                1,
                hard(1),
                "lesson 1 of course Math at Mon period 0 and lesson 1 of course Bio at Mon period 2 have 1 period between them on the same day; they should have at least 2".to_owned()
            )]
        );
        // Back to back: two short. Far enough apart: nothing.
        let t = place(&problem, &[("Math", 0, 0, 2, Some("R1")), ("Bio", 0, 0, 0, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::MinGapBetween).iter().map(|v| (v.0, v.1)).collect::<Vec<_>>(), vec![(2, hard(2))]);
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::MinGapBetween), vec![]);
    }
}
