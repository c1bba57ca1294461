//! `idle_gaps`: teachers and students have few idle periods between their lessons.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::busy::idle_periods;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::who::{Who, WhoDef};

const SUMMARY: &str =
    "a teacher or set of students has at most some idle periods between lessons, per day or per week; one unit per idle period too many";

/// Days with more periods than this cannot carry idle-gap limits (a day is kept as a 64-bit pattern).
pub const MAX_PERIODS_FOR_GAPS: u16 = 64;

/// Whether a limit holds for each day or for the whole week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// The limit applies to each day on its own.
    Day,
    /// The limit applies to the sum over the week.
    Week,
}

/// At most `max` idle periods per day (or per week) for each teacher or set of students named.
///
/// An idle period is a period without a lesson between the first and the last lesson of a day.
/// The amount is the number of idle periods beyond `max`, per day (or over the week). For a
/// group, each leaf of the hierarchy under it counts on its own: when a class splits into
/// language groups, the students of one are idle while the other has its lesson.
/// XHSTT calls it LimitIdleTimes; FET "max gaps per day / per week".
///
/// ```json
/// {"kind": "idle_gaps", "level": {"soft": 3}, "who": "all_teachers", "per": "day", "max": 1}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdleGaps {
    /// Whom it applies to.
    pub who: Who,
    /// Per day or per week.
    pub per: Per,
    /// Idle periods allowed.
    pub max: u16,
}

/// [`IdleGaps`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdleGapsDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// Per day or per week.
    pub per: Per,
    /// Idle periods allowed.
    pub max: u16,
}

impl ConstraintKind for IdleGaps {
    type Def = IdleGapsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: IdleGapsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        if calendar.periods_per_day > MAX_PERIODS_FOR_GAPS {
            issues.push(Issue::at_path(
                path.to_owned(),
                format!(
                    "idle gaps are supported for days of at most {MAX_PERIODS_FOR_GAPS} periods; this calendar has {}",
                    calendar.periods_per_day
                ),
            ));
            return None;
        }
        Some(IdleGaps { who, per: def.per, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> IdleGapsDef {
        IdleGapsDef { who: self.who.to_def(problem), per: self.per, max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        let allowed = |n: u16| if n == 1 { "at most 1 is allowed".to_owned() } else { format!("at most {n} are allowed") };
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let mut week = 0;
            let mut week_slots = Vec::new();
            let mut week_entries = Vec::new();
            for day in 0..calendar.days {
                let pattern = busy.day_pattern(problem, row_idx, day);
                let idle = idle_periods(&pattern);
                if idle == 0 {
                    continue;
                }
                let day_slots: Vec<_> = (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)).collect();
                let mut entries: Vec<usize> = day_slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                entries.sort_unstable();
                entries.dedup();
                let idle_slots: Vec<_> = idle_slot_list(&pattern, &day_slots);
                week += idle;
                match self.per {
                    Per::Day if idle > usize::from(self.max) => {
                        let message = format!(
                            "{} has {idle} idle periods on {}; {}",
                            row.describe(problem),
                            calendar.day_label(day),
                            allowed(self.max)
                        );
                        sink.add(
                            (idle - usize::from(self.max)) as u64,
                            view.lessons_of(&entries),
                            idle_slots,
                            vec![row.resource()],
                            message,
                        );
                    }
                    Per::Day => {}
                    Per::Week => {
                        week_slots.extend(idle_slots);
                        week_entries.extend(entries);
                    }
                }
            }
            if self.per == Per::Week && week > usize::from(self.max) {
                let message = format!("{} has {week} idle periods in the week; {}", row.describe(problem), allowed(self.max));
                sink.add((week - usize::from(self.max)) as u64, view.lessons_of(&week_entries), week_slots, vec![row.resource()], message);
            }
        }
    }
}

/// The idle slots of a day, given its busy pattern and its slots.
fn idle_slot_list(pattern: &[bool], day_slots: &[crate::ids::Slot]) -> Vec<crate::ids::Slot> {
    let (Some(first), Some(last)) = (pattern.iter().position(|&b| b), pattern.iter().rposition(|&b| b)) else { return Vec::new() };
    (first..=last).filter(|&p| !pattern[p]).map(|p| day_slots[p]).collect()
}
