//! `lessons_per_day`: teachers and students have a bounded number of periods of lessons a day.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;
use crate::words::count;

use super::counted_courses::{self, CountedCourses};
use super::who::{Who, WhoDef};

const SUMMARY: &str = "on a day with lessons (or on every day, if asked), a teacher or set of students has between a least and a most \
                       number of periods; one unit per period short or over";

/// On each day with at least one lesson, between `min` and `max` periods of lessons.
///
/// Periods are counted, not lessons: a double period counts two. Days without any lesson are
/// not constrained by `min` (use `max_days` to bound the days worked) unless `every_day` is set,
/// as FET's "min hours daily" for students is unless it allows empty days. The amount is, per
/// day, the periods missing below `min` plus the periods beyond `max`. For a group, each leaf
/// of the hierarchy under it counts on its own. XHSTT calls it LimitBusyTimes; FET "min/max
/// hours daily".
///
/// ```json
/// {"kind": "lessons_per_day", "level": "hard", "who": {"group": "5A"}, "min": 4, "max": 7}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonsPerDay {
    /// Whom it applies to.
    pub who: Who,
    /// Least periods on a day with lessons (0: no least).
    pub min: u16,
    /// Most periods on a day (`None`: no most).
    pub max: Option<u16>,
    /// Whether `min` holds on every day, a day without lessons too.
    pub every_day: bool,
    /// Only the lessons of these courses count; all when `None`.
    pub courses: CountedCourses,
}

/// [`LessonsPerDay`] in the serde model; at least one of `min` and `max`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonsPerDayDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Least periods on a day with lessons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u16>,
    /// Most periods on a day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
    /// Whether `min` holds on every day, a day without lessons too. Default: false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub every_day: bool,
    /// Only the lessons of these courses count (an activity tag's, a subject's). Default: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courses: Option<Vec<String>>,
}

impl LessonsPerDay {
    /// Units of violation for a day with `periods` periods of lessons.
    pub fn amount(&self, periods: u16) -> u16 {
        if periods == 0 && !self.every_day {
            return 0;
        }
        self.min.saturating_sub(periods) + self.max.map_or(0, |max| periods.saturating_sub(max))
    }
}

