//! `horarium analyze`: reasons a problem cannot be solved without hard violations, before any search.

use std::path::Path;
use std::process::ExitCode;

use horarium::{analysis, formats};

pub fn run(instance: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let problem = formats::read_problem(instance)?;
    let result = analysis::check(&problem);
    if json {
        let reasons = result.as_ref().err().map_or(&[][..], |e| e.reasons.as_slice());
        println!("{}", serde_json::json!({"feasible_as_far_as_known": result.is_ok(), "reasons": reasons}));
    } else {
        match &result {
            Ok(()) => println!("{}: no reason found why it could not be solved without hard violations", problem.name()),
            Err(e) => println!("{}: {e}", problem.name()),
        }
    }
    Ok(if result.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(INFEASIBLE) })
}

/// Exit status of a command given a problem that provably has no timetable without hard violations.
pub const INFEASIBLE: u8 = 3;

/// Refuses, with its reasons on standard error, a problem that provably cannot be solved.
pub fn refuse_if_infeasible(problem: &horarium::Problem) -> Option<ExitCode> {
    let Err(e) = analysis::check(problem) else { return None };
    eprintln!("{}: {e}", problem.name());
    Some(ExitCode::from(INFEASIBLE))
}
