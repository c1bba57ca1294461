//! Delta of `idle_gaps`: idle periods between lessons, per day or per week, read off the rows
//! layer: its own count of idle periods for the rules without `not_counted`, and for those with,
//! the day's pattern counted again with the slots not counted taken as breaks.

use horarium_core::constraints::Per;
use horarium_core::Problem;

use super::rows::{excess, idle, DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the limits on its idle periods.
pub(crate) struct IdleGaps {
    /// Rules without slots not counted: per day or per week, and the most allowed.
    plain: RowRules<(Per, u16)>,
    /// Rules with slots not counted.
    masked: RowRules<Masked>,
    /// Per masked rule and day: its breaks and slots not counted, as bits of its pattern.
    masks: Vec<u64>,
    n_counters: u32,
}

/// A rule whose idle periods leave some slots out.
#[derive(Clone, Copy)]
struct Masked {
    per: Per,
    max: u16,
    /// Its first day's mask in `masks`.
    mask: u32,
    /// Its week's idle periods for its row, in the state (per week only).
    counter: u32,
}

impl Mirror for IdleGaps {
    type Constraint = horarium_core::constraints::IdleGaps;
    /// Per masked rule and row: the idle periods of the week.
    type State = Vec<u32>;

    fn new(_problem: &Problem) -> Self {
        IdleGaps { plain: RowRules::new(), masked: RowRules::new(), masks: Vec::new(), n_counters: 0 }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        if constraint.not_counted.is_empty() {
            self.plain.add(build.rows, build.problem, constraint.who, (constraint.per, constraint.max), mult);
            return;
        }
        let calendar = build.problem.calendar();
        #[allow(clippy::cast_possible_truncation, reason = "masks are days times rules, far below 2^32")]
        let mask = self.masks.len() as u32;
        let mut days = build.rows.day_breaks().to_vec();
        for &s in &constraint.not_counted {
            // Core refuses idle gaps on days past the 64 bits of a pattern.
            days[usize::from(calendar.day(s))] |= 1u64.checked_shl(u32::from(calendar.period(s))).unwrap_or(0);
        }
        self.masks.extend(days);
        let mut next = self.n_counters;
        self.masked.add_each(
            build.rows,
            build.problem,
            constraint.who,
            |_| {
                next += 1;
                Masked { per: constraint.per, max: constraint.max, mask, counter: next - 1 }
            },
            mult,
        );
        self.n_counters = next;
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u32> {
        vec![0; self.n_counters as usize]
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u32>, change: &RowChange) -> Delta {
        let mut res = self.plain.price(change, |rule, day: &DayChange| match rule {
            (Per::Day, max) => excess(day.idle.1, max) - excess(day.idle.0, max),
            (Per::Week, max) => excess(day.week_idle.1, max) - excess(day.week_idle.0, max),
        });
        let Some(day) = change.day else { return res };
        for &(rule, mult) in self.masked.of_row(change.row) {
            let mask = self.masks[rule.mask as usize + usize::from(day.day)];
            let (before, after) = (idle(day.pattern.0, mask), idle(day.pattern.1, mask));
            if before == after {
                continue;
            }
            let units = match rule.per {
                Per::Day => excess(after, rule.max) - excess(before, rule.max),
                Per::Week => {
                    let week = &mut state[rule.counter as usize];
                    let was = *week;
                    *week = was + after - before;
                    excess(*week, rule.max) - excess(was, rule.max)
                }
            };
            res += Delta::of(units, mult);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_follows_idle_periods_per_day_and_per_week() {
        let problem = school_with(
            r#"{"kind": "idle_gaps", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "per": "day", "max": 0},
               {"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ann"}, "per": "week", "max": 1}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Mon: idle at 1.
            Add("Math", 1, 0, 2, Some("R1")),
            Add("Bio", 1, 1, 0, Some("R1")),
            // Tue: idle at 1 and 2; three idle periods in the week.
            Add("Math", 2, 1, 3, Some("R1")),
            // Bio's double fills Tue 1 and 2.
            Add("Bio", 0, 1, 1, Some("R2")),
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::IdleGaps), [0, 0, 3, 3, 11, 3, 0].map(soft));
    }

    #[test]
    fn slots_not_counted_are_no_idle_period_per_day_or_per_week() {
        let problem = school_with(
            r#"{"kind": "idle_gaps", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "per": "day", "max": 0, "not_counted": [{"day": 0, "period": 1}]},
               {"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ann"}, "per": "week", "max": 0, "not_counted": [{"day": 0, "period": 1}, {"day": 1, "period": 2}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Mon: idle at 1 (not counted by either) and 2.
            Add("Math", 1, 0, 3, Some("R1")),
            // Tue: idle at 1 (counted by both) and 2 (counted per day only).
            Add("Bio", 1, 1, 0, Some("R1")),
            Add("Math", 2, 1, 3, Some("R1")),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::IdleGaps), [0, 0, 4, 4, 4 + 6 + 1, 6 + 1].map(soft));
    }

    #[test]
    fn each_leaf_of_a_group_is_idle_on_its_own() {
        let problem = school_with(r#"{"kind": "idle_gaps", "level": {"soft": 1}, "who": {"group": "A"}, "per": "day", "max": 0}"#);
        let ops = [
            Add("Fr", 0, 0, 0, Some("R1")),
            // The class lesson at Mon 2: A1 is idle at Mon 1, A2 is not.
            Add("Math", 0, 0, 2, Some("R1")),
            Add("De", 0, 0, 0, Some("R2")),
            Add("Art", 0, 0, 1, Some("R1")),
            Remove("Fr", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::IdleGaps), [0, 0, 1, 2, 0, 0].map(soft));
    }

    #[test]
    fn a_break_is_no_idle_period() {
        use crate::deltas::test_support::school;
        let text = school(r#"{"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ann"}, "per": "day", "max": 0}"#).replace(
            r#""day_names": ["Mon", "Tue", "Wed"]}"#,
            r#""day_names": ["Mon", "Tue", "Wed"], "breaks": [{"day": 0, "period": 1}]}"#,
        );
        let problem = horarium_core::formats::json::parse_problem("<test>", &text).unwrap_or_else(|e| panic!("{e}"));
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Mon 1 is the break: Math at Mon 0 and Mon 2 leaves Ann no idle period.
            Add("Math", 1, 0, 2, Some("R1")),
            // At Mon 3 instead, Mon 2 is idle (the break still is not).
            Remove("Math", 1),
            Add("Math", 1, 0, 3, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::IdleGaps), [0, 0, 0, 0, 1].map(soft));
    }
}
