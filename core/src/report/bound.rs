//! A lower bound on the soft cost and how it was proved: [`BoundReport`].

use serde::{Deserialize, Serialize};

/// What the exact layer proved about a problem's soft cost.
///
/// JSON: `{"feasible": true, "soft": 5, "exact": true, "method": "period model ...",
/// "variables": 1200, "integer_variables": 400, "rows": 900, "priced": ["room_capacity"],
/// "relaxed": ["room_stability"], "seconds": 0.4}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoundReport {
    /// False when no timetable without hard violations exists (the model is infeasible).
    pub feasible: bool,
    /// Every timetable without hard violations costs at least this much soft cost (absent when
    /// there is no such timetable).
    pub soft: Option<u64>,
    /// Whether the model was solved to optimality: more time cannot raise the bound.
    pub exact: bool,
    /// The model, in a few words.
    pub method: String,
    /// Columns of the model.
    pub variables: usize,
    /// Integer columns among them.
    pub integer_variables: usize,
    /// Rows of the model.
    pub rows: usize,
    /// The kinds whose cost the model counts, by catalog name.
    pub priced: Vec<String>,
    /// The soft kinds of the problem whose cost the model leaves at zero.
    pub relaxed: Vec<String>,
    /// Time spent, in seconds.
    pub seconds: f64,
}

impl BoundReport {
    /// One sentence: the bound and how much of the problem it covers.
    pub fn sentence(&self) -> String {
        match self.soft {
            None => "no timetable without hard violations exists: even the relaxation has none".to_owned(),
            Some(soft) => {
                let how = if self.exact { "the relaxation's optimum" } else { "the best bound within the time limit" };
                format!("every timetable without hard violations has a soft cost of at least {soft} ({how})")
            }
        }
    }
}
