//! Delta of `early_start`: per day, the counted free periods before the first lesson, read off
//! the rows layer's day patterns; per row and rule, the late days of the week.

use horarium_core::Problem;

use super::rows::{excess, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// One constraint on one row: the late days it allows, which periods count as late (per day, as
/// bits), and where its row's count of late days is kept in the state.
#[derive(Clone, Copy)]
pub(crate) struct Rule {
    max_late_days: u16,
    counted: u32,
    counter: u32,
}

pub(crate) struct EarlyStart {
    rules: RowRules<Rule>,
    /// Per distinct `not_counted` and day: the periods that are late when free before the first
    /// lesson (neither breaks nor not counted), as bits; `n_days` per entry.
    counted: Vec<u64>,
    n_days: usize,
    n_counters: u32,
}

/// Late periods of a day pattern: the counted periods before its first busy one (none on a day
/// without lessons).
#[inline]
fn late(pattern: u64, counted: u64) -> u32 {
    if pattern == 0 {
        return 0;
    }
    let before_first = (1u64 << pattern.trailing_zeros()) - 1;
    (counted & before_first).count_ones()
}

impl Mirror for EarlyStart {
    type Constraint = horarium_core::constraints::EarlyStart;
    /// Per rule and row: its late days.
    type State = Vec<u16>;

    fn new(problem: &Problem) -> Self {
        EarlyStart { rules: RowRules::new(), counted: Vec::new(), n_days: usize::from(problem.calendar().days), n_counters: 0 }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let calendar = build.problem.calendar();
        #[allow(clippy::cast_possible_truncation, reason = "one entry per constraint, fewer than 2^32")]
        let counted = (self.counted.len() / self.n_days.max(1)) as u32;
        for day in 0..calendar.days {
            let mut bits = 0u64;
            for period in 0..calendar.periods_per_day.min(64) {
                let Some(slot) = calendar.slot(day, period) else { continue };
                if !calendar.is_break(slot) && constraint.not_counted.binary_search(&slot).is_err() {
                    bits |= 1 << period;
                }
            }
            self.counted.push(bits);
        }
        let max_late_days = constraint.max_late_days;
        let counters = &mut self.n_counters;
        self.rules.add_each(
            build.rows,
            build.problem,
            constraint.who,
            |_| {
                *counters += 1;
                Rule { max_late_days, counted, counter: *counters - 1 }
            },
            mult,
        );
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u16> {
        vec![0; self.n_counters as usize]
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u16>, change: &RowChange) -> Delta {
        let Some(day) = change.day else { return Delta::ZERO };
        let mut res = Delta::ZERO;
        for &(rule, mult) in self.rules.of_row(change.row) {
            let counted = self.counted[rule.counted as usize * self.n_days + usize::from(day.day)];
            let (before, after) = (late(day.pattern.0, counted), late(day.pattern.1, counted));
            if before == after {
                continue;
            }
            let days = &mut state[rule.counter as usize];
            let days_before = *days;
            *days = days_before + u16::from(after > 0) - u16::from(before > 0);
            let units = excess(after, 1) - excess(before, 1) + excess(u32::from(*days), rule.max_late_days)
                - excess(u32::from(days_before), rule.max_late_days);
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
    fn late_periods_and_late_days_follow_each_placement() {
        let problem = school_with(
            r#"{"kind": "early_start", "level": {"soft": 2}, "who": {"teacher": "Ann"}, "max_late_days": 1, "not_counted": [{"day": 2, "period": 0}]}"#,
        );
        let ops = [
            // Mon from 1: one late day, allowed.
            Add("Math", 0, 0, 1, Some("R1")),
            // Tue from 2: two periods late (one too many), a second late day (one too many).
            Add("Math", 1, 1, 2, Some("R1")),
            // Mon from 0 now: Mon is on time.
            Add("Bio", 0, 0, 0, Some("R2")),
            // Wed from 1, after a period not counted: on time.
            Add("Math", 2, 2, 1, Some("R1")),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::EarlyStart), [0, 0, 2, 1, 1, 2].map(|n| soft(2 * n)));
    }
}
