//! `horarium bound`: a proved lower bound on the soft cost, from the exact layer.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use horarium::exact::{self, BoundOptions};
use horarium::report::BoundReport;

pub fn run(reader: super::ProblemReader, instance: &Path, time: f64, json: bool) -> anyhow::Result<ExitCode> {
    let problem = reader.read(instance)?;
    let report = prove(&problem, time, "--time")?;
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!("{}: {}", problem.name(), report.sentence());
        println!(
            "  {} in {:.1} s: {} variables ({} integer), {} rows",
            report.method, report.seconds, report.variables, report.integer_variables, report.rows
        );
        if !report.priced.is_empty() {
            println!("  counted: {}", report.priced.join(", "));
        }
        if !report.relaxed.is_empty() {
            println!("  left at zero: {}", report.relaxed.join(", "));
        }
    }
    Ok(if report.feasible { ExitCode::SUCCESS } else { ExitCode::from(super::analyze::INFEASIBLE) })
}

/// The exact layer's bound on `problem` within `seconds` (given by the command-line `flag`), as
/// the report every command shows.
pub fn prove(problem: &horarium::Problem, seconds: f64, flag: &str) -> anyhow::Result<BoundReport> {
    if !(seconds.is_finite() && seconds > 0.0) {
        anyhow::bail!("{flag} must be a positive number of seconds, found {seconds}");
    }
    Ok(exact::bound(problem, &BoundOptions { time_limit: Duration::from_secs_f64(seconds) })?.report())
}
