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
    fn row_change(&self, change: &RowChange) -> Delta {
        self.0.price(change, |rule, day: &DayChange| excess(u32::from(day.days_used.1), rule) - excess(u32::from(day.days_used.0), rule))
    }
}
