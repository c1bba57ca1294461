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
}

/// [`MaxConsecutivePeriods`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxConsecutivePeriodsDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// The most periods of lessons in a row, at least 1.
    pub max: u16,
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
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        if def.max == 0 {
            issues.push(Issue::at_path(format!("{path}.max"), "must be at least 1 (0 would forbid every lesson)".to_owned()));
            return None;
        }
        days_fit_a_pattern(calendar, "periods in a row", path, issues).then_some(MaxConsecutivePeriods { who, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxConsecutivePeriodsDef {
        MaxConsecutivePeriodsDef { who: self.who.to_def(problem), max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            for day in 0..calendar.days {
                for (first, length) in runs(&busy.day_pattern(problem, row_idx, day)) {
                    if length <= self.max {
                        continue;
                    }
                    let slots: Vec<_> = (first..first + length).filter_map(|p| calendar.slot(day, p)).collect();
                    let mut entries: Vec<usize> = slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                    entries.sort_unstable();
                    entries.dedup();
                    let message = format!(
                        "{} has {length} periods of lessons in a row from {}; at most {} are allowed",
                        row.describe(problem),
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
            Constraint::MaxConsecutivePeriods(MaxConsecutivePeriods { who: Who::AllTeachers, max: 2 })
        );
        assert_eq!(
            first_def(&problem),
            ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who: WhoDef::AllTeachers, max: 2 })
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
}
