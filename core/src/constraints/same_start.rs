//! `same_start`: some lessons start at the same time.

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

const SUMMARY: &str =
    "some lessons start at the same time (or in the same period of the day, on any days); one unit per pair of placed lessons that do not";

/// The listed lessons start in the same slot (parallel lessons of one block, such as the
/// language groups of a year). FET's "activities same starting time"; `same_time` asks it of
/// every lesson of some courses instead.
///
/// With `period_only`, they start in the same period of the day, each on any day (FET's
/// "activities same starting hour").
///
/// The amount is the number of pairs of placed lessons of the list that start at different
/// slots (periods); an unplaced lesson counts nothing.
///
/// ```json
/// {"kind": "same_start", "level": "hard",
///  "lessons": [{"course": "French-5", "lesson": 0}, {"course": "Latin-5", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameStart {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
    /// Whether only the period of the day must be the same, not the day.
    pub period_only: bool,
}

/// [`SameStart`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SameStartDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
    /// Whether only the period of the day must be the same, each lesson on any day. Default: false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub period_only: bool,
}

impl ConstraintKind for SameStart {
    type Def = SameStartDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: SameStartDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(SameStart { lessons, period_only: def.period_only })
    }

    fn to_def(&self, problem: &Entities) -> SameStartDef {
        let lessons = lessons_to_def(problem, &self.lessons);
        SameStartDef { lessons, period_only: self.period_only }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, crate::ids::Slot)> =
            self.lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| (l, p.slot))).collect();
        let name = |l: LessonId| lesson_name(problem, l);
        for (i, &(a, sa)) in placed.iter().enumerate() {
            for &(b, sb) in &placed[i + 1..] {
                if sa == sb || (self.period_only && calendar.period(sa) == calendar.period(sb)) {
                    continue;
                }
                let message = format!(
                    "{} at {} and {} at {} should start {}",
                    name(a),
                    calendar.slot_label(sa),
                    name(b),
                    calendar.slot_label(sb),
                    if self.period_only { "in the same period of the day" } else { "at the same time" }
                );
                let resources = vec![Resource::Course(problem.lesson(a).course), Resource::Course(problem.lesson(b).course)];
                sink.add(1, vec![a, b], vec![sa, sb], resources, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SameStart;
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with};
    use crate::{Constraint, Kind};

    const FR_DE_SPORT: &str = r#"{"kind": "same_start", "level": "hard",
        "lessons": [{"course": "Fr", "lesson": 0}, {"course": "De", "lesson": 1}, {"course": "Sport", "lesson": 0}]}"#;

    #[test]
    fn resolves_its_lessons_and_reports_bad_ones() {
        let problem = school_with(FR_DE_SPORT);
        let lessons = vec![lesson(&problem, "Fr", 0), lesson(&problem, "De", 1), lesson(&problem, "Sport", 0)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::SameStart(SameStart { lessons, period_only: false }));
        let issues = school_issues(r#"{"kind": "same_start", "level": "hard", "lessons": [{"course": "Fr", "lesson": 2}]}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].lessons".to_owned(), "at least two lessons are needed".to_owned()),
                ("constraints[0].lessons[0].lesson".to_owned(), "course \"Fr\" has 2 lessons; lesson 2 does not exist".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_pair_of_placed_lessons_starting_apart() {
        let problem = school_with(FR_DE_SPORT);
        // Fr and De together at Mon 1; Sport unplaced: nothing.
        assert_eq!(found(&problem, &place(&problem, &[("Fr", 0, 0, 1, Some("R1")), ("De", 1, 0, 1, Some("R2"))]), Kind::SameStart), vec![]);
        // Sport at Mon 2 differs from both: two pairs.
        let t = place(&problem, &[("Fr", 0, 0, 1, Some("R1")), ("De", 1, 0, 1, Some("R2")), ("Sport", 0, 0, 2, None)]);
        let v = found(&problem, &t, Kind::SameStart);
        assert_eq!(v.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(), vec![(1, hard(1)), (1, hard(1))]);
        assert_eq!(
            v[0].2,
            "lesson 1 of course Fr at Mon period 1 and lesson 1 of course Sport at Mon period 2 should start at the same time"
        );
    }
}
