//! `horarium validate`: score a timetable and explain it, for a person or as JSON.

use std::path::Path;
use std::process::ExitCode;

use horarium::formats::{self, ProblemFormat};
use horarium::report::ViolationReport;
use horarium::{score, Issue, Kind, Level, Problem, Score, CATALOG};
use serde_json::{json, Map, Value};

/// The ITC-2007 hard and soft components, in the validator's order.
const ITC_HARD: [Kind; 4] = [Kind::Unplaced, Kind::Conflicts, Kind::Unavailable, Kind::RoomOccupancy];
const ITC_SOFT: [Kind; 4] = [Kind::RoomCapacity, Kind::MinWorkingDays, Kind::IsolatedLessons, Kind::RoomStability];

pub fn run(reader: super::ProblemReader, instance: &Path, solution: &Path, as_json: bool) -> anyhow::Result<ExitCode> {
    let read = reader.read_with_sources(instance)?;
    let (timetable, warnings) = formats::read_timetable_of(&read, solution)?;
    let problem = read.problem;
    let score = score(&problem, &timetable);
    let itc = ProblemFormat::of_path(instance) == ProblemFormat::Ctt;
    let file = solution.display().to_string();
    if as_json {
        println!("{}", serde_json::to_string(&report_json(&problem, &score, &warnings, &file, itc))?);
    } else {
        for w in &warnings {
            eprintln!("warning: {file}:{w}");
        }
        print!("{}", report_text(&problem, &score, &warnings, itc));
    }
    Ok(ExitCode::SUCCESS)
}

fn component_name(kind: Kind, itc: bool) -> &'static str {
    if itc {
        kind.itc2007_name().unwrap_or(kind.name())
    } else {
        kind.name()
    }
}

/// The kinds to show: the ITC-2007 components for `.ctt`, otherwise every kind the score lists.
/// The kinds reported as hard and as soft: for ITC-2007, the competition's components; otherwise
/// the built-in rules (always hard) and every kind the problem uses, at the levels it uses it.
fn components(problem: &Problem, score: &Score, itc: bool) -> (Vec<Kind>, Vec<Kind>) {
    if itc {
        return (ITC_HARD.to_vec(), ITC_SOFT.to_vec());
    }
    let mut hard = Vec::new();
    let mut soft = Vec::new();
    for entry in CATALOG {
        if !score.by_kind.iter().any(|k| k.kind == entry.kind) {
            continue;
        }
        let levels = || problem.constraints().iter().filter(|c| c.constraint.kind() == entry.kind).map(|c| c.level);
        let builtin = levels().next().is_none();
        if builtin || levels().any(|l| l == Level::Hard) {
            hard.push(entry.kind);
        }
        if levels().any(|l| l != Level::Hard) {
            soft.push(entry.kind);
        }
    }
    (hard, soft)
}

fn report_json(problem: &Problem, score: &Score, warnings: &[Issue], file: &str, itc: bool) -> Value {
    let (hard_kinds, soft_kinds) = components(problem, score, itc);
    let hard: Map<String, Value> = hard_kinds.iter().map(|&k| (component_name(k, itc).to_owned(), json!(score.of_kind(k).hard))).collect();
    let soft: Map<String, Value> = soft_kinds.iter().map(|&k| (component_name(k, itc).to_owned(), json!(score.of_kind(k).soft))).collect();
    let details: Vec<ViolationReport> = score.violations.iter().map(|v| ViolationReport::new(problem, v)).collect();
    json!({
        "instance": problem.name(),
        "hard": hard,
        "soft": soft,
        "violations": score.cost.hard,
        "cost": score.cost.soft,
        "feasible": score.cost.is_feasible(),
        "warnings": warnings.iter().map(|w| format!("{file}:{w}")).collect::<Vec<_>>(),
        "details": details,
    })
}

fn report_text(problem: &Problem, score: &Score, warnings: &[Issue], itc: bool) -> String {
    let mut res = String::new();
    res.push_str(&format!("{}: {} lessons, {} constraints\n", problem.name(), problem.lessons().len(), problem.constraints().len()));
    for v in &score.violations {
        let tag = match v.level {
            Level::Hard => "[H]".to_owned(),
            Level::Soft(w) => format!("[S({w})]"),
        };
        res.push_str(&format!("{tag} {}\n", v.message));
    }
    if !score.violations.is_empty() {
        res.push('\n');
    }
    if !warnings.is_empty() {
        res.push_str(&format!("{} solution lines were skipped (see the warnings)\n", warnings.len()));
    }
    let (hard_kinds, soft_kinds) = components(problem, score, itc);
    for k in hard_kinds {
        res.push_str(&format!("Violations of {} (hard) : {}\n", component_name(k, itc), score.of_kind(k).hard));
    }
    for k in soft_kinds {
        res.push_str(&format!("Cost of {} (soft) : {}\n", component_name(k, itc), score.of_kind(k).soft));
    }
    res.push('\n');
    if score.cost.is_feasible() {
        res.push_str(&format!("Summary: Total Cost = {}\n", score.cost.soft));
    } else {
        res.push_str(&format!("Summary: Violations = {}, Total Cost = {}\n", score.cost.hard, score.cost.soft));
    }
    res
}
