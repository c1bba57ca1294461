//! `min_days`: teachers and students come in on at least some days a week.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::who::{Who, WhoDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

const SUMMARY: &str = "a teacher or set of students has lessons on at least a number of days; one unit per day short";

/// Lessons on at least `days` days of the week, for each teacher or set of students named.
///
/// The amount is the number of days short of `days`: a teacher with all lessons on two days
/// under `"days": 4` costs two units, and one with no lesson at all costs four. For a group, each
/// leaf of the hierarchy under it counts on its own. FET's "min days per week"; `max_days` is the
/// other bound.
///
/// ```json
/// {"kind": "min_days", "level": {"soft": 2}, "who": {"teacher": "Ada"}, "days": 3}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinDays {
    /// Whom it applies to.
    pub who: Who,
    /// Least days with lessons.
    pub days: u16,
}

/// [`MinDays`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinDaysDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Least days with lessons; at most the days of the week.
    pub days: u16,
}

impl ConstraintKind for MinDays {
    type Def = MinDaysDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MinDaysDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        if def.days > calendar.days {
            let message = format!("the week has {} days; {} days with lessons cannot be asked", calendar.days, def.days);
            issues.push(Issue::at_path(format!("{path}.days"), message));
            return None;
        }
        Some(MinDays { who: who?, days: def.days })
    }

    fn to_def(&self, problem: &Entities) -> MinDaysDef {
        MinDaysDef { who: self.who.to_def(problem), days: self.days }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let mut entries = Vec::new();
            let mut days = 0u16;
            for day in 0..calendar.days {
                let before = entries.len();
                for slot in (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)) {
                    entries.extend(busy.at(row_idx, slot).iter().copied());
                }
                days += u16::from(entries.len() > before);
            }
            if days >= self.days {
                continue;
            }
            entries.sort_unstable();
            entries.dedup();
            let message = format!(
                "{} has lessons on {} {}; at least {} {} asked for",
                row.describe(problem),
                days,
                if days == 1 { "day" } else { "days" },
                self.days,
                if self.days == 1 { "is" } else { "are" }
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(u64::from(self.days - days), view.lessons_of(&entries), slots, vec![row.resource()], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MinDays;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::constraints::Who;
    use crate::ids::TeacherId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_whom_it_applies_to_and_refuses_more_days_than_the_week_has() {
        let problem = school_with(r#"{"kind": "min_days", "level": "hard", "who": {"teacher": "Bob"}, "days": 2}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::MinDays(MinDays { who: Who::Teacher(TeacherId(1)), days: 2 }));
        let issues = school_issues(r#"{"kind": "min_days", "level": "hard", "who": {"teacher": "Bob"}, "days": 4}"#);
        assert_eq!(issues, vec![("constraints[0].days".to_owned(), "the week has 3 days; 4 days with lessons cannot be asked".to_owned())]);
    }

    #[test]
    fn one_unit_per_day_short_for_each_row() {
        let problem = school_with(r#"{"kind": "min_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 2}"#);
        let one_day = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 0, 2, Some("R2"))]);
        assert_eq!(
            found(&problem, &one_day, Kind::MinDays),
            vec![(1, hard(1), "teacher Ann has lessons on 1 day; at least 2 are asked for".to_owned())]
        );
        let two_days = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 1, 2, Some("R2"))]);
        assert_eq!(found(&problem, &two_days, Kind::MinDays), vec![]);
        let problem = school_with(r#"{"kind": "min_days", "level": {"soft": 3}, "who": {"group": "A"}, "days": 1}"#);
        // A1 has Fr; A2 has nothing.
        let t = place(&problem, &[("Fr", 0, 0, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MinDays),
            vec![(1, soft(3), "group A2 has lessons on 0 days; at least 1 is asked for".to_owned())]
        );
    }
}
