//! Delta of `max_span`: each day's span from first to last busy period, at most a number, read
//! off the day patterns of the rows layer.

use horarium_core::Problem;

use super::rows::{DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the most periods a day spans.
pub(crate) struct MaxSpan(RowRules<u16>);

impl Mirror for MaxSpan {
    type Constraint = horarium_core::constraints::MaxSpan;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        MaxSpan(RowRules::new())
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.rows, build.problem, constraint.who, constraint.max, mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.0.price(change, |max, day: &DayChange| beyond(day.pattern.1, max) - beyond(day.pattern.0, max))
    }
}

/// The periods of `pattern`'s span (first set bit to last) beyond `max`.
#[inline]
fn beyond(pattern: u64, max: u16) -> i64 {
    if pattern == 0 {
        return 0;
    }
    let span = 64 - pattern.leading_zeros() - pattern.trailing_zeros();
    i64::from(span.saturating_sub(u32::from(max)))
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::beyond;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_span_runs_from_the_first_set_bit_to_the_last() {
        assert_eq!(beyond(0, 1), 0);
        assert_eq!(beyond(0b0100_1000, 2), 2);
        assert_eq!(beyond(0b11, 2), 0);
        assert_eq!(beyond(u64::MAX, 60), 4);
    }

    #[test]
    fn the_running_cost_follows_each_days_span() {
        let problem = school_with(r#"{"kind": "max_span", "level": "hard", "who": {"teacher": "Ann"}, "max": 2}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Mon 0 and 3: a span of 4.
            Add("Math", 1, 0, 3, Some("R1")),
            // Tue 1-2: a span of 2.
            Add("Bio", 0, 1, 1, Some("R2")),
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxSpan), [0, 0, 2, 2, 0].map(hard));
    }
}
