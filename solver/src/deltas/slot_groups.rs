//! What `spread`, `lesson_spread`, `max_groups_used`, `busy_groups` and `busy_per_group` share:
//! each rule's groups of slots, looked up by slot, and counts of lessons starting in them.

use horarium_core::constraints::SlotGroup;

use crate::cost::{Delta, Mult};

/// One rule's groups: per slot, the groups holding it.
pub(crate) struct GroupsBySlot {
    /// Per slot: the positions, among the rule's groups, of those holding it.
    at: Vec<Vec<u16>>,
    n_groups: u16,
}

impl GroupsBySlot {
    pub(crate) fn new(groups: &[SlotGroup], n_slots: usize) -> Self {
        let mut at = vec![Vec::new(); n_slots];
        for (g, group) in groups.iter().enumerate() {
            for s in &group.slots {
                #[allow(clippy::cast_possible_truncation, reason = "a rule has fewer groups than slots times rules, far below 2^16")]
                at[s.index()].push(g as u16);
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "as above")]
        GroupsBySlot { at, n_groups: groups.len() as u16 }
    }

    /// The groups holding `slot`.
    #[inline]
    pub(crate) fn at(&self, slot: usize) -> &[u16] {
        &self.at[slot]
    }

    pub(crate) fn n_groups(&self) -> usize {
        usize::from(self.n_groups)
    }
}

/// How far `value` lies outside `[min, max]`, in units.
#[inline]
pub(crate) fn outside(value: u16, min: u16, max: u16) -> i64 {
    i64::from(min.saturating_sub(value)) + i64::from(value.saturating_sub(max))
}

/// What `spread` and `lesson_spread` share: rules that count the lessons starting in each of
/// their groups, each group with a least and a most, the lessons a rule counts picked by a key
/// (a course, a lesson).
pub(crate) struct GroupCounts {
    rules: Vec<CountingRule>,
    /// Per key: the rules counting its lessons.
    of_key: Vec<Vec<u32>>,
    n_slots: usize,
    n_counters: u32,
    empty: Delta,
}

/// One rule: its groups by slot, each group's bounds, where its counters start, its level.
struct CountingRule {
    groups: GroupsBySlot,
    bounds: Vec<(u16, u16)>,
    first: u32,
    mult: Mult,
}

impl GroupCounts {
    pub(crate) fn new(n_keys: usize, n_slots: usize) -> Self {
        GroupCounts { rules: Vec::new(), of_key: vec![Vec::new(); n_keys], n_slots, n_counters: 0, empty: Delta::ZERO }
    }

    /// A rule counting the lessons of `keys` in `groups`, the k-th within `bounds[k]`.
    pub(crate) fn add(&mut self, keys: impl IntoIterator<Item = usize>, groups: &[SlotGroup], bounds: Vec<(u16, u16)>, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "rules and groups fit u32")]
        let k = self.rules.len() as u32;
        for key in keys {
            self.of_key[key].push(k);
        }
        for &(min, max) in &bounds {
            self.empty += Delta::of(outside(0, min, max), mult);
        }
        self.rules.push(CountingRule { groups: GroupsBySlot::new(groups, self.n_slots), bounds, first: self.n_counters, mult });
        #[allow(clippy::cast_possible_truncation, reason = "as above")]
        {
            self.n_counters += groups.len() as u32;
        }
    }

    /// Per group of every rule, no lesson counted.
    pub(crate) fn new_counts(&self) -> Vec<u16> {
        vec![0; self.n_counters as usize]
    }

    /// The cost with nothing placed: every least unmet.
    pub(crate) fn empty_cost(&self) -> Delta {
        self.empty
    }

    /// A lesson of `key` starts (or stops starting) at `slot`; the change of cost.
    #[inline]
    pub(crate) fn count(&self, counts: &mut [u16], key: usize, slot: u16, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.of_key[key] {
            let rule = &self.rules[k as usize];
            for &g in rule.groups.at(usize::from(slot)) {
                let (min, max) = rule.bounds[usize::from(g)];
                let count = &mut counts[(rule.first + u32::from(g)) as usize];
                let before = *count;
                *count = if entering { before + 1 } else { before - 1 };
                res += Delta::of(outside(*count, min, max) - outside(before, min, max), rule.mult);
            }
        }
        res
    }
}
