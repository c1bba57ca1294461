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
    fn row_change(&self, change: &RowChange) -> Delta {
        self.0.price(change, |rule, day: &DayChange| match rule {
            (Per::Day, max) => excess(day.idle.1, max) - excess(day.idle.0, max),
            (Per::Week, max) => excess(day.week_idle.1, max) - excess(day.week_idle.0, max),
        })
    }
}
