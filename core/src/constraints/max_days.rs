//! `max_days`: teachers and students come in on at most some days a week.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::idle_gaps::days_fit_a_pattern;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::who::{Who, WhoDef};

const SUMMARY: &str =
    "a teacher or set of students has lessons (in some periods of the day, if given) on at most a number of days; one unit per day too many";

/// Lessons on at most `days` days of the week, for each teacher or set of students named.
///
/// The amount is the number of days with lessons beyond `days`. A part-time teacher on three
/// days is `{"teacher": ...}` with `"days": 3`. With `periods`, only a lesson in one of those
/// periods of the day makes a day count: late afternoons on at most two days is `"periods": [6,
/// 7]` with `"days": 2`. XHSTT calls it ClusterBusyTimes; FET "max days per week", and with
/// periods "interval max days per week".
///
/// ```json
/// {"kind": "max_days", "level": "hard", "who": {"teacher": "Jones"}, "days": 3}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxDays {
    /// Whom it applies to.
    pub who: Who,
    /// Most days with lessons.
    pub days: u16,
    /// The periods of the day a lesson must cover for its day to count, in order, each once;
    /// every period when empty.
    pub periods: Vec<u16>,
}

/// [`MaxDays`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxDaysDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Most days with lessons.
    pub days: u16,
    /// The periods of the day (from 0) a lesson must cover for its day to count. Default: every
    /// period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<u16>,
}

impl ConstraintKind for MaxDays {
    type Def = MaxDaysDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxDaysDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let mut periods = Vec::with_capacity(def.periods.len());
        for (k, &p) in def.periods.iter().enumerate() {
            if p >= calendar.periods_per_day {
                issues.push(Issue::at_path(
                    format!("{path}.periods[{k}]"),
                    format!("the day has {} periods; period {p} does not exist", calendar.periods_per_day),
                ));
            } else if periods.contains(&p) {
                issues.push(Issue::at_path(format!("{path}.periods[{k}]"), format!("period {p} is listed twice")));
            } else {
                periods.push(p);
            }
        }
        if !periods.is_empty() {
            days_fit_a_pattern(calendar, "days counted in some periods", path, issues);
        }
        periods.sort_unstable();
        (issues.len() == before).then_some(MaxDays { who: who?, days: def.days, periods })
    }

    fn to_def(&self, problem: &Entities) -> MaxDaysDef {
        MaxDaysDef { who: self.who.to_def(problem), days: self.days, periods: self.periods.clone() }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let mut days = Vec::new();
            let mut entries = Vec::new();
            for day in 0..calendar.days {
                let before = entries.len();
                for p in (0..calendar.periods_per_day).filter(|p| self.periods.is_empty() || self.periods.contains(p)) {
                    entries.extend(calendar.slot(day, p).map_or(&[][..], |s| busy.at(row_idx, s)).iter().copied());
                }
                if entries.len() > before {
                    days.push(day);
                }
            }
            if days.len() <= usize::from(self.days) {
                continue;
            }
            entries.sort_unstable();
            entries.dedup();
            let labels: Vec<String> = days.iter().map(|&d| calendar.day_label(d)).collect();
            let within = if self.periods.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = self.periods.iter().map(|&p| calendar.period_label(p)).collect();
                format!(" in {}", names.join(" or "))
            };
            let message = format!(
                "{} has lessons{within} on {} days ({}); at most {} {} allowed",
                row.describe(problem),
                days.len(),
                labels.join(", "),
                self.days,
                if self.days == 1 { "is" } else { "are" }
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add((days.len() - usize::from(self.days)) as u64, view.lessons_of(&entries), slots, vec![row.resource()], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MaxDays;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::constraints::Who;
    use crate::ids::TeacherId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_whom_it_applies_to_and_reports_an_unknown_name() {
        let problem = school_with(r#"{"kind": "max_days", "level": "hard", "who": {"teacher": "Cy"}, "days": 0}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::MaxDays(MaxDays { who: Who::Teacher(TeacherId(2)), days: 0, periods: vec![] })
        );
        let issues = school_issues(r#"{"kind": "max_days", "level": "hard", "who": {"group": "Q"}, "days": 2}"#);
        assert_eq!(issues, vec![("constraints[0].who".to_owned(), "unknown group \"Q\"".to_owned())]);
    }

    #[test]
    fn one_unit_per_day_with_lessons_beyond_the_most() {
        let problem = school_with(r#"{"kind": "max_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 2}"#);
        let two_days = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1")), ("Bio", 0, 2, 2, Some("R1"))]);
        assert_eq!(found(&problem, &two_days, Kind::MaxDays), vec![]);
        let three_days = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 3, Some("R1")), ("Bio", 0, 2, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &three_days, Kind::MaxDays),
            vec![(1, hard(1), "teacher Ann has lessons on 3 days (Mon, Tue, Wed); at most 2 are allowed".to_owned())]
        );
    }

    #[test]
    fn each_leaf_of_a_group_counts_its_own_days() {
        let problem = school_with(r#"{"kind": "max_days", "level": {"soft": 4}, "who": {"group": "A"}, "days": 1}"#);
        // A1: Fr on Mon and Math on Wed; A2: De on Tue and Math on Wed.
        let t = place(&problem, &[("Fr", 0, 0, 1, Some("R1")), ("De", 0, 1, 1, Some("R1")), ("Math", 0, 2, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxDays),
            vec![
                (1, soft(4), "group A1 has lessons on 2 days (Mon, Wed); at most 1 is allowed".to_owned()),
                (1, soft(4), "group A2 has lessons on 2 days (Tue, Wed); at most 1 is allowed".to_owned()),
            ]
        );
    }

    #[test]
    fn with_periods_only_a_lesson_in_one_of_them_makes_a_day_count() {
        let problem = school_with(r#"{"kind": "max_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 1, "periods": [3, 2]}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::MaxDays(MaxDays { who: Who::Teacher(TeacherId(0)), days: 1, periods: vec![2, 3] })
        );
        // Mon 3 and Tue 2 count; Wed 0 does not, and Bio's double at Wed 1-2 covers Wed 2.
        let t = place(&problem, &[("Math", 0, 0, 3, Some("R1")), ("Math", 1, 1, 2, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxDays),
            vec![(1, hard(1), "teacher Ann has lessons in period 2 or period 3 on 2 days (Mon, Tue); at most 1 is allowed".to_owned())]
        );
        let t = place(&problem, &[("Math", 0, 0, 3, Some("R1")), ("Bio", 0, 2, 1, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::MaxDays).len(), 1);
        let issues = school_issues(r#"{"kind": "max_days", "level": "hard", "who": "all_teachers", "days": 1, "periods": [1, 4, 1]}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].periods[1]".to_owned(), "the day has 4 periods; period 4 does not exist".to_owned()),
                ("constraints[0].periods[2]".to_owned(), "period 1 is listed twice".to_owned()),
            ]
        );
    }
}
