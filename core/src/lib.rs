//! horarium-core: the timetabling model, its file formats, and the exact scorer.
//!
//! A [`Problem`] holds a [`Calendar`], teachers, groups, rooms, courses with their lessons, and
//! constraints from a closed catalog ([`Constraint`]), each `Hard` or `Soft(weight)`
//! ([`Level`]). A [`Timetable`] places each lesson at a start [`Slot`] and a room.
//! [`score()`] evaluates any timetable against its problem and explains every violation.
//! [`formats`] reads and writes ITC-2007 `.ctt` files and Horarium's JSON.
//!
//! This crate does no search: that is the `horarium` crate, which re-exports this one.
//!
//! ```
//! use horarium_core::{formats::{ctt, ctt_solution}, score};
//!
//! let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
//! let solution = ctt_solution::parse_solution(&problem, include_str!("../../fixtures/ctt/tiny.sol"));
//! let s = score(&problem, &solution.timetable);
//! assert!(s.cost.is_feasible());
//! println!("soft cost {}", s.cost.soft);
//! # Ok::<(), horarium_core::Error>(())
//! ```

#![deny(missing_docs)]

pub mod analysis;
mod calendar;
pub mod constraints;
mod cost;
mod entities;
mod error;
pub mod formats;
mod ids;
mod kind;
mod level;
mod names;
mod problem;
pub mod report;
pub mod rules;
mod score;
mod timetable;
mod words;

pub use calendar::{Calendar, SlotDef, MAX_SLOTS};
pub use constraints::{Constraint, ConstraintEntry, CATALOG};
pub use cost::{Cost, KindCost, Score, Violation};
pub use entities::{Course, Entities, Group, Lesson, Pin, Room, RoomChoice, Teacher, MAX_LESSONS};
pub use error::{Error, Issue};
pub use ids::{CourseId, GroupId, LessonId, Resource, RoomId, Slot, TeacherId};
pub use kind::Kind;
pub use level::Level;
pub use problem::{Problem, ProblemDef};
pub use score::score;
pub use timetable::{OutOfRange, Placement, SurplusLesson, Timetable};

/// The serde model of problems, for building one in code or generating its schema.
pub mod model {
    pub use crate::problem::{CourseDef, GroupDef, LessonsDef, PinDef, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};
}
