//! `max_days_between`: some lessons are at most a number of days apart (0: on one day).

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

const SUMMARY: &str = "some lessons are at most a number of days apart (0: all on one day); per pair, one unit per day too far";

/// The listed lessons start at most `days` days apart, pair by pair: with 0, all on one day (a
/// theory lesson and its practical). FET's "activities same starting day" (0) and "max days
/// between activities".
///
/// For each pair of placed lessons starting `d` days apart with `d > days`, the amount is
/// `d - days`. Unplaced lessons count nothing.
///
/// ```json
/// {"kind": "max_days_between", "level": "hard", "days": 0,
///  "lessons": [{"course": "Physics-5A", "lesson": 0}, {"course": "Physics-lab-5A", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxDaysBetween {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
    /// The most days between the starts of two of them, less than the days of the week.
    pub days: u16,
}

/// [`MaxDaysBetween`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxDaysBetweenDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
    /// The most days between the starts of two of them, from 0 (on one day) to one less than the
    /// days of the week.
    pub days: u16,
}

impl MaxDaysBetween {
    /// Units for two lessons starting on `day_a` and `day_b`.
    pub fn amount(&self, day_a: u16, day_b: u16) -> u16 {
        day_a.abs_diff(day_b).saturating_sub(self.days)
    }
}

impl ConstraintKind for MaxDaysBetween {
    type Def = MaxDaysBetweenDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxDaysBetweenDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        if def.days >= calendar.days {
            issues.push(Issue::at_path(
                format!("{path}.days"),
                format!(
                    "must be less than the {} days of the week (any two days are at most {} apart), not {}",
                    calendar.days,
                    calendar.days - 1,
                    def.days
                ),
            ));
        }
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(MaxDaysBetween { lessons, days: def.days })
    }

    fn to_def(&self, problem: &Entities) -> MaxDaysBetweenDef {
        MaxDaysBetweenDef { lessons: lessons_to_def(problem, &self.lessons), days: self.days }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, crate::ids::Slot)> =
            self.lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| (l, p.slot))).collect();
        let name = |l: LessonId| lesson_name(problem, l);
        for (i, &(a, sa)) in placed.iter().enumerate() {
            for &(b, sb) in &placed[i + 1..] {
                let (day_a, day_b) = (calendar.day(sa), calendar.day(sb));
                let amount = self.amount(day_a, day_b);
                if amount == 0 {
                    continue;
                }
                let bound = if self.days == 0 {
                    "on the same day".to_owned()
                } else {
                    format!("at most {} apart", count(u64::from(self.days), "day", "days"))
                };
                let message = format!(
                    "{} at {} and {} at {} are {} apart; they should be {bound}",
                    name(a),
                    calendar.slot_label(sa),
                    name(b),
                    calendar.slot_label(sb),
                    count(u64::from(day_a.abs_diff(day_b)), "day", "days"),
                );
                let resources = vec![Resource::Course(problem.lesson(a).course), Resource::Course(problem.lesson(b).course)];
                sink.add(u64::from(amount), vec![a, b], vec![sa, sb], resources, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MaxDaysBetween, MaxDaysBetweenDef};
    use crate::constraints::test_support::{first_def, found, hard, lesson, place, school_issues, school_with, soft};
    use crate::constraints::{ConstraintDef, LessonDef};
    use crate::{Constraint, Kind};

    const SAME_DAY: &str = r#"{"kind": "max_days_between", "level": {"soft": 3}, "days": 0,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Bio", "lesson": 1}]}"#;

    #[test]
    fn resolves_its_lessons_and_round_trips_to_names() {
        let problem = school_with(SAME_DAY);
        let lessons = vec![lesson(&problem, "Math", 0), lesson(&problem, "Art", 0), lesson(&problem, "Bio", 1)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::MaxDaysBetween(MaxDaysBetween { lessons, days: 0 }));
        let at = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
        assert_eq!(
            first_def(&problem),
            ConstraintDef::MaxDaysBetween(MaxDaysBetweenDef { lessons: vec![at("Math", 0), at("Art", 0), at("Bio", 1)], days: 0 })
        );
    }

    #[test]
    fn days_beyond_the_week_and_bad_lessons_are_issues_at_their_paths() {
        let issues =
            school_issues(r#"{"kind": "max_days_between", "level": "hard", "days": 3, "lessons": [{"course": "Math", "lesson": 7}]}"#);
        assert_eq!(
            issues,
            vec![
                (
                    "constraints[0].days".to_owned(),
                    "must be less than the 3 days of the week (any two days are at most 2 apart), not 3".to_owned()
                ),
                ("constraints[0].lessons".to_owned(), "at least two lessons are needed".to_owned()),
                ("constraints[0].lessons[0].lesson".to_owned(), "course \"Math\" has 3 lessons; lesson 7 does not exist".to_owned()),
            ]
        );
    }

    #[test]
    fn each_pair_costs_the_days_it_is_too_far_apart() {
        let problem = school_with(SAME_DAY);
        // Math on Mon, Art on Mon, Bio on Wed: Bio is 2 days from each.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Art", 0, 0, 1, Some("R1")), ("Bio", 1, 2, 0, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxDaysBetween),
            vec![
                (
                    2,
                    soft(6),
                    "lesson 1 of course Math at Mon period 0 and lesson 2 of course Bio at Wed period 0 are 2 days apart; they should be on the same day".to_owned()
                ),
                (
                    2,
                    soft(6),
                    "lesson 1 of course Art at Mon period 1 and lesson 2 of course Bio at Wed period 0 are 2 days apart; they should be on the same day".to_owned()
                ),
            ]
        );
        // All on Tue, or one unplaced: nothing.
        let t = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Art", 0, 1, 1, Some("R1")), ("Bio", 1, 1, 3, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::MaxDaysBetween), vec![]);
        let problem = school_with(
            r#"{"kind": "max_days_between", "level": "hard", "days": 1, "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}]}"#,
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 2, 0, Some("R1"))]);
        let v = found(&problem, &t, Kind::MaxDaysBetween);
        assert_eq!((v.len(), v[0].0, v[0].1), (1, 1, hard(1)));
        assert!(v[0].2.ends_with("are 2 days apart; they should be at most 1 day apart"), "{}", v[0].2);
    }
}
