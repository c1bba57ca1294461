//! The integration tests of the horarium crate, in one binary.

mod cli; // the horarium binary agrees with the independent checker and converts faithfully
mod commands; // solve and bench end to end: outputs, progress, Ctrl-C
mod readme; // the README's Rust example runs, and README.md shows exactly that code
mod solve; // the search is reproducible, stoppable, warm-startable and scored by core
