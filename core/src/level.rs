//! How much a constraint matters: `Hard`, or `Soft` with a weight.

use std::num::NonZeroU32;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The level of a constraint.
///
/// Every violation has an `amount` (one clash, two missing days, 14 students over capacity).
/// A `Hard` constraint adds the amount to the hard total; a `Soft(w)` constraint adds
/// `w * amount` to the soft total. A timetable is feasible when its hard total is zero.
///
/// JSON: `"hard"` or `{"soft": 5}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Must hold; each unit of violation counts one in the hard total.
    Hard,
    /// Should hold; each unit of violation costs the weight in the soft total.
    Soft(NonZeroU32),
}

impl Level {
    /// A soft level; `None` for a zero weight, which would make the constraint meaningless.
    pub fn soft(weight: u32) -> Option<Self> {
        NonZeroU32::new(weight).map(Level::Soft)
    }

    /// The cost of `amount` units of violation at this level, as (hard, soft).
    #[inline]
    pub fn cost(self, amount: u64) -> (u64, u64) {
        match self {
            Level::Hard => (amount, 0),
            Level::Soft(w) => (0, u64::from(w.get()) * amount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        assert_eq!(serde_json::to_string(&Level::Hard).unwrap(), r#""hard""#);
        assert_eq!(serde_json::to_string(&Level::soft(5).unwrap()).unwrap(), r#"{"soft":5}"#);
        assert!(serde_json::from_str::<Level>(r#"{"soft":0}"#).is_err());
        assert_eq!(Level::soft(2).unwrap().cost(3), (0, 6));
        assert_eq!(Level::Hard.cost(3), (3, 0));
    }
}
