//! `idle_gaps`: teachers and students have few idle periods between their lessons.

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

use super::who::{Who, WhoDef};

const SUMMARY: &str =
    "a teacher or set of students has at most some idle periods between lessons, per day or per week; one unit per idle period too many";

/// Days with more periods than this cannot carry idle-gap limits (a day is kept as a 64-bit pattern).
pub const MAX_PERIODS_FOR_GAPS: u16 = 64;

/// Whether the calendar's days fit the 64-bit day patterns that `what` (a kind read off the
/// rows of the week) is kept in; an issue at `path` when they do not.
pub(crate) fn days_fit_a_pattern(calendar: &Calendar, what: &str, path: &str, issues: &mut Vec<Issue>) -> bool {
    let fits = calendar.periods_per_day <= MAX_PERIODS_FOR_GAPS;
    if !fits {
        issues.push(Issue::at_path(
            path.to_owned(),
            format!(
                "{what} are supported for days of at most {MAX_PERIODS_FOR_GAPS} periods; this calendar has {}",
                calendar.periods_per_day
            ),
        ));
    }
    fits
}

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
/// language groups, the students of one are idle while the other has its lesson. Breaks are
/// nobody's idle period, and nor are the slots of `not_counted` (periods the teacher or students
/// are not there anyway, such as their lunch: FET counts no gap at a not-available time).
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
    /// Slots that are no idle period when empty, sorted, each once.
    pub not_counted: Vec<Slot>,
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
    /// Slots that are no idle period when empty (the teacher's or students' not-available
    /// times). Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_counted: Vec<SlotDef>,
}

impl ConstraintKind for IdleGaps {
    type Def = IdleGapsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: IdleGapsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let not_counted = resolve_slot_list(&def.not_counted, calendar, &format!("{path}.not_counted"), issues);
        let fits = days_fit_a_pattern(calendar, "idle gaps", path, issues);
        fits.then_some(IdleGaps { who: who?, per: def.per, max: def.max, not_counted })
    }

    fn to_def(&self, problem: &Entities) -> IdleGapsDef {
        IdleGapsDef {
            who: self.who.to_def(problem),
            per: self.per,
            max: self.max,
            not_counted: slots_to_def(&self.not_counted, problem.calendar()),
        }
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
                let day_slots: Vec<_> = (0..calendar.periods_per_day).filter_map(|p| calendar.slot(day, p)).collect();
                let idle_slots: Vec<_> = idle_slot_list(&pattern, &day_slots, calendar)
                    .into_iter()
                    .filter(|s| self.not_counted.binary_search(s).is_err())
                    .collect();
                let idle = idle_slots.len();
                if idle == 0 {
                    continue;
                }
                let mut entries: Vec<usize> = day_slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                entries.sort_unstable();
                entries.dedup();
                week += idle;
                match self.per {
                    Per::Day if idle > usize::from(self.max) => {
                        let message = format!(
                            "{} has {} on {}; {}",
                            row.describe(problem),
                            count(idle as u64, "idle period", "idle periods"),
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
                let message = format!(
                    "{} has {} in the week; {}",
                    row.describe(problem),
                    count(week as u64, "idle period", "idle periods"),
                    allowed(self.max)
                );
                sink.add((week - usize::from(self.max)) as u64, view.lessons_of(&week_entries), week_slots, vec![row.resource()], message);
            }
        }
    }
}

