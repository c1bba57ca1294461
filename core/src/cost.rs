//! What a timetable costs: [`Cost`], and the [`Score`] that breaks it down by kind and violation.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{LessonId, Resource, Slot};
use crate::kind::Kind;
use crate::level::Level;

/// A cost: hard violations first, then soft cost. Compares lexicographically, hard first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cost {
    /// Sum of the amounts of hard violations; zero means feasible.
    pub hard: u64,
    /// Weighted sum of the amounts of soft violations.
    pub soft: u64,
}

impl Cost {
    /// Whether no hard constraint is violated.
    pub fn is_feasible(&self) -> bool {
        self.hard == 0
    }
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hard {} soft {}", self.hard, self.soft)
    }
}

/// One violated rule, with everything involved in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// What kind of rule.
    pub kind: Kind,
    /// Index of the constraint in [`crate::Problem::constraints`], or `None` for a built-in rule.
    pub constraint: Option<usize>,
    /// The rule's level.
    pub level: Level,
    /// Units of violation (clashes, missing days, students without a seat).
    pub amount: u64,
    /// What it adds to the total.
    pub cost: Cost,
    /// Lessons involved.
    pub lessons: Vec<LessonId>,
    /// Slots involved.
    pub slots: Vec<Slot>,
    /// Teachers, groups, rooms and courses involved.
    pub resources: Vec<Resource>,
    /// One sentence for a person.
    pub message: String,
}

/// The cost of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KindCost {
    /// The kind.
    pub kind: Kind,
    /// What violations of this kind add to the totals.
    pub cost: Cost,
}

/// The evaluation of a timetable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Totals.
    pub cost: Cost,
    /// Totals per kind, in [`crate::CATALOG`] order, for every kind the problem uses (and the built-in rules).
    pub by_kind: Vec<KindCost>,
    /// Every violation.
    pub violations: Vec<Violation>,
}

impl Score {
    /// The cost of one kind (zero if the problem does not use it).
    pub fn of_kind(&self, kind: Kind) -> Cost {
        self.by_kind.iter().find(|k| k.kind == kind).map_or(Cost::default(), |k| k.cost)
    }
}
