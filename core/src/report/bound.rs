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

    /// How far a timetable without hard violations of soft cost `soft` can be from the best:
    /// `Some(0)` when it meets the bound (it is optimal), None when there is no bound.
    pub fn gap(&self, soft: u64) -> Option<u64> {
        self.soft.map(|bound| soft.saturating_sub(bound))
    }

    /// One sentence on a timetable without hard violations of soft cost `soft` against the bound.
    pub fn against(&self, soft: u64) -> String {
        match (self.soft, self.gap(soft)) {
            (Some(bound), Some(0)) => format!("optimal: the soft cost {soft} equals the proved lower bound {bound}"),
            (Some(bound), Some(gap)) => {
                #[allow(clippy::cast_precision_loss, reason = "a percentage")]
                let percent = gap as f64 / soft as f64 * 100.0;
                format!("gap {gap} ({percent:.1} % of {soft}) to the proved lower bound {bound}")
            }
            _ => "no lower bound".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BoundReport;

    fn report(soft: Option<u64>) -> BoundReport {
        BoundReport {
            feasible: soft.is_some(),
            soft,
            exact: false,
            method: "m".to_owned(),
            variables: 1,
            integer_variables: 1,
            rows: 1,
            priced: Vec::new(),
            relaxed: Vec::new(),
            seconds: 0.0,
        }
    }

    #[test]
    fn a_timetable_at_the_bound_is_optimal_and_above_it_has_a_gap() {
        let five = report(Some(5));
        assert_eq!(five.gap(5), Some(0));
        assert_eq!(five.against(5), "optimal: the soft cost 5 equals the proved lower bound 5");
        assert_eq!(five.gap(8), Some(3));
        assert_eq!(five.against(8), "gap 3 (37.5 % of 8) to the proved lower bound 5");
        assert_eq!(report(None).gap(8), None);
    }
}