impl ConstraintKind for LessonsPerDay {
    type Def = LessonsPerDayDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonsPerDayDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let courses = counted_courses::resolve(def.courses.as_deref(), names, path, issues);
        let who = who.filter(|_| issues.len() == before)?;
        match (def.min, def.max) {
            (None, None) => {
                issues.push(Issue::at_path(path.to_owned(), "give \"min\", \"max\" or both".to_owned()));
                None
            }
            (Some(min), Some(max)) if min > max => {
                issues.push(Issue::at_path(format!("{path}.min"), format!("min {min} is more than max {max}")));
                None
            }
            (None, Some(_)) if def.every_day => {
                issues.push(Issue::at_path(format!("{path}.every_day"), "asks that \"min\" hold on every day: give \"min\"".to_owned()));
                None
            }
            (min, max) => Some(LessonsPerDay { who, min: min.unwrap_or(0), max, every_day: def.every_day, courses }),
        }
    }

    fn to_def(&self, problem: &Entities) -> LessonsPerDayDef {
        // A least of 0 is written out when there is no most, so that the definition stays valid.
        let min = (self.min > 0 || self.max.is_none() || self.every_day).then_some(self.min);
        LessonsPerDayDef {
            who: self.who.to_def(problem),
            min,
            max: self.max,
            every_day: self.every_day,
            courses: counted_courses::to_def(&self.courses, problem),
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            for day in 0..calendar.days {
                let day_slots: Vec<_> = (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)).collect();
                let counted = |e: &usize| counted_courses::counts(&self.courses, view.entries[*e].course);
                let busy_slots: Vec<_> = day_slots.iter().copied().filter(|&s| busy.at(row_idx, s).iter().any(counted)).collect();
                #[allow(clippy::cast_possible_truncation, reason = "at most periods_per_day")]
                let periods = busy_slots.len() as u16;
                let amount = self.amount(periods);
                if amount == 0 {
                    continue;
                }
                let bound = if periods < self.min {
                    let which = if self.every_day { "every day" } else { "a day with lessons" };
                    format!("at least {} are required on {which}", self.min)
                } else {
                    format!("at most {} are allowed", self.max.unwrap_or(0))
                };
                let message = format!(
                    "{} has {} {} on {}; {bound}",
                    row.describe(problem),
                    count(periods as u64, "period of", "periods of"),
                    counted_courses::lessons_counted(&self.courses, problem),
                    calendar.day_label(day)
                );
                let mut entries: Vec<usize> =
                    busy_slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied().filter(counted)).collect();
                entries.sort_unstable();
                entries.dedup();
                sink.add(u64::from(amount), view.lessons_of(&entries), busy_slots, vec![row.resource()], message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LessonsPerDay;
    use crate::constraints::test_support::{first_def, found, hard, place, school_issues, school_with, soft};
    use crate::constraints::Who;
    use crate::ids::GroupId;
    use crate::{Constraint, Kind};

    #[test]
    fn amount_is_the_distance_to_the_bounds_on_a_day_with_lessons() {
        let both = LessonsPerDay { who: Who::AllTeachers, min: 2, max: Some(3), every_day: false, courses: None };
        assert_eq!([0, 1, 2, 3, 4, 6].map(|p| both.amount(p)), [0, 1, 0, 0, 1, 3]);
        let at_most = LessonsPerDay { who: Who::AllTeachers, min: 0, max: Some(1), every_day: false, courses: None };
        assert_eq!([0, 1, 2].map(|p| at_most.amount(p)), [0, 0, 1]);
        let at_least = LessonsPerDay { who: Who::AllTeachers, min: 3, max: None, every_day: false, courses: None };
        assert_eq!([0, 1, 3, 40].map(|p| at_least.amount(p)), [0, 2, 0, 0]);
        let every_day = LessonsPerDay { every_day: true, ..at_least };
        assert_eq!([0, 1, 3].map(|p| every_day.amount(p)), [3, 2, 0]);
    }

    #[test]
    fn resolves_either_bound_or_both() {
        let problem = school_with(
            r#"{"kind": "lessons_per_day", "level": "hard", "who": {"group": "B"}, "max": 2},
               {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 2, "max": 2}"#,
        );
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::LessonsPerDay(LessonsPerDay { who: Who::Group(GroupId(2)), min: 0, max: Some(2), every_day: false, courses: None })
        );
        assert_eq!(
            problem.constraints()[1].constraint,
            Constraint::LessonsPerDay(LessonsPerDay { who: Who::AllTeachers, min: 2, max: Some(2), every_day: false, courses: None })
        );
    }

    #[test]
    fn no_bound_a_least_above_the_most_or_an_unknown_name_is_an_issue() {
        let issues = school_issues(r#"{"kind": "lessons_per_day", "level": "hard", "who": "all_groups"}"#);
        assert_eq!(issues, vec![("constraints[0]".to_owned(), "give \"min\", \"max\" or both".to_owned())]);
        let issues = school_issues(r#"{"kind": "lessons_per_day", "level": "hard", "who": "all_groups", "min": 3, "max": 2}"#);
        assert_eq!(issues, vec![("constraints[0].min".to_owned(), "min 3 is more than max 2".to_owned())]);
        let issues = school_issues(r#"{"kind": "lessons_per_day", "level": "hard", "who": "all_groups", "max": 3, "every_day": true}"#);
        assert_eq!(issues, vec![("constraints[0].every_day".to_owned(), "asks that \"min\" hold on every day: give \"min\"".to_owned())]);
        let issues = school_issues(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"group": "Z"}, "max": 2}"#);
        assert_eq!(issues, vec![("constraints[0].who".to_owned(), "unknown group \"Z\"".to_owned())]);
    }

    #[test]
    fn periods_short_of_the_least_and_beyond_the_most_on_each_day_with_lessons() {
        let problem = school_with(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "min": 2, "max": 3}"#);
        let t = place(
            &problem,
            &[
                // Mon: one period.
                ("Math", 0, 0, 0, Some("R1")),
                // Tue: Bio's double (two periods), Math and Bio: four periods.
                ("Bio", 0, 1, 0, Some("R1")),
                ("Math", 1, 1, 2, Some("R1")),
                ("Bio", 1, 1, 3, Some("R1")),
                // Wed: nothing, which the least does not constrain.
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::LessonsPerDay),
            vec![
                (1, hard(1), "teacher Ann has 1 period of lessons on Mon; at least 2 are required on a day with lessons".to_owned()),
                (1, hard(1), "teacher Ann has 4 periods of lessons on Tue; at most 3 are allowed".to_owned()),
            ]
        );
    }

    #[test]
    fn periods_are_counted_not_lessons_and_a_double_counts_two() {
        let problem = school_with(r#"{"kind": "lessons_per_day", "level": {"soft": 2}, "who": {"teacher": "Ann"}, "min": 2, "max": 2}"#);
        // Bio's double alone: two periods. Math and Bio in one period on Wed (a clash): one period.
        let t = place(&problem, &[("Bio", 0, 0, 1, Some("R1")), ("Math", 0, 2, 1, Some("R1")), ("Bio", 1, 2, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::LessonsPerDay),
            vec![(1, soft(2), "teacher Ann has 1 period of lessons on Wed; at least 2 are required on a day with lessons".to_owned())]
        );
    }

    #[test]
    fn every_day_counts_a_day_without_lessons_short_of_the_least() {
        let problem =
            school_with(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "min": 2, "every_day": true}"#);
        // Mon: two periods; Tue: one; Wed: none.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Math", 2, 1, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::LessonsPerDay),
            vec![
                (1, hard(1), "teacher Ann has 1 period of lessons on Tue; at least 2 are required on every day".to_owned()),
                (2, hard(2), "teacher Ann has 0 periods of lessons on Wed; at least 2 are required on every day".to_owned()),
            ]
        );
        assert_eq!(
            first_def(&problem),
            crate::constraints::ConstraintDef::LessonsPerDay(super::LessonsPerDayDef {
                who: crate::constraints::WhoDef::Teacher("Ann".to_owned()),
                min: Some(2),
                max: None,
                every_day: true,
                courses: None,
            })
        );
    }

    #[test]
    fn only_the_listed_courses_lessons_count_when_courses_are_given() {
        let problem =
            school_with(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "max": 1, "courses": ["Math"]}"#);
        // Mon: two Maths and Bio's double; only the Maths count.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Bio", 0, 0, 2, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::LessonsPerDay),
            vec![(1, hard(1), "teacher Ann has 2 periods of lessons of courses Math on Mon; at most 1 are allowed".to_owned())]
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 0, 1, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::LessonsPerDay), vec![]);
        let issues = school_issues(r#"{"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "max": 1, "courses": []}"#);
        assert_eq!(issues, vec![("constraints[0].courses".to_owned(), "name at least one course, or leave \"courses\" out".to_owned())]);
    }
}
