//! The pre-analysis's reasons with names: [`AnalysisReport`].

use serde::{Deserialize, Serialize};

use crate::analysis::{Infeasible, Reason};
use crate::entities::Entities;
use crate::report::ResourceRef;

/// Why a problem provably has no timetable without hard violations; no reasons proves nothing.
///
/// JSON: `{"feasible": false, "reasons": [{"reason": "teacher_overbooked", "resources":
/// [{"type": "teacher", "name": "Ada"}], "message": "teacher Ada has ..."}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisReport {
    /// Whether no reason was found (the search may still find no timetable without hard violations).
    pub feasible: bool,
    /// Every reason found.
    pub reasons: Vec<ReasonReport>,
}

/// One reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonReport {
    /// The kind of reason.
    pub reason: Reason,
    /// The teachers, groups, rooms and courses involved.
    pub resources: Vec<ResourceRef>,
    /// One sentence for a person.
    pub message: String,
}

impl AnalysisReport {
    /// The report of the pre-analysis's outcome on `problem`.
    pub fn new(problem: &Entities, outcome: &Result<(), Infeasible>) -> Self {
        let reasons: Vec<ReasonReport> = match outcome {
            Ok(()) => Vec::new(),
            Err(e) => e
                .reasons
                .iter()
                .map(|r| ReasonReport {
                    reason: r.reason,
                    resources: r.resources.iter().map(|&x| ResourceRef::new(problem, x)).collect(),
                    message: r.message.clone(),
                })
                .collect(),
        };
        AnalysisReport { feasible: reasons.is_empty(), reasons }
    }
}
