//! Delta of `max_consecutive_periods`: runs of busy periods of each day, at most a number long,
//! read off the day patterns of the rows layer.

use horarium_core::Problem;

use super::rows::{DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the most periods of lessons in a row.
pub(crate) struct MaxConsecutivePeriods(RowRules<u16>);

impl Mirror for MaxConsecutivePeriods {
    type Constraint = horarium_core::constraints::MaxConsecutivePeriods;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        MaxConsecutivePeriods(RowRules::new())
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add_counting(build.rows, build.problem, constraint.who, constraint.courses.as_deref(), constraint.max, mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.0.price(change, |max, day: &DayChange| beyond(day.pattern.1, max) - beyond(day.pattern.0, max))
    }
}

/// Over the runs of set bits of a day's `pattern`, the bits beyond `max` in each.
#[inline]
fn beyond(mut pattern: u64, max: u16) -> i64 {
    let mut res = 0;
    while pattern != 0 {
        pattern >>= pattern.trailing_zeros();
        let run = (!pattern).trailing_zeros();
        res += i64::from(run.saturating_sub(u32::from(max)));
        pattern = pattern.checked_shr(run).unwrap_or(0);
    }
    res
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::beyond;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn each_run_counts_its_bits_beyond_the_most() {
        assert_eq!(beyond(0, 1), 0);
        assert_eq!(beyond(0b0111_0110, 2), 1);
        assert_eq!(beyond(0b1111_0111, 2), 3);
        assert_eq!(beyond(u64::MAX, 60), 4);
        assert_eq!(beyond(1 << 63, 0), 1);
    }

    #[test]
    fn the_running_cost_follows_the_runs_of_each_day() {
        let problem = school_with(r#"{"kind": "max_consecutive_periods", "level": "hard", "who": {"teacher": "Ann"}, "max": 2}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 2, Some("R1")),
            // Bio's double at Mon 1-2 joins the run: Mon 0-2 (a clash at 2 adds no period), 1 beyond.
            Add("Bio", 0, 0, 1, Some("R2")),
            Add("Math", 2, 0, 3, Some("R1")),
            // Without Math at Mon 0: Mon 1-3, 1 beyond.
            Remove("Math", 0),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxConsecutivePeriods), [0, 0, 0, 1, 2, 1, 0].map(hard));
    }
}
