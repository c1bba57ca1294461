//! horarium-benches: the data the criterion benches in `benches/` share.
//!
//! The benches themselves live in `benches/*.rs`, one file per workload, and are named by
//! workload (`parse_and_score/all21`, `construct/comp05`, `delta/random_move/comp05`).
//! This library only loads the ITC-2007 instances, found through `HORARIUM_INSTANCES` by
//! `horarium-fixtures`, so that no bench times file reading, and generates XHSTT archives of
//! any size. It holds no search logic.

#![deny(missing_docs)]

mod xhstt;
pub use xhstt::generated_archive;

use horarium::formats::ctt;
use horarium::Problem;

pub use horarium_fixtures::ITC2007;

/// One ITC-2007 instance as read from disk: its name, its file name and its text.
pub struct InstanceText {
    /// The instance name, such as `comp05`.
    pub name: &'static str,
    /// The file name given to the parser, for its messages.
    pub file: String,
    /// The whole `.ctt` text.
    pub text: String,
}

/// Reads the text of the 21 ITC-2007 instances, comp01 to comp21.
///
/// # Panics
///
/// When an instance cannot be read: a bench without its data has nothing to measure.
pub fn itc2007_texts() -> Vec<InstanceText> {
    ITC2007
        .iter()
        .map(|&name| {
            let path = horarium_fixtures::itc2007_instance(name);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            InstanceText { name, file: format!("{name}.ctt"), text }
        })
        .collect()
}

/// Parses one ITC-2007 instance into the general model.
///
/// # Panics
///
/// When the instance does not parse: the shipped instances always do, so this is a broken data folder.
pub fn parse(instance: &InstanceText) -> Problem {
    ctt::parse_instance(&instance.file, &instance.text)
        .and_then(|i| i.to_problem())
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", instance.file))
}

/// Reads and parses one ITC-2007 instance by name, such as `comp05`.
///
/// # Panics
///
/// When the instance cannot be read or does not parse.
pub fn itc2007_problem(name: &'static str) -> Problem {
    let path = horarium_fixtures::itc2007_instance(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse(&InstanceText { name, file: format!("{name}.ctt"), text })
}
