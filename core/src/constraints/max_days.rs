//! `max_days`: teachers and students come in on at most some days a week.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::who::{Who, WhoDef};

const SUMMARY: &str = "a teacher or set of students has lessons on at most a number of days; one unit per day too many";

/// Lessons on at most `days` days of the week, for each teacher or set of students named.
///
/// The amount is the number of days with lessons beyond `days`. A part-time teacher on three
/// days is `{"teacher": ...}` with `"days": 3`. XHSTT calls it ClusterBusyTimes; FET "max days per week".
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
}

/// [`MaxDays`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxDaysDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Most days with lessons.
    pub days: u16,
}

impl ConstraintKind for MaxDays {
    type Def = MaxDaysDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxDaysDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(MaxDays { who: Who::resolve(&def.who, names, &format!("{path}.who"), issues)?, days: def.days })
    }

    fn to_def(&self, problem: &Entities) -> MaxDaysDef {
        MaxDaysDef { who: self.who.to_def(problem), days: self.days }
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
                for p in 0..calendar.periods_per_day {
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
            let message = format!(
                "{} has lessons on {} days ({}); at most {} {} allowed",
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
