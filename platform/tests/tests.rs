//! The platform's integration tests, one binary: each test runs the application over a fresh
//! SQLite database and a fresh PostgreSQL one (`on_both!`), except where it says otherwise.

mod common;

mod api;
mod billing;
mod constraints;
mod edits;
mod isolation;
mod readme;
mod restart;
mod retention;
mod scheduling;
mod servers;
mod sign_in;
mod webhooks;
