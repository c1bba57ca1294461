//! Delta of `busy_groups`: per row and rule, the busy slots in each group and the groups busy,
//! read off the rows layer.

use horarium_core::constraints::GroupLimits;
use horarium_core::Problem;

use super::rows::{RowChange, RowRules};
use super::slot_groups::{outside, GroupsBySlot};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

/// The least and most of `limits`, the most `u16::MAX` when unbounded.
fn bounds(limits: &GroupLimits) -> (u16, u16) {
    (limits.min, limits.max.unwrap_or(u16::MAX))
}

/// What `busy_groups` and `busy_per_group` keep: per rule its groups and bounds, per row its
/// rules with where their counters start.
pub(crate) struct RowGroups {
    rules: Vec<(GroupsBySlot, u16, u16)>,
    /// Per row: (rule, first counter) at a level.
    on_rows: RowRules<(u32, u32)>,
    n_counters: u32,
    n_slots: usize,
}

impl RowGroups {
    pub(crate) fn new(problem: &Problem) -> Self {
        RowGroups { rules: Vec::new(), on_rows: RowRules::new(), n_counters: 0, n_slots: problem.calendar().n_slots() }
    }

    /// Adds a rule on the rows of `limits.who`, with one counter per group and one more (the
    /// groups busy) per row; returns how many rows.
    pub(crate) fn add(&mut self, build: &mut Build<'_>, limits: &GroupLimits, mult: Mult) -> usize {
        #[allow(clippy::cast_possible_truncation, reason = "rules fit u32")]
        let k = self.rules.len() as u32;
        let (min, max) = bounds(limits);
        self.rules.push((GroupsBySlot::new(&limits.groups, self.n_slots), min, max));
        #[allow(clippy::cast_possible_truncation, reason = "groups fit u32")]
        let per_row = limits.groups.len() as u32 + 1;
        let who = limits.who;
        let mut next = self.n_counters;
        let rows = self.on_rows.add_each(
            build.rows,
            build.problem,
            who,
            |_| {
                let first = next;
                next += per_row;
                (k, first)
            },
            mult,
        );
        self.n_counters = next;
        rows
    }

    pub(crate) fn counters(&self) -> Vec<u16> {
        vec![0; self.n_counters as usize]
    }

    /// For a row that became busy or free at a slot: per rule on it, `price(bounds, counters of
    /// the row, the groups holding the slot, busy)` in units, at the rule's level.
    #[inline]
    pub(crate) fn change(
        &self,
        counters: &mut [u16],
        change: &RowChange,
        price: impl Fn((u16, u16), &mut [u16], &[u16], usize, bool) -> i64,
    ) -> Delta {
        if change.day.is_none() {
            return Delta::ZERO;
        }
        let busy = change.count_after > 0;
        let mut res = Delta::ZERO;
        for &((k, first), mult) in self.on_rows.of_row(change.row) {
            let (groups, min, max) = &self.rules[k as usize];
            let held = groups.at(change.slot);
            if held.is_empty() {
                continue;
            }
            let mine = &mut counters[first as usize..first as usize + groups.n_groups() + 1];
            res += Delta::of(price((*min, *max), mine, held, groups.n_groups(), busy), mult);
        }
        res
    }
}

pub(crate) struct BusyGroups {
    groups: RowGroups,
    empty: Delta,
}

impl Mirror for BusyGroups {
    type Constraint = horarium_core::constraints::BusyGroups;
    /// Per row and rule: the busy slots of each group, then the groups busy.
    type State = Vec<u16>;

    fn new(problem: &Problem) -> Self {
        BusyGroups { groups: RowGroups::new(problem), empty: Delta::ZERO }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rows = self.groups.add(build, &constraint.limits, mult);
        let (min, max) = bounds(&constraint.limits);
        self.empty += Delta::of(outside(0, min, max) * i64::try_from(rows).unwrap_or(i64::MAX), mult);
    }

    fn new_state(&self, _n_slots: usize) -> Vec<u16> {
        self.groups.counters()
    }

    fn empty_cost(&self) -> Delta {
        self.empty
    }

    #[inline]
    fn row_change(&self, state: &mut Vec<u16>, change: &RowChange) -> Delta {
        self.groups.change(state, change, |(min, max), counters, held, n, busy| {
            let used_before = counters[n];
            for &g in held {
                let c = &mut counters[usize::from(g)];
                if busy {
                    *c += 1;
                    counters[n] += u16::from(counters[usize::from(g)] == 1);
                } else {
                    *c -= 1;
                    counters[n] -= u16::from(counters[usize::from(g)] == 0);
                }
            }
            outside(counters[n], min, max) - outside(used_before, min, max)
        })
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_follows_the_groups_each_row_is_busy_in() {
        let problem = school_with(
            r#"{"kind": "busy_groups", "level": "hard", "who": {"teacher": "Ann"}, "min": 1, "max": 1,
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}, {"slots": [{"day": 1, "period": 0}, {"day": 0, "period": 1}]}]}"#,
        );
        let ops = [Add("Math", 0, 0, 0, Some("R1")), Add("Math", 1, 0, 1, Some("R1")), Remove("Math", 0), Remove("Math", 1)];
        let cost = |hard| Cost { hard, soft: 0 };
        // Nothing: one group short. Mon 0: one group. Mon 1 is in both groups: one over.
        assert_eq!(run(&problem, &ops, Kind::BusyGroups), [cost(1), cost(0), cost(1), cost(1), cost(1)]);
    }
}
