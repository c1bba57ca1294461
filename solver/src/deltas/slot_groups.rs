//! What `spread`, `busy_groups` and `busy_per_group` share: each rule's groups of slots, looked
//! up by slot.

use horarium_core::constraints::SlotGroup;

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
