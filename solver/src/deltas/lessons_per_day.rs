//! Delta of `lessons_per_day`: periods of lessons on each day with lessons, between a least and a most, read off the rows layer.

use horarium_core::Problem;

use super::rows::{DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the bounds on the periods of a day.
pub(crate) struct LessonsPerDay {
    rules: RowRules<Bounds>,
    n_days: u16,
    /// What the timetable with nothing placed costs: the least of every rule that holds on
    /// every day, on every day.
    empty: Delta,
}

/// One rule's bounds on a row's periods of a day.
#[derive(Clone, Copy)]
struct Bounds {
    min: u16,
    /// `u16::MAX` for no most.
    max: u16,
    /// Whether `min` holds on a day without lessons too.
    every_day: bool,
}

impl Mirror for LessonsPerDay {
    type Constraint = horarium_core::constraints::LessonsPerDay;
    type State = ();

    fn new(problem: &Problem) -> Self {
        LessonsPerDay { rules: RowRules::new(), n_days: problem.calendar().days, empty: Delta::ZERO }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let bounds = Bounds { min: constraint.min, max: constraint.max.unwrap_or(u16::MAX), every_day: constraint.every_day };
        let rows = self.rules.add_counting(build.rows, build.problem, constraint.who, constraint.courses.as_deref(), bounds, mult);
        let empty_day = load_amount(0, bounds) * i64::from(self.n_days);
        self.empty += Delta::of(empty_day * i64::try_from(rows).unwrap_or(i64::MAX), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    fn empty_cost(&self) -> Delta {
        self.empty
    }

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.rules.price(change, |rule, day: &DayChange| load_amount(day.load.1, rule) - load_amount(day.load.0, rule))
    }
}

/// Units for a day with `load` busy periods under `bounds`: none on a free day unless the least
/// holds on every day.
#[inline]
fn load_amount(load: u16, bounds: Bounds) -> i64 {
    if load == 0 && !bounds.every_day {
        return 0;
    }
    i64::from(bounds.min.saturating_sub(load)) + i64::from(load.saturating_sub(bounds.max))
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::{load_amount, Bounds};
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn a_free_day_costs_nothing_and_a_busy_one_its_distance_to_the_bounds() {
        let bounds = |min, max| Bounds { min, max, every_day: false };
        assert_eq!(load_amount(0, bounds(3, 5)), 0);
        assert_eq!(load_amount(1, bounds(3, 5)), 2);
        assert_eq!(load_amount(4, bounds(3, 5)), 0);
        assert_eq!(load_amount(7, bounds(3, 5)), 2);
        assert_eq!(load_amount(9, bounds(0, u16::MAX)), 0);
        assert_eq!(load_amount(0, Bounds { min: 3, max: 5, every_day: true }), 3);
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

    #[test]
    fn with_every_day_a_free_day_costs_the_least() {
        let problem =
            school_with(r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "min": 1, "every_day": true}"#);
        // Three free days cost 3; each day that gets a lesson costs one less.
        let ops = [Add("Math", 0, 0, 0, Some("R1")), Add("Math", 1, 0, 1, Some("R1")), Add("Math", 2, 1, 0, Some("R1")), Remove("Math", 0)];
        assert_eq!(run(&problem, &ops, Kind::LessonsPerDay), [3, 2, 2, 1, 1].map(hard));
    }

    #[test]
    fn a_rule_on_some_courses_counts_their_lessons_only() {
        let problem = school_with(
            r#"{"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "max": 1, "courses": ["Math"]},
                                     {"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Ann"}, "max": 2}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Bio's double: three periods on Mon, one over the rule on all lessons.
            Add("Bio", 0, 0, 1, Some("R2")),
            // A second Math: one over each rule.
            Add("Math", 1, 0, 3, Some("R1")),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::LessonsPerDay), [0, 0, 1, 3, 1].map(hard));
    }
}
