//! A solve's status, statistics and progress, and the report of a finished solve.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::cost::Cost;
use crate::formats::json::TimetableDef;
use crate::report::ScoreReport;

/// Why a search stopped. JSON and every adapter spell it in `snake_case`: `"time_limit"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    /// The target cost was reached.
    TargetReached,
    /// The time limit was reached.
    TimeLimit,
    /// The iteration limit was reached.
    IterationLimit,
    /// The cancellation flag was set.
    Cancelled,
}

impl SolveStatus {
    /// Every status, in declaration order.
    pub const ALL: [SolveStatus; 4] =
        [SolveStatus::TargetReached, SolveStatus::TimeLimit, SolveStatus::IterationLimit, SolveStatus::Cancelled];

    /// The status's one spelling: `target_reached`, `time_limit`, `iteration_limit`, `cancelled`.
    pub fn name(self) -> &'static str {
        match self {
            SolveStatus::TargetReached => "target_reached",
            SolveStatus::TimeLimit => "time_limit",
            SolveStatus::IterationLimit => "iteration_limit",
            SolveStatus::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for SolveStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Measurements of a finished search; durations are seconds in JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    /// Moves tried, summed over threads.
    pub moves_tried: u64,
    /// Moves accepted, summed over threads.
    pub moves_accepted: u64,
    /// Moves tried per second, summed over threads.
    pub moves_per_second: f64,
    /// Moves accepted per second, summed over threads.
    pub accepted_per_second: f64,
    /// When the first timetable without hard violations was found, if one was.
    #[serde(with = "seconds_opt")]
    pub time_to_first_feasible: Option<Duration>,
    /// When the returned timetable was found.
    #[serde(with = "seconds")]
    pub time_of_best: Duration,
    /// Total wall time.
    #[serde(with = "seconds")]
    pub elapsed: Duration,
    /// Threads used.
    pub threads: usize,
    /// Repairs tried by the repairing thread (a few lessons freed and placed again by an
    /// integer program); 0 when no thread repairs.
    #[serde(default)]
    pub repairs: u64,
    /// Repairs that gave a better timetable.
    #[serde(default)]
    pub repairs_improved: u64,
}

/// A report on a running search, passed to the progress callback; durations are seconds in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Time since the solve started.
    #[serde(with = "seconds")]
    pub elapsed: Duration,
    /// The best cost found by any thread so far.
    pub best: Cost,
    /// Moves tried per second per thread, since the start.
    pub moves_per_second: f64,
    /// Moves tried by the reporting thread.
    pub iterations: u64,
    /// Fraction of the budget (time or iterations) used, from 0 to 1.
    pub fraction: f64,
}

/// A finished solve: why it stopped, what it measured, the timetable and its score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolveReport {
    /// Why the search stopped.
    pub status: SolveStatus,
    /// Measurements.
    pub statistics: Statistics,
    /// The timetable's score, computed from scratch.
    pub score: ScoreReport,
    /// The timetable, in Horarium JSON's model.
    pub timetable: TimetableDef,
}

mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs = f64::deserialize(d)?;
        Duration::try_from_secs_f64(secs).map_err(serde::de::Error::custom)
    }
}

mod seconds_opt {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.as_secs_f64()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Option::<f64>::deserialize(d)?.map(Duration::try_from_secs_f64).transpose().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_one_spelling_in_json_and_in_text() {
        for status in SolveStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.name());
            assert_eq!(status.to_string(), status.name());
        }
    }

    #[test]
    fn durations_are_seconds() {
        let s = Statistics {
            moves_tried: 10,
            moves_accepted: 4,
            moves_per_second: 5.0,
            accepted_per_second: 2.0,
            time_to_first_feasible: None,
            time_of_best: Duration::from_millis(1500),
            elapsed: Duration::from_secs(2),
            threads: 1,
            repairs: 3,
            repairs_improved: 1,
        };
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["time_of_best"], 1.5);
        assert_eq!(json["time_to_first_feasible"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<Statistics>(json).unwrap(), s);
    }
}
