//! `horarium analyze`: reasons a problem cannot be solved without hard violations, before any search.

use std::path::Path;
use std::process::ExitCode;

use horarium::analysis;
use horarium::report::AnalysisReport;

pub fn run(reader: super::ProblemReader, instance: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let problem = reader.read(instance)?;
    let result = analysis::check(&problem);
    if json {
        println!("{}", serde_json::to_string(&AnalysisReport::new(&problem, &result))?);
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

/// Prints why `problem` cannot be solved and returns the exit status that says so.
pub fn refuse(problem: &horarium::Problem, reasons: &analysis::Infeasible) -> ExitCode {
    eprintln!("{}: {reasons}", problem.name());
    ExitCode::from(INFEASIBLE)
}
