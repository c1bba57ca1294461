//! Delta of `idle_gaps`: idle periods between lessons, per day or per week, read off the rows layer.

use horarium_core::constraints::Per;
use horarium_core::Problem;

use super::rows::{excess, RowChange};
use super::{Build, Mirror};
use crate::compile::{Delta, Mult};

/// Per row (teacher or leaf group), the limits on its idle periods: per day or per week, and the most allowed.
pub(crate) struct IdleGaps {
    rules: Vec<Vec<((Per, u16), Mult)>>,
}

impl Mirror for IdleGaps {
    type Constraint = horarium_core::constraints::IdleGaps;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        IdleGaps { rules: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rows = build.rows.watch(build.problem, constraint.who);
        if self.rules.is_empty() {
            self.rules = vec![Vec::new(); build.rows.n_rows()];
        }
        for r in rows {
            self.rules[r as usize].push(((constraint.per, constraint.max), mult));
        }
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, change: &RowChange) -> Delta {
        let (Some(day), Some(rules)) = (change.day, self.rules.get(change.row)) else { return Delta::ZERO };
        let mut res = Delta::ZERO;
        for &(rule, mult) in rules {
            res += Delta::of(
                match rule {
                    (Per::Day, max) => excess(day.idle.1, max) - excess(day.idle.0, max),
                    (Per::Week, max) => excess(day.week_idle.1, max) - excess(day.week_idle.0, max),
                },
                mult,
            );
        }
        res
    }
}
