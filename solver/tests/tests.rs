//! The integration tests of the horarium crate, in one binary.

mod cli; // the horarium binary agrees with the independent checker and converts faithfully
