//! Delta of `min_rest`: each watched row's day patterns, kept here from the rows layer's reports,
//! so that a change of one day re-reads its rest from the day before and to the day after.

use horarium_core::constraints::rest_short;
use horarium_core::Problem;

use super::rows::{RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// One rule on a row: the least rest and whether the week wraps.
#[derive(Clone, Copy)]
struct Rule {
    min: u16,
    circular: bool,
}

pub(crate) struct MinRest {
    rules: RowRules<Rule>,
    /// One more than the highest row with a rule.
    n_rows: usize,
    n_days: usize,
    periods: u16,
}

impl MinRest {
    /// The rest short under `rule` between days `a` and `b` of `patterns` (one row's week).
    #[inline]
    fn short(&self, rule: Rule, patterns: &[u64], a: usize, b: usize) -> i64 {
        i64::from(rest_short(patterns[a], patterns[b], rule.min, self.periods))
    }

    /// The rest short under `rule` on both sides of day `d` of `patterns`.
    #[inline]
    fn around(&self, rule: Rule, patterns: &[u64], d: usize) -> i64 {
        let n = self.n_days;
        let mut res = 0;
        if d > 0 {
            res += self.short(rule, patterns, d - 1, d);
        } else if rule.circular && n > 1 {
            res += self.short(rule, patterns, n - 1, 0);
        }
        if d + 1 < n {
            res += self.short(rule, patterns, d, d + 1);
        } else if rule.circular && n > 1 {
            res += self.short(rule, patterns, n - 1, 0);
        }
        res
    }
}

impl Mirror for MinRest {
    type Constraint = horarium_core::constraints::MinRest;
    /// Per row with a rule and day: its busy periods, as bits.
    type State = Vec<u64>;

    fn new(problem: &Problem) -> Self {
        let calendar = problem.calendar();
        MinRest { rules: RowRules::new(), n_rows: 0, n_days: usize::from(calendar.days), periods: calendar.periods_per_day }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rule = Rule { min: constraint.min, circular: constraint.circular };
        let mut highest = 0;
        self.rules.add_each(
            build.rows,
            build.problem,
            constraint.who,
            |row| {
                highest = highest.max(row as usize + 1);
                rule
            },
            mult,
        );
        self.n_rows = self.n_rows.max(highest);
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u64> {
        vec![0; self.n_rows * self.n_days]
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u64>, change: &RowChange) -> Delta {
        let Some(day) = change.day else { return Delta::ZERO };
        let rules = self.rules.of_row(change.row);
        if rules.is_empty() {
            return Delta::ZERO;
        }
        let week = &mut state[change.row * self.n_days..(change.row + 1) * self.n_days];
        let d = usize::from(day.day);
        let mut res = Delta::ZERO;
        for &(rule, mult) in rules {
            res += Delta::of(-self.around(rule, week, d), mult);
        }
        week[d] = day.pattern.1;
        for &(rule, mult) in rules {
            res += Delta::of(self.around(rule, week, d), mult);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_follows_the_rest_around_each_changed_day() {
        let problem = school_with(r#"{"kind": "min_rest", "level": "hard", "who": {"teacher": "Ann"}, "min": 3, "circular": true}"#);
        let ops = [
            Add("Math", 0, 0, 3, Some("R1")),
            // Tue 1 after Mon 3: rest 1, two short.
            Add("Math", 1, 1, 1, Some("R1")),
            // Wed 0 after Tue 1: one short; Mon 3 after Wed 0 (circular): rest 3 + 3.
            Add("Math", 2, 2, 0, Some("R1")),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::MinRest), [0, 0, 2, 3, 0].map(hard));
    }
}
