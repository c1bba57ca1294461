//! `horarium solve`: search for a timetable, show progress, write the best one found.
//!
//! Progress goes to standard error: a progress bar on a terminal, one plain line a second
//! otherwise. Ctrl-C stops the search; the best timetable so far is still written.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use horarium::formats::{self, ProblemFormat};
use horarium::{solve_checked, Progress};
use indicatif::{ProgressBar, ProgressStyle};

pub struct Args {
    pub reader: super::ProblemReader,
    pub instance: PathBuf,
    pub time: f64,
    pub iterations: Option<u64>,
    pub seed: u64,
    pub threads: usize,
    pub output: Option<PathBuf>,
    pub initial: Option<PathBuf>,
    pub quiet: bool,
    /// Seconds for a lower bound before the search (`--bound`).
    pub bound: Option<f64>,
    /// Whether the last of several threads repairs (`--repair`).
    pub repair: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let read = args.reader.read_with_sources(&args.instance)?;
    let mut options = super::options(args.time, args.iterations, args.seed, args.threads)?;
    let initial = match &args.initial {
        Some(path) => Some(formats::read_timetable_of(&read, path)?.0),
        None => None,
    };
    let problem = read.problem;
    let xhstt = read.xhstt;
    let bound = match args.bound {
        Some(seconds) => {
            let found = super::bound::prove(&problem, seconds, "--bound")?;
            eprintln!("{}: {} ({:.1} s)", problem.name(), found.sentence(), found.seconds);
            match found.soft {
                // No timetable can do better: the search may stop there.
                Some(soft) => options.target = Some(horarium::Cost { hard: 0, soft }),
                None => return Ok(ExitCode::from(super::analyze::INFEASIBLE)),
            }
            Some(found)
        }
        None => None,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = Arc::clone(&cancel);
        // A second Ctrl-C while the search is winding down is harmless: the flag is already set.
        ctrlc::set_handler(move || cancel.store(true, Ordering::Relaxed)).context("cannot install the Ctrl-C handler")?;
    }
    options.cancel = Some(Arc::clone(&cancel));
    options.repair = args.repair;
    options.initial = initial;
    let mut reporter = Reporter::new(args.quiet, args.time);
    reporter.bound = bound.as_ref().and_then(|b| b.soft);
    // An XHSTT archive is solved with re-splits between rounds; its split, and so its problem,
    // may change on the way.
    let (solved, xhstt, problem, resplits) = match xhstt {
        Some(x) => match horarium::xhstt::solve(&x, &problem, &options, |p| reporter.update(p)) {
            Ok(s) => (Ok(s.solution), Some(Box::new(s.xhstt)), s.problem, s.resplits),
            Err(reasons) => (Err(reasons), Some(x), problem, 0),
        },
        None => (solve_checked(&problem, &options, |p| reporter.update(p)), None, problem, 0),
    };
    reporter.finish();
    let solution = match solved {
        Ok(s) => s,
        Err(reasons) => return Ok(super::analyze::refuse(&problem, &reasons)),
    };
    if resplits > 0 {
        eprintln!("  {resplits} round(s) re-split the events of hard violations into more parts");
    }

    let is_ctt = ProblemFormat::of_path(&args.instance) == ProblemFormat::Ctt;
    let mut xhstt_summary = None;
    let text = if let Some(xhstt) = &xhstt {
        // An XHSTT archive gets its solution back as XHSTT, beside its instance, evaluated in
        // the format's own terms.
        let (text, evaluation) = xhstt.write_timetable(&solution.timetable)?;
        xhstt_summary = Some(format!("XHSTT: infeasibility {}, objective {}", evaluation.infeasibility, evaluation.objective));
        text
    } else if is_ctt {
        formats::ctt_solution::write_solution(&problem, &solution.timetable)?
    } else {
        formats::json::write_timetable(&problem, &solution.timetable) + "\n"
    };
    match &args.output {
        Some(path) => std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?,
        None if args.quiet => {}
        None => {}
    }
    let s = &solution.statistics;
    eprintln!(
        "{}: {} after {:.1} s; {} moves ({:.0}/s, {:.0} accepted/s), first feasible {}, best found at {:.1} s",
        problem.name(),
        solution.status,
        s.elapsed.as_secs_f64(),
        s.moves_tried,
        s.moves_per_second,
        s.accepted_per_second,
        s.time_to_first_feasible.map_or("never".to_owned(), |t| format!("at {:.2} s", t.as_secs_f64())),
        s.time_of_best.as_secs_f64()
    );
    if s.repairs > 0 {
        eprintln!("  repairs by integer programs: {} tried, {} improved the best timetable", s.repairs, s.repairs_improved);
    }
    print_breakdown(&solution.score, is_ctt);
    if let Some(summary) = xhstt_summary {
        eprintln!("{summary}");
    }
    if let (Some(found), 0) = (&bound, solution.score.cost.hard) {
        eprintln!("{}", found.against(solution.score.cost.soft));
    }
    if args.output.is_none() {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn print_breakdown(score: &horarium::Score, itc: bool) {
    for k in &score.by_kind {
        let name = if itc { k.kind.itc2007_name().unwrap_or(k.kind.name()) } else { k.kind.name() };
        if k.cost.hard > 0 || k.cost.soft > 0 {
            eprintln!("  {name}: hard {} soft {}", k.cost.hard, k.cost.soft);
        }
    }
    eprintln!("cost: hard {} soft {}", score.cost.hard, score.cost.soft);
}

/// Shows progress on standard error.
pub(super) struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    last_line: Option<Instant>,
    /// The proved lower bound on the soft cost, shown beside the best, when there is one.
    pub(super) bound: Option<u64>,
}

impl Reporter {
    pub(super) fn new(quiet: bool, seconds: f64) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a bar length in tenths of seconds")]
            let bar = ProgressBar::new((seconds * 10.0) as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {elapsed_precise} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Reporter { bar, quiet, last_line: None, bound: None }
    }

    pub(super) fn update(&mut self, p: &Progress) {
        let mut text = format!("best hard {} soft {}  {:.0} moves/s", p.best.hard, p.best.soft, p.moves_per_second);
        if let Some(bound) = self.bound {
            text.push_str(&format!("  bound {bound}"));
        }
        if let Some(bar) = &self.bar {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a bar position")]
            bar.set_position((p.fraction * bar.length().unwrap_or(0) as f64) as u64);
            bar.set_message(text);
        } else if !self.quiet && self.last_line.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
            self.last_line = Some(Instant::now());
            eprintln!("[{:7.2} s] {text}", p.elapsed.as_secs_f64());
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
