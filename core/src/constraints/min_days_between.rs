//! `min_days_between`: some lessons are spread at least a number of days apart.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Entry, Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource};
use crate::names::Names;

const SUMMARY: &str = "some lessons are at least a number of days apart; per pair, one unit per day too close (and one when \
                       two on the same day are not back to back, if asked)";

/// The listed lessons are at least `days` days apart, pair by pair (a subject's lessons spread
/// over the week). FET's "min days between activities"; `consecutive_if_same_day` is its
/// "consecutive if same day".
///
/// For each pair of placed lessons starting `d` days apart with `d < days`, the amount is
/// `days - d`; with `consecutive_if_same_day`, a pair on the same day that is not back to back
/// (one starting right where the other ends) adds one more. Unplaced lessons count nothing.
/// `days` is from 1 to the days of the week, or 0 with `consecutive_if_same_day` for that rule
/// alone.
///
/// ```json
/// {"kind": "min_days_between", "level": {"soft": 5}, "days": 2, "consecutive_if_same_day": true,
///  "lessons": [{"course": "Maths-5A", "lesson": 0}, {"course": "Maths-5A", "lesson": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinDaysBetween {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonId>,
    /// The least number of days between the starts of two of them: at least 1, or 0 when only
    /// `consecutive_if_same_day` is asked.
    pub days: u16,
    /// Whether two of them on the same day must also be back to back.
    pub consecutive_if_same_day: bool,
}

/// [`MinDaysBetween`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinDaysBetweenDef {
    /// The lessons, at least two, each once.
    pub lessons: Vec<LessonDef>,
    /// The least number of days between the starts of two of them, from 1 to the days of the
    /// week; 0 with `consecutive_if_same_day` asks only that two on one day be back to back.
    pub days: u16,
    /// Whether two of them on the same day must also be back to back. Default: false.
    #[serde(default)]
    pub consecutive_if_same_day: bool,
}

impl ConstraintKind for MinDaysBetween {
    type Def = MinDaysBetweenDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MinDaysBetweenDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        // 0 days asks only that two on one day be back to back, which FET's "consecutive if same
        // day" needs on its own (FET holds that part at 100 % whatever the constraint's weight).
        let least = u16::from(!def.consecutive_if_same_day);
        if def.days < least || def.days > calendar.days {
            let what = if least == 0 { "from 0 (with consecutive_if_same_day)" } else { "from 1" };
            issues.push(Issue::at_path(
                format!("{path}.days"),
                format!("must be {what} to the {} days of the week, not {}", calendar.days, def.days),
            ));
        }
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        (issues.len() == before).then_some(MinDaysBetween { lessons, days: def.days, consecutive_if_same_day: def.consecutive_if_same_day })
    }

    fn to_def(&self, problem: &Entities) -> MinDaysBetweenDef {
        MinDaysBetweenDef {
            lessons: lessons_to_def(problem, &self.lessons),
            days: self.days,
            consecutive_if_same_day: self.consecutive_if_same_day,
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, &Entry)> = self
            .lessons
            .iter()
            .filter_map(|&l| {
                view.by_course[problem.lesson(l).course.index()].iter().map(|&e| (l, &view.entries[e])).find(|(l, e)| e.lesson == Some(*l))
            })
            .collect();
        let name = |l: LessonId| lesson_name(problem, l);
        for (i, &(a, ea)) in placed.iter().enumerate() {
            for &(b, eb) in &placed[i + 1..] {
                let (day_a, day_b) = (calendar.day(ea.slot), calendar.day(eb.slot));
                let apart = day_a.abs_diff(day_b);
                let too_close = self.days.saturating_sub(apart);
                let apart_on_one_day = self.consecutive_if_same_day && apart == 0 && !back_to_back(ea, eb);
                let amount = u64::from(too_close) + u64::from(apart_on_one_day);
                if amount == 0 {
                    continue;
                }
                let (at_a, at_b) = (calendar.slot_label(ea.slot), calendar.slot_label(eb.slot));
                let mut message = if too_close > 0 {
                    format!(
                        "{} at {at_a} and {} at {at_b} are {} apart; they should be at least {} apart",
                        name(a),
                        name(b),
                        days(apart),
                        days(self.days)
                    )
                } else {
                    format!("{} at {at_a} and {} at {at_b} are on the same day but not back to back", name(a), name(b))
                };
                if apart_on_one_day && too_close > 0 {
                    message.push_str(", and back to back on the same day");
                }
                let resources = vec![Resource::Course(ea.course), Resource::Course(eb.course)];
                sink.add(amount, vec![a, b], vec![ea.slot, eb.slot], resources, message);
            }
        }
    }
}

/// Whether one of two lessons on the same day starts right where the other ends.
fn back_to_back(a: &Entry, b: &Entry) -> bool {
    a.slot.index() + usize::from(a.length) == b.slot.index() || b.slot.index() + usize::from(b.length) == a.slot.index()
}

