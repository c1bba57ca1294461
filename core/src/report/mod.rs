//! The engine's reports in one serialisable shape, which every adapter (the CLI, Python, Node,
//! the browser and the platform) writes as it is and never rebuilds.
//!
//! Inside the engine, scores and reasons name things by dense id; a report names them as the
//! problem does (course and lesson index, day and period, the resource's type and name), so
//! that it reads on its own. Field names are `snake_case` everywhere, kinds are their catalog
//! names (`min_working_days`), levels are written as in the problem format (`"hard"` or
//! `{"soft": 5}`) and durations are seconds.
//!
//! - [`ScoreReport`]: a score's totals, its breakdown by kind and every violation with its sentence.
//! - [`AnalysisReport`]: the pre-analysis's reasons why no timetable without hard violations exists.
//! - [`BoundReport`]: a lower bound on the soft cost, proved by the solver's exact layer.
//! - [`SolveParameters`]: what a solve accepts, with its defaults and bounds, checked in one place.
//! - [`SolveStatus`], [`Statistics`], [`Progress`]: why a search stopped, what it measured, and
//!   its reports while it runs; [`SolveReport`] gathers a finished solve, [`ResolveReport`] a
//!   minimal-change re-solve with the lessons that moved.
//!
//! ```
//! use horarium_core::{formats::ctt, report::ScoreReport, score, Timetable};
//! let problem = ctt::parse_instance("tiny.ctt", include_str!("../../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
//! let report = ScoreReport::new(&problem, &score(&problem, &Timetable::new(&problem)));
//! let json = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["feasible"], false);
//! assert_eq!(json["breakdown"]["unplaced"]["violations"], problem.lessons().len());
//! assert_eq!(json["violations"][0]["lessons"][0]["lesson"], 0);
//! # Ok::<(), horarium_core::Error>(())
//! ```

mod analysis;
mod bound;
mod parameters;
mod resolve;
mod score;
mod solve;

pub use analysis::{AnalysisReport, ReasonReport};
pub use bound::BoundReport;
pub use parameters::{ParameterError, SolveParameters, DEFAULT_SEED, DEFAULT_TIME_LIMIT, MAX_THREADS, MAX_TIME_LIMIT};
pub use resolve::{MoveReport, PlaceRef, ResolveReport};
pub use score::{KindTotals, LessonRef, ResourceRef, ScoreReport, SlotRef, ViolationReport};
pub use solve::{Progress, SolveReport, SolveStatus, Statistics};
