//! Delta of `max_days`: days with lessons over the week, at most a number, read off the rows layer.

use horarium_core::Problem;

use super::rows::{excess, DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the most days with lessons.
pub(crate) struct MaxDays(RowRules<u16>);

impl Mirror for MaxDays {
    type Constraint = horarium_core::constraints::MaxDays;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        MaxDays(RowRules::new())
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.rows, build.problem, constraint.who, constraint.days, mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.0.price(change, |rule, day: &DayChange| excess(u32::from(day.days_used.1), rule) - excess(u32::from(day.days_used.0), rule))
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
}
