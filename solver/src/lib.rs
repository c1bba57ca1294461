//! horarium: the Horarium timetabling engine.
//!
//! [`solve`] takes a [`Problem`] and [`SolveOptions`] and returns a [`Solution`]: the best
//! [`Timetable`] found, its [`Score`] and search [`Statistics`]. The search compiles the problem
//! into flat arrays, constructs a first timetable, and improves it by simulated annealing with
//! exact incremental costs, optionally on several threads that share their best.
//! This crate re-exports the model, formats and scorer of `horarium-core`.
//!
//! ```
//! use std::time::Duration;
//! use horarium::{formats::ctt, solve, SolveOptions};
//!
//! let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
//! let options = SolveOptions { time_limit: Some(Duration::from_millis(100)), seed: 7, ..SolveOptions::default() };
//! let solution = horarium::solve(&problem, &options);
//! assert_eq!(solution.score.cost.hard, 0);
//! println!("soft cost {} after {} moves", solution.score.cost.soft, solution.statistics.moves_tried);
//! # Ok::<(), horarium::Error>(())
//! ```

#![deny(missing_docs)]

pub use horarium_core::*;

mod anneal;
#[doc(hidden)]
pub mod bench_api;
mod compile;
mod construct;
mod cost;
mod deltas;
#[cfg(feature = "exact")]
pub mod exact;
pub mod generate;
mod graph;
mod options;
mod placement;
pub mod render;
pub mod resolve;
mod rng;
mod solve;
mod state;
pub mod xhstt;

pub use horarium_core::report::{Progress, SolveStatus, Statistics};
pub use options::{Solution, SolveOptions};
pub use solve::{solve, solve_checked, solve_with_progress};
