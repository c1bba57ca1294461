//! What a caller can ask of a solve, and what it gets back.
//!
//! The parameters that can be written down, their defaults and bounds, and the shapes of the
//! status, statistics and progress are core's ([`horarium_core::report`]), so that every adapter
//! reads and writes the same; this module adds what only a running program has: a cancellation
//! flag and a timetable to start from.

use std::num::NonZeroUsize;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use horarium_core::formats::json;
use horarium_core::report::{ParameterError, ScoreReport, SolveParameters, SolveReport, SolveStatus, Statistics};
use horarium_core::{Cost, Problem, Score, Timetable};

/// Options of [`crate::solve`]. The search stops at the first limit reached.
///
/// Build them from [`SolveParameters`] with [`SolveOptions::new`], which checks the bounds; the
/// defaults are [`SolveParameters::default`]'s.
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
    /// With two threads or more and the `exact` feature, the last thread repairs the shared best
    /// timetable with integer programs (a few lessons freed at a time, placed again by HiGHS)
    /// instead of annealing. Default: false, until it beats a second annealing thread
    /// (BENCHMARKS.md); a repair cannot be interrupted, so with it a stop may wait up to 3 s.
    pub repair: bool,
}

impl Default for SolveOptions {
    /// [`SolveParameters::default`]: 10 seconds, seed 1, one thread.
    fn default() -> Self {
        SolveOptions::new(&SolveParameters::default()).expect("the default parameters are within their bounds")
    }
}

impl SolveOptions {
    /// The options of `parameters`, checked against their bounds ([`SolveParameters::check`]),
    /// without a cancellation flag or a timetable to start from.
    pub fn new(parameters: &SolveParameters) -> Result<SolveOptions, ParameterError> {
        parameters.check()?;
        Ok(SolveOptions {
            time_limit: parameters.time_limit.map(Duration::from_secs_f64),
            max_iterations: parameters.iterations,
            target: parameters.target,
            seed: parameters.seed,
            threads: NonZeroUsize::new(parameters.threads).expect("check() refuses zero threads"),
            cancel: None,
            initial: None,
            repair: false,
        })
    }
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

impl Solution {
    /// The solution's report, naming everything as `problem` (the problem solved) does.
    pub fn report(&self, problem: &Problem) -> SolveReport {
        SolveReport {
            status: self.status,
            statistics: self.statistics.clone(),
            score: ScoreReport::new(problem, &self.score),
            timetable: json::timetable_to_def(problem, &self.timetable),
        }
    }
}
