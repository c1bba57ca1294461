//! `early_start`: students (or teachers) start their day with its first period, with few exceptions.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, SlotDef};
use crate::constraints::unavailable::{resolve_slot_list, slots_to_def};
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::Slot;
use crate::names::Names;
use crate::words::count;

use super::idle_gaps::days_fit_a_pattern;
use super::who::{Who, WhoDef};

const SUMMARY: &str = "a teacher or set of students starts each day with its first period, at most some days with the second; \
                       one unit per period too late and per such day too many";

/// Each teacher or set of students named starts every day that has lessons with the day's first
/// period, except on at most `max_late_days` days, when it may start with the second.
///
/// A day's *late* periods are those before its first lesson that are neither breaks nor among
/// `not_counted` (periods the students are not there anyway). A day with at least one is a late
/// day. The amount is, per day, its late periods beyond one, plus the late days beyond
/// `max_late_days`. For a group, each leaf of the hierarchy under it counts on its own.
/// FET's "students (set) early max beginnings at second hour", with the students set's
/// not-available times as `not_counted`.
///
/// ```json
/// {"kind": "early_start", "level": "hard", "who": "all_groups", "max_late_days": 1,
///  "not_counted": [{"day": 0, "period": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlyStart {
    /// Whom it applies to.
    pub who: Who,
    /// Days allowed to start with the second period.
    pub max_late_days: u16,
    /// Periods that are not late when free before the first lesson, sorted.
    pub not_counted: Vec<Slot>,
}

/// [`EarlyStart`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarlyStartDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Days allowed to start with the second period.
    pub max_late_days: u16,
    /// Periods that are not late when free before the first lesson (the students are not there
    /// anyway). Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_counted: Vec<SlotDef>,
}

impl ConstraintKind for EarlyStart {
    type Def = EarlyStartDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: EarlyStartDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let not_counted = resolve_slot_list(&def.not_counted, calendar, &format!("{path}.not_counted"), issues);
        let fits = days_fit_a_pattern(calendar, "early starts", path, issues);
        fits.then_some(EarlyStart { who: who?, max_late_days: def.max_late_days, not_counted })
    }

    fn to_def(&self, problem: &Entities) -> EarlyStartDef {
        EarlyStartDef {
            who: self.who.to_def(problem),
            max_late_days: self.max_late_days,
            not_counted: slots_to_def(&self.not_counted, problem.calendar()),
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let mut late_days = Vec::new();
            let mut late_entries = Vec::new();
            for day in 0..calendar.days {
                let slots: Vec<Slot> = (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)).collect();
                let Some(first) = slots.iter().position(|&s| !busy.at(row_idx, s).is_empty()) else { continue };
                let late: Vec<Slot> = slots[..first]
                    .iter()
                    .copied()
                    .filter(|&s| !calendar.is_break(s) && self.not_counted.binary_search(&s).is_err())
                    .collect();
                if late.is_empty() {
                    continue;
                }
                let entries = busy.at(row_idx, slots[first]);
                late_days.push(day);
                late_entries.extend_from_slice(entries);
                if late.len() > 1 {
                    let message = format!(
                        "{} starts {} late on {}, at {}; at most one period late is allowed",
                        row.describe(problem),
                        count(late.len() as u64, "period", "periods"),
                        calendar.day_label(day),
                        calendar.slot_label(slots[first])
                    );
                    sink.add(late.len() as u64 - 1, view.lessons_of(entries), late, vec![row.resource()], message);
                }
            }
            if late_days.len() > usize::from(self.max_late_days) {
                let labels: Vec<String> = late_days.iter().map(|&d| calendar.day_label(d)).collect();
                let allowed = match self.max_late_days {
                    1 => "at most 1 is allowed".to_owned(),
                    n => format!("at most {n} are allowed"),
                };
                let message = format!(
                    "{} starts late on {} ({}); {allowed}",
                    row.describe(problem),
                    count(late_days.len() as u64, "day", "days"),
                    labels.join(", "),
                );
                late_entries.sort_unstable();
                late_entries.dedup();
                let slots = late_entries.iter().map(|&e| view.entries[e].slot).collect();
                sink.add(
                    (late_days.len() - usize::from(self.max_late_days)) as u64,
                    view.lessons_of(&late_entries),
                    slots,
                    vec![row.resource()],
                    message,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EarlyStart;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::constraints::Who;
    use crate::ids::{Slot, TeacherId};
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_whom_it_applies_to_and_its_slots() {
        let problem = school_with(
            r#"{"kind": "early_start", "level": "hard", "who": {"teacher": "Ann"}, "max_late_days": 1, "not_counted": [{"day": 1, "period": 0}]}"#,
        );
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::EarlyStart(EarlyStart { who: Who::Teacher(TeacherId(0)), max_late_days: 1, not_counted: vec![Slot(4)] })
        );
        let issues = school_issues(
            r#"{"kind": "early_start", "level": "hard", "who": {"group": "Q"}, "max_late_days": 0, "not_counted": [{"day": 9, "period": 0}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].who".to_owned(), "unknown group \"Q\"".to_owned()),
                ("constraints[0].not_counted[0]".to_owned(), "day 9 period 0 is outside the 3x4 calendar".to_owned()),
            ]
        );
    }

    #[test]
    fn late_periods_beyond_one_and_late_days_beyond_the_most_cost() {
        let problem = school_with(r#"{"kind": "early_start", "level": "hard", "who": {"teacher": "Ann"}, "max_late_days": 1}"#);
        // Mon from period 0, Tue from period 1: one late day, allowed.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::EarlyStart), vec![]);
        // Wed from period 3 as well: three periods late (two too many), and two late days (one too many).
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Bio", 0, 2, 3, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::EarlyStart),
            vec![
                (2, hard(2), "teacher Ann starts 3 periods late on Wed, at Wed period 3; at most one period late is allowed".to_owned()),
                (1, hard(1), "teacher Ann starts late on 2 days (Tue, Wed); at most 1 is allowed".to_owned()),
            ]
        );
    }

    #[test]
    fn breaks_and_periods_not_counted_are_not_late_and_each_leaf_counts_on_its_own() {
        let problem = school_with(
            r#"{"kind": "early_start", "level": {"soft": 2}, "who": {"group": "A"}, "max_late_days": 0, "not_counted": [{"day": 0, "period": 0}]}"#,
        );
        // A1 (Fr) starts Mon at 1, after a period not counted: on time. A2 (De) starts Tue at 1: late.
        let t = place(&problem, &[("Fr", 0, 0, 1, Some("R1")), ("De", 0, 1, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::EarlyStart),
            vec![(1, soft(2), "group A2 starts late on 1 day (Tue); at most 0 are allowed".to_owned())]
        );
    }
}
