//! Delta of `min_days`: days with lessons over the week, at least a number, read off the rows layer.

use horarium_core::Problem;

use super::rows::{DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the least days with lessons.
pub(crate) struct MinDays {
    rules: RowRules<u16>,
    /// What the timetable with nothing placed costs: every rule's days on each of its rows.
    empty: Delta,
}

/// Days short of `least` with `days` days worked.
#[inline]
fn short(days: u16, least: u16) -> i64 {
    i64::from(least.saturating_sub(days))
}

impl Mirror for MinDays {
    type Constraint = horarium_core::constraints::MinDays;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        MinDays { rules: RowRules::new(), empty: Delta::ZERO }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rows = self.rules.add(build.rows, build.problem, constraint.who, constraint.days, mult);
        self.empty += Delta::of(short(0, constraint.days) * i64::try_from(rows).unwrap_or(i64::MAX), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    fn empty_cost(&self) -> Delta {
        self.empty
    }

    #[inline]
    fn row_change(&self, _state: &mut (), change: &RowChange) -> Delta {
        self.rules.price(change, |least, day: &DayChange| short(day.days_used.1, least) - short(day.days_used.0, least))
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
            r#"{"kind": "min_days", "level": "hard", "who": {"teacher": "Ann"}, "days": 2},
               {"kind": "min_days", "level": {"soft": 2}, "who": {"group": "A"}, "days": 1}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Bio", 1, 0, 2, Some("R1")),
            Add("Math", 1, 2, 0, Some("R1")),
            Add("De", 0, 1, 1, Some("R2")),
            Remove("Math", 0),
            Remove("Math", 1),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        // Nothing placed: Ann 2 days short, A1 and A2 one each.
        assert_eq!(
            run(&problem, &ops, Kind::MinDays),
            [cost(2, 4), cost(1, 0), cost(1, 0), cost(0, 0), cost(0, 0), cost(0, 0), cost(1, 2)]
        );
    }
}