fn days(n: u16) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::{MinDaysBetween, MinDaysBetweenDef};
    use crate::constraints::test_support::{first_def, found, hard, lesson, place, school_issues, school_with, soft};
    use crate::constraints::ConstraintDef;
    use crate::constraints::LessonDef;
    use crate::{Constraint, Kind};

    const MATH_TWO_DAYS: &str = r#"{"kind": "min_days_between", "level": {"soft": 5}, "days": 2,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Art", "lesson": 0}]}"#;

    #[test]
    fn resolves_its_lessons_and_round_trips_to_names() {
        let problem = school_with(MATH_TWO_DAYS);
        let lessons = vec![lesson(&problem, "Math", 0), lesson(&problem, "Math", 1), lesson(&problem, "Art", 0)];
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::MinDaysBetween(MinDaysBetween { lessons, days: 2, consecutive_if_same_day: false })
        );
        let at = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
        assert_eq!(
            first_def(&problem),
            ConstraintDef::MinDaysBetween(MinDaysBetweenDef {
                lessons: vec![at("Math", 0), at("Math", 1), at("Art", 0)],
                days: 2,
                consecutive_if_same_day: false
            })
        );
    }

    #[test]
    fn every_bad_parameter_is_an_issue_at_its_path() {
        let issues = school_issues(
            r#"{"kind": "min_days_between", "level": "hard", "days": 4,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Chem", "lesson": 0}, {"course": "Math", "lesson": 5},
                            {"course": "Math", "lesson": 0}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].days".to_owned(), "must be from 1 to the 3 days of the week, not 4".to_owned()),
                ("constraints[0].lessons[1].course".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].lessons[2].lesson".to_owned(), "course \"Math\" has 3 lessons; lesson 5 does not exist".to_owned()),
                ("constraints[0].lessons[3]".to_owned(), "lesson 0 of course \"Math\" is listed twice".to_owned()),
            ]
        );
        let issues =
            school_issues(r#"{"kind": "min_days_between", "level": "hard", "days": 0, "lessons": [{"course": "Math", "lesson": 0}]}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].days".to_owned(), "must be from 1 to the 3 days of the week, not 0".to_owned()),
                ("constraints[0].lessons".to_owned(), "at least two lessons are needed".to_owned()),
            ]
        );
        let issues = school_issues(
            r#"{"kind": "min_days_between", "level": "hard", "days": 4, "consecutive_if_same_day": true,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}]}"#,
        );
        assert_eq!(
            issues,
            vec![(
                "constraints[0].days".to_owned(),
                "must be from 0 (with consecutive_if_same_day) to the 3 days of the week, not 4".to_owned()
            )]
        );
    }

    #[test]
    fn zero_days_asks_only_for_back_to_back_on_one_day() {
        let problem = school_with(
            r#"{"kind": "min_days_between", "level": "hard", "days": 0, "consecutive_if_same_day": true,
                "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Bio", "lesson": 1}]}"#,
        );
        // Back to back on Mon, or on two days: nothing.
        for t in
            [&[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 2, Some("R2"))], &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 1, 0, Some("R2"))]]
        {
            assert_eq!(found(&problem, &place(&problem, t), Kind::MinDaysBetween), vec![]);
        }
        // Apart on one day: one unit, said as such.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 3, Some("R2"))]);
        let v = found(&problem, &t, Kind::MinDaysBetween);
        assert_eq!((v.len(), v[0].0, v[0].1), (1, 1, hard(1)));
        assert!(v[0].2.ends_with("are on the same day but not back to back"), "{}", v[0].2);
    }

    #[test]
    fn each_pair_costs_the_days_it_is_too_close() {
        let problem = school_with(MATH_TWO_DAYS);
        // Math 1 on Mon, Math 2 on Tue (1 day apart: 1 unit), Art 1 on Wed (2 days from Mon: fine; 1 from Tue: 1 unit).
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 2, Some("R1")), ("Art", 0, 2, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MinDaysBetween),
            vec![
                (
                    1,
                    soft(5),
                    "lesson 1 of course Math at Mon period 0 and lesson 2 of course Math at Tue period 2 are 1 day apart; they should be at least 2 days apart".to_owned()
                ),
                (
                    1,
                    soft(5),
                    "lesson 2 of course Math at Tue period 2 and lesson 1 of course Art at Wed period 0 are 1 day apart; they should be at least 2 days apart".to_owned()
                ),
            ]
        );
        // Two on the same day are 0 days apart: 2 units. An unplaced lesson counts nothing.
        let t = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Math", 1, 1, 3, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::MinDaysBetween).iter().map(|v| (v.0, v.1)).collect::<Vec<_>>(), vec![(2, soft(10))]);
        // Far enough apart: nothing.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 2, 3, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::MinDaysBetween), vec![]);
    }

    #[test]
    fn on_the_same_day_they_must_be_back_to_back_when_asked() {
        let problem = school_with(
            r#"{"kind": "min_days_between", "level": "hard", "days": 1, "consecutive_if_same_day": true,
                "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Bio", "lesson": 1}]}"#,
        );
        // Bio's double covers Mon 0 and 1; its single at Mon 2 follows it: 1 unit for the day only.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 2, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::MinDaysBetween).iter().map(|v| (v.0, v.1)).collect::<Vec<_>>(), vec![(1, hard(1))]);
        // At Mon 3 it does not: one more, and the sentence says why.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 3, Some("R2"))]);
        let v = found(&problem, &t, Kind::MinDaysBetween);
        assert_eq!((v[0].0, v[0].1), (2, hard(2)));
        assert!(v[0].2.ends_with("are 0 days apart; they should be at least 1 day apart, and back to back on the same day"), "{}", v[0].2);
        // On different days, back to back does not matter.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Bio", 1, 1, 3, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::MinDaysBetween), vec![]);
    }
}
