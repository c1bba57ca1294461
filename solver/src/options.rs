//! What a caller can ask of a solve, and what it gets back.

use std::num::NonZeroUsize;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use horarium_core::{Cost, Score, Timetable};

/// Options of [`crate::solve`]. The search stops at the first limit reached.
#[derive(Clone, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit. Default: 10 seconds.
    pub time_limit: Option<Duration>,
    /// Limit on moves tried per thread; with one thread and no time limit the result depends only
    /// on the problem, the seed and this number. Default: none.
    pub max_iterations: Option<u64>,
    /// Stop as soon as a timetable at least this good is found. Default: none.
    pub target: Option<Cost>,
    /// Seed of the random choices; thread `i` uses a seed derived from `seed` and `i`. Default: 1.
    pub seed: u64,
    /// Number of independent searches run in parallel, sharing their best timetable. Default: 1.
    pub threads: NonZeroUsize,
    /// Set to `true` from anywhere to stop the search; the best timetable so far is returned. Default: none.
    pub cancel: Option<Arc<AtomicBool>>,
    /// A timetable to start from (warm start). Lessons it leaves unplaced are constructed. Default: none.
    pub initial: Option<Timetable>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Some(Duration::from_secs(10)),
            max_iterations: None,
            target: None,
            seed: 1,
            threads: NonZeroUsize::MIN,
            cancel: None,
            initial: None,
        }
    }
}

/// A report on a running search, passed to the progress callback.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Time since the solve started.
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

/// Why the search stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// Measurements of a finished search.
#[derive(Clone, Debug, PartialEq)]
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
    pub time_to_first_feasible: Option<Duration>,
    /// When the returned timetable was found.
    pub time_of_best: Duration,
    /// Total wall time.
    pub elapsed: Duration,
    /// Threads used.
    pub threads: usize,
}

/// The result of [`crate::solve`].
#[derive(Clone, Debug)]
pub struct Solution {
    /// The best timetable found.
    pub timetable: Timetable,
    /// Its score, computed by the core scorer from scratch.
    pub score: Score,
    /// Why the search stopped.
    pub status: SolveStatus,
    /// Measurements.
    pub statistics: Statistics,
}
