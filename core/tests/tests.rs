//! The integration tests of horarium-core, in one binary.

mod by_hand; // tiny fixtures whose costs were computed by hand, one per constraint kind
mod common; // fixed-seed generator, temporary files, the independent checker
mod crosscheck; // scorer agrees with the independent checker
mod errors; // bad input gives located errors that list every issue
mod fet; // FET files map onto the model, with their weights, and are refused with located reasons
mod fet_timetable; // FET's timetables read, and written back as locks
mod fuzz; // readers never panic on arbitrary or mutated input
mod regression; // bugs found while writing this suite
mod roundtrip; // readers and writers round-trip
mod schema; // the checked-in JSON Schema is current and describes what the writers produce
mod school; // the school format's doc and worked example, the school fixtures, and each school kind by hand
mod strategies; // proptest generators of valid instances, problems and timetables
mod xhstt; // XHSTT archives: the evaluator against reported costs, each constraint type by hand
