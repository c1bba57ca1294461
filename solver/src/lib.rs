//! horarium: the Horarium timetabling engine.
//!
//! This crate re-exports the model, formats and scorer of `horarium-core`, and adds the search.
//!
//! ```
//! use horarium::{formats::ctt, score, Timetable};
//!
//! let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
//! let s = score(&problem, &Timetable::new(&problem));
//! assert_eq!(s.cost.hard, 5); // five lessons, none placed yet
//! # Ok::<(), horarium::Error>(())
//! ```

#![deny(missing_docs)]

pub use horarium_core::*;
