//! `horarium resolve`: solve a changed problem again, moving as few lessons as it can.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use horarium::formats::{self, json, ProblemFormat};
use horarium::resolve::resolve_checked;
use horarium::{Placement, Timetable};

use super::solve::{print_breakdown, Reporter};

pub struct Args {
    pub reader: super::ProblemReader,
    pub problem: PathBuf,
    pub from: PathBuf,
    pub output: Option<PathBuf>,
    pub time: f64,
    pub iterations: Option<u64>,
    pub seed: u64,
    pub threads: usize,
    pub move_cost: NonZeroU32,
    pub quiet: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let options = super::options(args.time, args.iterations, args.seed, args.threads)?;
    let read = args.reader.read_with_sources(&args.problem)?;
    let old = read_old(&read, &args.from)?;
    let problem = read.problem;
    let mut reporter = Reporter::new(args.quiet, args.time);
    let resolved = resolve_checked(&problem, &old, args.move_cost, &options, |p| reporter.update(p));
    reporter.finish();
    let again = match resolved {
        Ok(again) => again,
        Err(reasons) => return Ok(super::analyze::refuse(&problem, &reasons)),
    };
    let timetable = &again.solution.timetable;
    let text = if ProblemFormat::of_path(&args.problem) == ProblemFormat::Ctt {
        formats::ctt_solution::write_solution(&problem, timetable)?
    } else {
        json::write_timetable(&problem, timetable) + "\n"
    };
    super::write_output(args.output.as_deref(), &text)?;
    let cal = problem.calendar();
    let place = |p: Option<Placement>| match p {
        None => "unplaced".to_owned(),
        Some(p) => format!("{} ({})", cal.slot_label(p.slot), p.room.map_or("no room", |r| problem.room(r).name.as_str())),
    };
    if !args.quiet {
        for m in &again.moved {
            let lesson = problem.lesson(m.lesson);
            eprintln!(
                "moved: {} lesson {}: {} -> {}",
                problem.course(lesson.course).name,
                lesson.index_in_course + 1,
                place(m.from),
                place(m.to)
            );
        }
    }
    let placed = old.placements().iter().filter(|p| p.is_some()).count().max(1);
    #[allow(clippy::cast_precision_loss, reason = "a percentage")]
    let share = 100.0 * again.moved.len() as f64 / placed as f64;
    eprintln!("{} of {} lessons moved ({share:.1} %)", again.moved.len(), placed);
    print_breakdown(&again.score, false);
    Ok(ExitCode::SUCCESS)
}

/// The old timetable: what of it still fits the problem; whatever does not is named on stderr.
fn read_old(read: &formats::ReadProblem, path: &std::path::Path) -> anyhow::Result<Timetable> {
    if ProblemFormat::of_path(path) != ProblemFormat::Json {
        return Ok(formats::read_timetable_of(read, path)?.0);
    }
    let problem = &read.problem;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let def: json::TimetableDef = serde_json::from_str(&text).with_context(|| format!("{}: not a timetable in JSON", path.display()))?;
    let (timetable, issues) = json::timetable_from_def_keeping_valid(problem, &def);
    for issue in issues {
        eprintln!("warning: {}: {issue} (left out)", path.display());
    }
    Ok(timetable)
}
