//! Delta of `busy_per_group`: per row and rule, the busy slots in each group, read off the rows
//! layer (see `busy_groups.rs`, which keeps the counters of both).

use horarium_core::Problem;

use super::busy_groups::RowGroups;
use super::rows::RowChange;
use super::slot_groups::outside;
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

pub(crate) struct BusyPerGroup {
    groups: RowGroups,
}

/// The units of a group with `busy` busy slots: none when it has none.
#[inline]
fn units(busy: u16, min: u16, max: u16) -> i64 {
    if busy == 0 {
        0
    } else {
        outside(busy, min, max)
    }
}

impl Mirror for BusyPerGroup {
    type Constraint = horarium_core::constraints::BusyPerGroup;
    /// Per row and rule: the busy slots of each group.
    type State = Vec<u16>;

    fn new(problem: &Problem) -> Self {
        BusyPerGroup { groups: RowGroups::new(problem) }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.groups.add(build, &constraint.limits, mult);
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u16> {
        self.groups.counters()
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u16>, change: &RowChange) -> Delta {
        self.groups.change(state, change, |(min, max), counters, held, _n, busy| {
            let mut res = 0;
            for &g in held {
                let c = &mut counters[usize::from(g)];
                let before = *c;
                *c = if busy { before + 1 } else { before - 1 };
                res += units(*c, min, max) - units(before, min, max);
            }
            res
        })
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_judges_only_the_groups_busy_at_all() {
        let problem = school_with(
            r#"{"kind": "busy_per_group", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "min": 2, "max": 2,
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            Add("Math", 2, 0, 2, Some("R1")),
            Remove("Math", 0),
            Remove("Math", 1),
            Remove("Math", 2),
        ];
        let cost = |soft| Cost { hard: 0, soft };
        assert_eq!(run(&problem, &ops, Kind::BusyPerGroup), [cost(0), cost(3), cost(0), cost(3), cost(0), cost(3), cost(0)]);
    }
}
