//! Delta of `idle_gaps`: idle periods between lessons, per day or per week, read off the rows layer.

use horarium_core::constraints::Per;
use horarium_core::Problem;

use super::rows::{excess, DayChange, RowChange, RowRules};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// Per row (teacher or leaf group), the limits on its idle periods: per day or per week, and the most allowed.
pub(crate) struct IdleGaps(RowRules<(Per, u16)>);

impl Mirror for IdleGaps {
    type Constraint = horarium_core::constraints::IdleGaps;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        IdleGaps(RowRules::new())
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.0.add(build.rows, build.problem, constraint.who, (constraint.per, constraint.max), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, _state: &mut Self::State, change: &RowChange) -> Delta {
        self.0.price(change, |rule, day: &DayChange| match rule {
            (Per::Day, max) => excess(day.idle.1, max) - excess(day.idle.0, max),
            (Per::Week, max) => excess(day.week_idle.1, max) - excess(day.week_idle.0, max),
        })
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
