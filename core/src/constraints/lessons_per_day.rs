//! `lessons_per_day`: teachers and students have a bounded number of periods of lessons a day.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::who::{Who, WhoDef};

const SUMMARY: &str =
    "on a day with lessons, a teacher or set of students has between a least and a most number of periods; one unit per period short or over";

/// On each day with at least one lesson, between `min` and `max` periods of lessons.
///
/// Periods are counted, not lessons: a double period counts two. Days without any lesson are
/// not constrained by `min` (use `max_days` to bound the days worked). The amount is, per day,
/// the periods missing below `min` plus the periods beyond `max`. For a group, each leaf of the
/// hierarchy under it counts on its own. XHSTT calls it LimitBusyTimes; FET "min/max hours daily".
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
}

impl LessonsPerDay {
    /// Units of violation for a day with `periods` periods of lessons.
    pub fn amount(&self, periods: u16) -> u16 {
        if periods == 0 {
            return 0;
        }
        self.min.saturating_sub(periods) + self.max.map_or(0, |max| periods.saturating_sub(max))
    }
}

impl ConstraintKind for LessonsPerDay {
    type Def = LessonsPerDayDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonsPerDayDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        match (def.min, def.max) {
            (None, None) => {
                issues.push(Issue::at_path(path.to_owned(), "give \"min\", \"max\" or both".to_owned()));
                None
            }
            (Some(min), Some(max)) if min > max => {
                issues.push(Issue::at_path(format!("{path}.min"), format!("min {min} is more than max {max}")));
                None
            }
            (min, max) => Some(LessonsPerDay { who, min: min.unwrap_or(0), max }),
        }
    }

    fn to_def(&self, problem: &Entities) -> LessonsPerDayDef {
        // A least of 0 is written out when there is no most, so that the definition stays valid.
        let min = (self.min > 0 || self.max.is_none()).then_some(self.min);
        LessonsPerDayDef { who: self.who.to_def(problem), min, max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            for day in 0..calendar.days {
                let day_slots: Vec<_> = (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)).collect();
                let busy_slots: Vec<_> = day_slots.iter().copied().filter(|&s| !busy.at(row_idx, s).is_empty()).collect();
                #[allow(clippy::cast_possible_truncation, reason = "at most periods_per_day")]
                let periods = busy_slots.len() as u16;
                let amount = self.amount(periods);
                if amount == 0 {
                    continue;
                }
                let bound = if periods < self.min {
                    format!("at least {} are required on a day with lessons", self.min)
                } else {
                    format!("at most {} are allowed", self.max.unwrap_or(0))
                };
                let message = format!("{} has {periods} periods of lessons on {}; {bound}", row.describe(problem), calendar.day_label(day));
                let mut entries: Vec<usize> = busy_slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                entries.sort_unstable();
                entries.dedup();
                sink.add(u64::from(amount), view.lessons_of(&entries), busy_slots, vec![row.resource()], message);
            }
        }
    }
}
