//! The week: days times periods, and the mapping between slots and (day, period).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ids::Slot;

/// The largest number of slots in a week; slots are stored in a `u16`.
pub const MAX_SLOTS: usize = u16::MAX as usize;

/// A week of `days` days with `periods_per_day` periods each.
///
/// A slot is `day * periods_per_day + period`, both counted from 0.
/// Names are optional and only used in messages and renderings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Number of teaching days in the week (or in the cycle, e.g. 10 for an A/B fortnight).
    pub days: u16,
    /// Number of periods in every day.
    pub periods_per_day: u16,
    /// Optional day names, one per day ("Mon", "Tue", ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub day_names: Vec<String>,
    /// Optional period names, one per period ("08:00", ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub period_names: Vec<String>,
    /// Breaks: slots in which nobody has a lesson (a lunch break), and which are no idle period
    /// of a teacher or students either (FET's break times).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<SlotDef>,
}

/// A slot in the serde model: `{"day": 0, "period": 3}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotDef {
    /// Day, from 0.
    pub day: u16,
    /// Period of the day, from 0.
    pub period: u16,
}

impl Calendar {
    /// A calendar without names.
    pub fn new(days: u16, periods_per_day: u16) -> Self {
        Self { days, periods_per_day, day_names: Vec::new(), period_names: Vec::new(), breaks: Vec::new() }
    }

    /// Whether `slot` is a break.
    pub fn is_break(&self, slot: Slot) -> bool {
        self.breaks.iter().any(|b| self.slot(b.day, b.period) == Some(slot))
    }

    /// Whether the slots from index `from` up to `to` (not included) are all breaks: two lessons
    /// with only breaks between them are back to back. True when `from` is `to`.
    pub fn only_breaks(&self, from: usize, to: usize) -> bool {
        (from..to).all(|s| u16::try_from(s).is_ok_and(|s| self.is_break(Slot(s))))
    }

    /// Number of slots in the week.
    #[inline]
    pub fn n_slots(&self) -> usize {
        usize::from(self.days) * usize::from(self.periods_per_day)
    }

    /// The slot of `period` on `day`, or `None` when either is out of range.
    #[inline]
    pub fn slot(&self, day: u16, period: u16) -> Option<Slot> {
        (day < self.days && period < self.periods_per_day).then(|| Slot(day * self.periods_per_day + period))
    }

    /// The day a slot falls on.
    #[inline]
    pub fn day(&self, slot: Slot) -> u16 {
        slot.0 / self.periods_per_day
    }

    /// The period of its day a slot is.
    #[inline]
    pub fn period(&self, slot: Slot) -> u16 {
        slot.0 % self.periods_per_day
    }

    /// A human-readable name of a slot, such as "Tue 3" or "day 1 period 3".
    pub fn slot_label(&self, slot: Slot) -> String {
        let (day, period) = (self.day(slot), self.period(slot));
        let day = self.day_label(day);
        match self.period_names.get(usize::from(period)) {
            Some(name) => format!("{day} {name}"),
            None => format!("{day} period {period}"),
        }
    }

    /// A human-readable name of a period of the day, such as "09:50" or "period 3".
    pub fn period_label(&self, period: u16) -> String {
        self.period_names.get(usize::from(period)).cloned().unwrap_or_else(|| format!("period {period}"))
    }

    /// A human-readable name of a day, such as "Tue" or "day 1".
    pub fn day_label(&self, day: u16) -> String {
        self.day_names.get(usize::from(day)).cloned().unwrap_or_else(|| format!("day {day}"))
    }

    /// All slots of the week in order.
    pub fn slots(&self) -> impl Iterator<Item = Slot> {
        #[allow(clippy::cast_possible_truncation, reason = "n_slots <= MAX_SLOTS is checked when a problem is built")]
        (0..self.n_slots()).map(|s| Slot(s as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_map_to_day_and_period() {
        let cal = Calendar::new(5, 6);
        let s = cal.slot(2, 4).unwrap();
        assert_eq!(s, Slot(16));
        assert_eq!((cal.day(s), cal.period(s)), (2, 4));
        assert_eq!(cal.slot(5, 0), None);
        assert_eq!(cal.slot(0, 6), None);
        assert_eq!(cal.slot_label(s), "day 2 period 4");
    }
}
