//! Delta of `max_days`: days with lessons over the week (or with lessons in some periods of the
//! day), at most a number, read off the rows layer.

use horarium_core::Problem;

use super::rows::{excess, DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the most days with lessons: rules on whole days read the
/// layer's days used; rules on some periods count their own days, one counter per rule and row.
pub(crate) struct MaxDays {
    whole: RowRules<u16>,
    within: RowRules<Within>,
    n_counters: u32,
}

/// A rule on the days with a lesson in some periods.
#[derive(Clone, Copy)]
struct Within {
    days: u16,
    /// The periods, as bits of a day's pattern.
    periods: u64,
    /// Its count of such days for its row, in the state.
    counter: u32,
}

impl Mirror for MaxDays {
    type Constraint = horarium_core::constraints::MaxDays;
    /// Per rule on some periods and row: the days counted.
    type State = Vec<u16>;

    fn new(_problem: &Problem) -> Self {
        MaxDays { whole: RowRules::new(), within: RowRules::new(), n_counters: 0 }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        if constraint.periods.is_empty() {
            self.whole.add(build.rows, build.problem, constraint.who, constraint.days, mult);
            return;
        }
        // Core refuses periods past the 64 bits of a day's pattern.
        let periods = constraint.periods.iter().fold(0u64, |m, &p| m | 1u64.checked_shl(u32::from(p)).unwrap_or(0));
        let mut next = self.n_counters;
        self.within.add_each(
            build.rows,
            build.problem,
            constraint.who,
            |_| {
                next += 1;
                Within { days: constraint.days, periods, counter: next - 1 }
            },
            mult,
        );
        self.n_counters = next;
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u16> {
        vec![0; self.n_counters as usize]
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u16>, change: &RowChange) -> Delta {
        let mut res = self
            .whole
            .price(change, |rule, day: &DayChange| excess(u32::from(day.days_used.1), rule) - excess(u32::from(day.days_used.0), rule));
        let Some(day) = change.day else { return res };
        for &(rule, mult) in self.within.of_row(change.row) {
            let (was, is) = (day.pattern.0 & rule.periods != 0, day.pattern.1 & rule.periods != 0);
            if was == is {
                continue;
            }
            let counted = &mut state[rule.counter as usize];
            let before = *counted;
            *counted = if is { before + 1 } else { before - 1 };
            res += Delta::of(excess(u32::from(*counted), rule.days) - excess(u32::from(before), rule.days), mult);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_follows_the_days_worked_of_each_row() {
        let problem = school_with(
            r#"{"kind": "max_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 1},
               {"kind": "max_days", "level": {"soft": 2}, "who": {"group": "A"}, "days": 1}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Bio", 1, 1, 0, Some("R1")),
            // A1 comes in on Mon and Wed.
            Add("Fr", 0, 2, 0, Some("R1")),
            // A2 too.
            Add("De", 0, 2, 1, Some("R2")),
            // Ann on three days.
            Add("Math", 1, 2, 2, Some("R1")),
            Remove("Math", 0),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::MaxDays),
            [cost(0, 0), cost(0, 0), cost(1, 0), cost(1, 2), cost(1, 4), cost(2, 4), cost(1, 0)]
        );
    }

    #[test]
    fn with_periods_a_day_counts_while_a_lesson_covers_one_of_them() {
        let problem = school_with(r#"{"kind": "max_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 1, "periods": [2, 3]}"#);
        let ops = [
            Add("Math", 0, 0, 3, Some("R1")),
            Add("Math", 1, 1, 0, Some("R1")),
            // Bio's double at Tue 1-2 covers Tue 2: two days.
            Add("Bio", 0, 1, 1, Some("R2")),
            Add("Math", 2, 1, 3, Some("R1")),
            Remove("Bio", 0),
            Remove("Math", 2),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxDays), [0, 0, 0, 1, 1, 1, 0].map(|n| Cost { hard: n, soft: 0 }));
    }
}
