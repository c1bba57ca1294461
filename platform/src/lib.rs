//! horarium-platform: the backend a school-management service embeds.
//!
//! The timetabling engine beside the modules such a service needs, over a real database:
//!
//! - [`tenant`]: schools (tenants), their users and roles, sign-up and log-in, and the
//!   platform's operators; [`sign_in`]: how many password guesses reach the check;
//! - [`course`]: teachers, classes, rooms, subjects, students, enrollments and weekly lesson
//!   plans, and their conversion into the engine's problem;
//! - [`billing`]: plans, invoices in integer cents, trials, grace periods and suspension;
//! - [`scheduling`]: background timetabling jobs and the timetable versions they make;
//! - [`db`]: SQLite (embedded, the default) or PostgreSQL, with the same migrations;
//! - [`api`] and [`app`]: the HTTP API (axum) with its OpenAPI document.
//!
//! Strict isolation: every row of a school's data carries its tenant id, every query is scoped
//! by the tenant of the caller's token, and references between rows go through
//! `(tenant_id, id)` so the database itself refuses one that crosses tenants.
//!
//! ```no_run
//! # async fn run() -> Result<(), horarium_platform::Error> {
//! use std::sync::Arc;
//! use horarium_platform::{App, Db, Settings, SystemClock};
//!
//! let db = Db::open("sqlite:data/horarium.db").await?;
//! let app = App::start(db, Settings::default(), Arc::new(SystemClock)).await?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.expect("a free port");
//! app.serve(listener, async { tokio::signal::ctrl_c().await.ok(); }).await?;
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod api;
pub mod app;
pub mod auth;
pub mod billing;
pub mod clock;
pub mod course;
pub mod db;
pub mod error;
pub mod scheduling;
pub mod sign_in;
pub mod tenant;
pub mod validate;

pub use app::{App, AppState, Settings};
pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use db::{Backend, Db};
pub use error::{ApiError, Error};
