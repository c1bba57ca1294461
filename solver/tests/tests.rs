//! The integration tests of the horarium crate, in one binary.

mod bindings; // every binding (Python, Node, browser) declares every operation of one table
mod cli; // the horarium binary agrees with the independent checker and converts faithfully
mod commands; // solve and bench end to end: outputs, progress, Ctrl-C
mod exact; // bound's lower bounds never exceed the best known values; its sentences, JSON and exit statuses
mod fet; // FET files convert, solve and validate from the command line, and unsupported types are refused or left out
mod pinned; // one thread, a seed and an iteration limit give the pinned timetables (a refactoring changes no result)
mod readme; // the README's Rust example runs, and README.md shows exactly that code
mod render; // every resource gets a week grid, violations are explained, names escaped; CSV rows; iCalendar events per owner; the render command
mod school; // generated schools are feasible by construction and sized as documented; resolve moves few lessons
mod solve; // the search is reproducible, stoppable, warm-startable and scored by core
mod xhstt; // XHSTT archives: events of hard violations re-split between rounds, one round without a time limit
