//! `max_consecutive_periods`: teachers and students have at most a number of periods of lessons in a row.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::idle_gaps::days_fit_a_pattern;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::counted_courses::{self, CountedCourses};
use super::who::{Who, WhoDef};

const SUMMARY: &str =
    "a teacher or set of students has at most a number of periods of lessons in a row; one unit per period beyond, in each run";

/// At most `max` busy periods in a row, for each teacher or set of students named.
///
/// A run is a longest stretch of consecutive periods of one day with a lesson in each; a free
/// period or a break ends it. The amount is, over every run longer than `max`, its periods
/// beyond `max`. For a group, each leaf of the hierarchy under it counts on its own. FET's "max
/// hours continuously".
///
/// ```json
/// {"kind": "max_consecutive_periods", "level": "hard", "who": "all_teachers", "max": 4}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxConsecutivePeriods {
    /// Whom it applies to.
    pub who: Who,
    /// The most periods of lessons in a row, at least 1.
    pub max: u16,
    /// Only the lessons of these courses count; all when `None`.
    pub courses: CountedCourses,
}

/// [`MaxConsecutivePeriods`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxConsecutivePeriodsDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// The most periods of lessons in a row, at least 1.
    pub max: u16,
    /// Only the lessons of these courses count (an activity tag's, a subject's). Default: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courses: Option<Vec<String>>,
}

/// The runs of consecutive `true` periods of a day, as (first period, length).
pub(crate) fn runs(busy: &[bool]) -> Vec<(u16, u16)> {
    let mut res = Vec::new();
    let mut start = None;
    for (p, &b) in busy.iter().chain(std::iter::once(&false)).enumerate() {
        #[allow(clippy::cast_possible_truncation, reason = "periods of a day fit u16")]
        let p = p as u16;
        match (b, start) {
            (true, None) => start = Some(p),
            (false, Some(s)) => {
                res.push((s, p - s));
                start = None;
            }
            _ => {}
        }
    }
    res
}

impl ConstraintKind for MaxConsecutivePeriods {
    type Def = MaxConsecutivePeriodsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxConsecutivePeriodsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let courses = counted_courses::resolve(def.courses.as_deref(), names, path, issues);
        let who = who.filter(|_| issues.len() == before)?;
        if def.max == 0 {
            issues.push(Issue::at_path(format!("{path}.max"), "must be at least 1 (0 would forbid every lesson)".to_owned()));
            return None;
        }
        days_fit_a_pattern(calendar, "periods in a row", path, issues).then_some(MaxConsecutivePeriods { who, max: def.max, courses })
    }

    fn to_def(&self, problem: &Entities) -> MaxConsecutivePeriodsDef {
        MaxConsecutivePeriodsDef { who: self.who.to_def(problem), max: self.max, courses: counted_courses::to_def(&self.courses, problem) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            for day in 0..calendar.days {
                let counted = |e: &usize| counted_courses::counts(&self.courses, view.entries[*e].course);
                let pattern: Vec<bool> = (0..calendar.periods_per_day)
                    .map(|p| calendar.slot(day, p).is_some_and(|s| busy.at(row_idx, s).iter().any(counted)))
                    .collect();
                for (first, length) in runs(&pattern) {
                    if length <= self.max {
                        continue;
                    }
                    let slots: Vec<_> = (first..first + length).filter_map(|p| calendar.slot(day, p)).collect();
                    let mut entries: Vec<usize> = slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied().filter(counted)).collect();
                    entries.sort_unstable();
                    entries.dedup();
                    let message = format!(
                        "{} has {length} periods of {} in a row from {}; at most {} are allowed",
                        row.describe(problem),
                        counted_courses::lessons_counted(&self.courses, problem),
                        calendar.slot_label(slots[0]),
                        self.max
                    );
                    sink.add(u64::from(length - self.max), view.lessons_of(&entries), slots, vec![row.resource()], message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{runs, MaxConsecutivePeriods, MaxConsecutivePeriodsDef};
    use crate::constraints::test_support::{first_def, found, hard, place, school_issues, school_with, soft};
    use crate::constraints::{ConstraintDef, Who, WhoDef};
    use crate::{Constraint, Kind};

    #[test]
    fn runs_are_the_longest_stretches_of_busy_periods() {
        assert_eq!(runs(&[true, true, false, true]), [(0, 2), (3, 1)]);
        assert_eq!(runs(&[false, false]), []);
        assert_eq!(runs(&[false, true, true, true]), [(1, 3)]);
    }

    #[test]
    fn resolves_and_round_trips_and_refuses_a_most_of_0() {
        let problem = school_with(r#"{"kind": "max_consecutive_periods", "level": "hard", "who": "all_teachers", "max": 2}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::MaxConsecutivePeriods(MaxConsecutivePeriods { who: Who::AllTeachers, max: 2, courses: None })
        );
        assert_eq!(
            first_def(&problem),
            ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who: WhoDef::AllTeachers, max: 2, courses: None })
        );
        let issues = school_issues(r#"{"kind": "max_consecutive_periods", "level": "hard", "who": "all_groups", "max": 0}"#);
        assert_eq!(issues, vec![("constraints[0].max".to_owned(), "must be at least 1 (0 would forbid every lesson)".to_owned())]);
    }

    #[test]
    fn each_run_costs_its_periods_beyond_the_most() {
        let problem = school_with(r#"{"kind": "max_consecutive_periods", "level": {"soft": 2}, "who": {"teacher": "Ann"}, "max": 2}"#);
        // Mon: Math 0, Bio's double 1-2, Math 3: four in a row. Tue: Math 0 and 2, a free period between.
        let t = place(
            &problem,
            &[
                ("Math", 0, 0, 0, Some("R1")),
                ("Bio", 0, 0, 1, Some("R2")),
                ("Math", 1, 0, 3, Some("R1")),
                ("Math", 2, 1, 0, Some("R1")),
                ("Bio", 1, 1, 2, Some("R2")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::MaxConsecutivePeriods),
            vec![(2, soft(4), "teacher Ann has 4 periods of lessons in a row from Mon period 0; at most 2 are allowed".to_owned())]
        );
        let problem = school_with(r#"{"kind": "max_consecutive_periods", "level": "hard", "who": {"group": "A"}, "max": 1}"#);
        // A1 has Math at Mon 0 and French at Mon 1: two in a row; A2 only Math.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Fr", 0, 0, 1, Some("R2"))]);
        let v = found(&problem, &t, Kind::MaxConsecutivePeriods);
        assert_eq!((v.len(), v[0].0, v[0].1), (1, 1, hard(1)));
    }

    #[test]
    fn only_the_listed_courses_lessons_make_a_run_when_courses_are_given() {
        let problem =
            school_with(r#"{"kind": "max_consecutive_periods", "level": "hard", "who": {"teacher": "Ann"}, "max": 1, "courses": ["Bio"]}"#);
        // Bio's double at Mon 1-2 is a run of 2; Math at Mon 0 does not count.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 0, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxConsecutivePeriods),
            vec![(
                1,
                hard(1),
                "teacher Ann has 2 periods of lessons of courses Bio in a row from Mon period 1; at most 1 are allowed".to_owned()
            )]
        );
    }
}
