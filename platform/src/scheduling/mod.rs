//! Scheduling: timetabling jobs that run in the background, and the timetable versions they make.
//!
//! - [`jobs`]: a job's life in the database (queued → running → succeeded, failed or cancelled),
//!   its progress, its lease to the server running it, and the log of its runs;
//! - [`runner`]: the workers that claim queued jobs and run the engine on blocking threads;
//! - [`versions`]: timetable versions, their comparison, rollback and validation, and each as an
//!   iCalendar file (everyone's, or one teacher's, class's or room's);
//! - [`edits`]: hand edits of a version (move, swap, unplace), dry run or saved, with every
//!   violation they create or resolve;
//! - [`api`]: the routes.
//!
//! A job's state lives in the database, never only in memory, and a running job is leased to
//! its server, which renews the lease every second: when a server dies mid-job, its lease runs
//! out and any server of the database queues the job again (from the start, with the same seed
//! and the same problem, which the job keeps a copy of), up to [`jobs::MAX_ATTEMPTS`] attempts in
//! all; then it is marked failed with the reason. Any number of servers share one database.

pub mod api;
pub mod edits;
pub mod jobs;
pub mod runner;
pub mod versions;
