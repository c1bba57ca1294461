//! Delta of `lessons_per_day`: periods of lessons on each day with lessons, between a least and a most, read off the rows layer.

use horarium_core::Problem;

use super::rows::{DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the bounds on the periods of a day with lessons (`u16::MAX` for no most).
pub(crate) struct LessonsPerDay(RowRules<(u16, u16)>);

impl Mirror for LessonsPerDay {
    type Constraint = horarium_core::constraints::LessonsPerDay;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        LessonsPerDay(RowRules::new())
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.rows, build.problem, constraint.who, (constraint.min, constraint.max.unwrap_or(u16::MAX)), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.0.price(change, |rule, day: &DayChange| load_amount(day.load.1, rule) - load_amount(day.load.0, rule))
    }
}

/// Units for a day with `load` busy periods under the bounds `(min, max)`: none on a free day.
#[inline]
fn load_amount(load: u16, (min, max): (u16, u16)) -> i64 {
    if load == 0 {
        return 0;
    }
    i64::from(min.saturating_sub(load)) + i64::from(load.saturating_sub(max))
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::load_amount;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn a_free_day_costs_nothing_and_a_busy_one_its_distance_to_the_bounds() {
        assert_eq!(load_amount(0, (3, 5)), 0);
        assert_eq!(load_amount(1, (3, 5)), 2);
        assert_eq!(load_amount(4, (3, 5)), 0);
        assert_eq!(load_amount(7, (3, 5)), 2);
        assert_eq!(load_amount(9, (0, u16::MAX)), 0);
    }

    #[test]
    fn the_running_cost_follows_the_periods_of_each_day() {
        let problem = school_with(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "min": 2, "max": 3}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            // Bio's double: Mon 2 and 3, four periods on Mon.
            Add("Bio", 0, 0, 2, Some("R2")),
            Remove("Math", 0),
            Add("Bio", 1, 1, 3, Some("R1")),
            // A second lesson in a busy period adds no period.
            Add("Math", 0, 1, 3, Some("R2")),
            Remove("Bio", 1),
            // A free day costs nothing.
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::LessonsPerDay), [0, 1, 0, 1, 0, 1, 1, 1, 0].map(hard));
    }
}
