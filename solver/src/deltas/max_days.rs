//! Delta of `max_days`: days with lessons over the week, at most a number, read off the rows layer.

use horarium_core::Problem;

use super::rows::{excess, RowChange};
use super::{Build, Mirror};
use crate::compile::{Delta, Mult};

/// Per row (teacher or leaf group), the most days with lessons.
pub(crate) struct MaxDays {
    rules: Vec<Vec<(u16, Mult)>>,
}

impl Mirror for MaxDays {
    type Constraint = horarium_core::constraints::MaxDays;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        MaxDays { rules: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rows = build.rows.watch(build.problem, constraint.who);
        if self.rules.is_empty() {
            self.rules = vec![Vec::new(); build.rows.n_rows()];
        }
        for r in rows {
            self.rules[r as usize].push((constraint.days, mult));
        }
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, change: &RowChange) -> Delta {
        let (Some(day), Some(rules)) = (change.day, self.rules.get(change.row)) else { return Delta::ZERO };
        let mut res = Delta::ZERO;
        for &(rule, mult) in rules {
            res += Delta::of(excess(u32::from(day.days_used.1), rule) - excess(u32::from(day.days_used.0), rule), mult);
        }
        res
    }
}
