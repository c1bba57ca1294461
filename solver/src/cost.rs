//! Costs inside the search: a signed `(hard, soft)` pair and the multipliers of a level.
//!
//! A module of its own, depending on nothing of the crate, because every layer prices in these
//! units: the kinds in `deltas/`, the compiled problem built from them, and the search state and
//! loop above both.

/// A `(hard, soft)` pair of signed costs: a delta or a running total inside the search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Delta {
    pub(crate) hard: i64,
    pub(crate) soft: i64,
}

impl Delta {
    pub(crate) const ZERO: Delta = Delta { hard: 0, soft: 0 };

    /// The cost of `amount` units at a level given as multipliers.
    #[inline]
    pub(crate) fn of(amount: i64, mult: Mult) -> Delta {
        Delta { hard: amount * mult.hard, soft: amount * mult.soft }
    }

    /// The single number simulated annealing compares: hard units weighted by `hard_weight`.
    #[inline]
    pub(crate) fn weighted(self, hard_weight: i64) -> i64 {
        self.hard * hard_weight + self.soft
    }
}

impl std::ops::AddAssign for Delta {
    #[inline]
    fn add_assign(&mut self, rhs: Delta) {
        self.hard += rhs.hard;
        self.soft += rhs.soft;
    }
}

impl std::ops::Neg for Delta {
    type Output = Delta;
    #[inline]
    fn neg(self) -> Delta {
        Delta { hard: -self.hard, soft: -self.soft }
    }
}

/// A level as multipliers: `Hard` is (1, 0), `Soft(w)` is (0, w); several constraints of a kind add up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mult {
    pub(crate) hard: i64,
    pub(crate) soft: i64,
}

impl Mult {
    pub(crate) fn of(level: horarium_core::Level) -> Mult {
        let (hard, soft) = level.cost(1);
        #[allow(clippy::cast_possible_wrap, reason = "weights are u32")]
        Mult { hard: hard as i64, soft: soft as i64 }
    }

    pub(crate) fn is_zero(self) -> bool {
        self.hard == 0 && self.soft == 0
    }
}

impl std::ops::AddAssign for Mult {
    fn add_assign(&mut self, rhs: Mult) {
        self.hard += rhs.hard;
        self.soft += rhs.soft;
    }
}