/// The idle slots of a day, given its busy pattern and its slots.
/// The idle periods of a day: those without a lesson between its first and last lesson, breaks
/// aside.
fn idle_slot_list(pattern: &[bool], day_slots: &[crate::ids::Slot], calendar: &Calendar) -> Vec<crate::ids::Slot> {
    let (Some(first), Some(last)) = (pattern.iter().position(|&b| b), pattern.iter().rposition(|&b| b)) else { return Vec::new() };
    (first..=last).filter(|&p| !pattern[p]).map(|p| day_slots[p]).filter(|&s| !calendar.is_break(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::{IdleGaps, Per};
    use crate::constraints::test_support::{found, issues, place, problem, school_issues, school_with, soft};
    use crate::constraints::Who;
    use crate::ids::TeacherId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_whom_it_applies_to() {
        let problem = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "per": "week", "max": 2}"#);
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::IdleGaps(IdleGaps { who: Who::Teacher(TeacherId(0)), per: Per::Week, max: 2, not_counted: vec![] })
        );
        let issues = school_issues(r#"{"kind": "idle_gaps", "level": "hard", "who": {"teacher": "Zed"}, "per": "day", "max": 1}"#);
        assert_eq!(issues, vec![("constraints[0].who".to_owned(), "unknown teacher \"Zed\"".to_owned())]);
    }

    #[test]
    fn days_of_more_than_64_periods_cannot_carry_a_limit() {
        let with_periods = |n: u16| {
            format!(
                r#"{{"name": "long days", "calendar": {{"days": 1, "periods_per_day": {n}}}, "teachers": [{{"name": "T"}}],
                    "courses": [{{"name": "C", "teachers": ["T"], "lessons": 1}}],
                    "constraints": [{{"kind": "idle_gaps", "level": "hard", "who": "all_teachers", "per": "day", "max": 0}}]}}"#
            )
        };
        assert_eq!(problem(&with_periods(64)).constraints().len(), 1);
        assert_eq!(
            issues(&with_periods(65)),
            vec![("constraints[0]".to_owned(), "idle gaps are supported for days of at most 64 periods; this calendar has 65".to_owned())]
        );
    }

    #[test]
    fn per_day_one_unit_per_idle_period_beyond_the_most() {
        let problem = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "per": "day", "max": 1}"#);
        let t = place(
            &problem,
            &[
                // Mon: Ann teaches at 0 and 3, idle at 1 and 2: one too many.
                ("Math", 0, 0, 0, Some("R1")),
                ("Math", 1, 0, 3, Some("R1")),
                // Tue: Bio's double at 0 and 1, Bio at 3: one idle period, as many as allowed.
                ("Bio", 0, 1, 0, Some("R1")),
                ("Bio", 1, 1, 3, Some("R1")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::IdleGaps),
            vec![(1, soft(3), "teacher Ann has 2 idle periods on Mon; at most 1 is allowed".to_owned())]
        );
    }

    #[test]
    fn slots_not_counted_are_no_idle_period() {
        // Mon: Ann teaches at 0 and 3; period 1 is her lunch, so only period 2 is idle.
        let problem = school_with(
            r#"{"kind": "idle_gaps", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "per": "day", "max": 0, "not_counted": [{"day": 0, "period": 1}]}"#,
        );
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::IdleGaps),
            vec![(1, soft(3), "teacher Ann has 1 idle period on Mon; at most 0 are allowed".to_owned())]
        );
        let issues = school_issues(
            r#"{"kind": "idle_gaps", "level": "hard", "who": "all_teachers", "per": "day", "max": 0, "not_counted": [{"day": 7, "period": 1}]}"#,
        );
        assert_eq!(issues, vec![("constraints[0].not_counted[0]".to_owned(), "day 7 period 1 is outside the 3x4 calendar".to_owned())]);
    }

    #[test]
    fn per_week_the_idle_periods_of_all_days_add_up() {
        let placements =
            [("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1")), ("Bio", 0, 1, 0, Some("R1")), ("Bio", 1, 1, 3, Some("R1"))];
        // Two idle periods on Mon and one on Tue: three in the week.
        let at_most_3 = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ann"}, "per": "week", "max": 3}"#);
        assert_eq!(found(&at_most_3, &place(&at_most_3, &placements), Kind::IdleGaps), vec![]);
        let at_most_2 = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ann"}, "per": "week", "max": 2}"#);
        assert_eq!(
            found(&at_most_2, &place(&at_most_2, &placements), Kind::IdleGaps),
            vec![(1, soft(1), "teacher Ann has 3 idle periods in the week; at most 2 are allowed".to_owned())]
        );
    }

    #[test]
    fn each_leaf_of_a_group_is_idle_on_its_own() {
        let problem = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 1}, "who": {"group": "A"}, "per": "day", "max": 0}"#);
        // A1 has Fr at Mon 0 and Math (the whole class) at Mon 2: idle at Mon 1. A2 only has Math.
        let t = place(&problem, &[("Fr", 0, 0, 0, Some("R1")), ("Math", 0, 0, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::IdleGaps),
            vec![(1, soft(1), "group A1 has 1 idle period on Mon; at most 0 are allowed".to_owned())]
        );
    }
}
