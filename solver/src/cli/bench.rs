//! `horarium bench`: run every instance with every seed, re-score, compare with best known values.
//!
//! An XHSTT archive (`.xml`) is judged in XHSTT's terms: "hard" is the infeasibility value and
//! "soft" the objective value of the solution written back and evaluated, and its best known is
//! the best of the solutions the archive holds (unless a best-known file names it).
//!
//! Each run's timetable is written in its file format, read back and scored by the core scorer,
//! so the figures do not rest on the search's own bookkeeping. Results go to a table on standard
//! output and, with `--out PREFIX`, to `PREFIX.csv` (one row per run), `PREFIX.json` (runs and
//! summary) and, with `--plot`, one `PREFIX-INSTANCE.svg` per instance showing the best cost over
//! time for every seed.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context as _};
use horarium::formats::{self, ProblemFormat};
use horarium::{score, solve_with_progress, Cost, Problem};
use serde::Serialize;

pub struct Args {
    pub reader: super::ProblemReader,
    pub instances: PathBuf,
    pub time: f64,
    pub seeds: u64,
    pub first_seed: u64,
    pub threads: NonZeroUsize,
    pub jobs: NonZeroUsize,
    pub best_known: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub plot: bool,
    pub only: Vec<String>,
    /// Seconds for a lower bound per instance before its runs (`--bound`).
    pub bound: Option<f64>,
    /// Whether the last of several threads repairs (`--repair`).
    pub repair: bool,
}

/// One solve of one instance with one seed.
#[derive(Clone, Debug, Serialize)]
struct Run {
    instance: String,
    seed: u64,
    hard: u64,
    soft: u64,
    time_to_first_feasible: Option<f64>,
    time_of_best: f64,
    moves: u64,
    moves_per_second: f64,
    /// (seconds, best soft cost) each time the best feasible cost improved.
    #[serde(skip)]
    trajectory: Vec<(f64, u64)>,
}

/// The summary of one instance over its seeds.
#[derive(Clone, Debug, Serialize)]
struct Summary {
    instance: String,
    best_known: Option<u64>,
    min: u64,
    median: u64,
    max: u64,
    /// Median over best known, minus one, in percent.
    gap_percent: Option<f64>,
    /// Slowest time to a feasible timetable over the seeds (None when a seed never got there).
    worst_time_to_feasible: Option<f64>,
    runs_with_hard_violations: usize,
    /// The exact layer's lower bound on the soft cost (with `--bound`).
    lower_bound: Option<u64>,
    /// Runs whose timetable met the lower bound, which proves it optimal.
    optimal_runs: usize,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.time.is_finite() && args.time > 0.0, "--time must be a positive number of seconds");
    anyhow::ensure!(args.seeds > 0, "--seeds must be at least 1");
    let instances = list_instances(&args.instances, &args.only)?;
    let best_known = match &args.best_known {
        Some(path) => read_best_known(path)?,
        None => {
            let beside = args.instances.join("best_known.csv");
            if beside.is_file() {
                read_best_known(&beside)?
            } else {
                HashMap::new()
            }
        }
    };
    let mut best_known = best_known;
    let mut xhstt: HashMap<String, Box<formats::xhstt::XhsttProblem>> = HashMap::new();
    let mut problems: Vec<(String, PathBuf, Problem)> = Vec::new();
    for path in instances {
        let read = match args.reader.read_with_sources(&path) {
            Ok(read) => read,
            // An XHSTT archive whose instance does not map onto the general model yet is left
            // out with its reasons; any other unreadable instance stops the bench.
            Err(e) if ProblemFormat::of_path(&path) == ProblemFormat::Xhstt => {
                eprintln!("bench: leaving out {}: {e}", path.display());
                continue;
            }
            Err(e) => return Err(e),
        };
        let problem = read.problem;
        let name = path.file_stem().map_or_else(|| problem.name().to_owned(), |s| s.to_string_lossy().into_owned());
        if let Some(x) = read.xhstt {
            // An XHSTT archive's best known is the best of the solutions it holds, evaluated.
            if let Some(best) = best_stored(&x) {
                best_known.entry(name.clone()).or_insert(best);
            }
            xhstt.insert(name.clone(), x);
        }
        problems.push((name, path, problem));
    }
    let mut bounds: HashMap<String, u64> = HashMap::new();
    if let Some(seconds) = args.bound {
        for (name, _, problem) in &problems {
            let found = super::bound::prove(problem, seconds, "--bound")?;
            eprintln!("  {name}: {} ({:.1} s)", found.sentence(), found.seconds);
            if let Some(soft) = found.soft {
                bounds.insert(name.clone(), soft);
            }
        }
    }
    let jobs: Vec<(usize, u64)> = (0..problems.len()).flat_map(|p| (0..args.seeds).map(move |k| (p, args.first_seed + k))).collect();
    eprintln!(
        "bench: {} instances x {} seeds, {} s each, {} thread(s) per run, {} run(s) at a time: about {:.0} min",
        problems.len(),
        args.seeds,
        args.time,
        args.threads,
        args.jobs,
        jobs.len() as f64 * args.time / args.jobs.get() as f64 / 60.0
    );
    let next = AtomicUsize::new(0);
    let runs: Mutex<Vec<Run>> = Mutex::new(Vec::new());
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.get() {
            scope.spawn(|| loop {
                let idx = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(p, seed)) = jobs.get(idx) else { break };
                let (name, path, problem) = &problems[p];
                match one_run(name, path, problem, xhstt.get(name).map(AsRef::as_ref), seed, bounds.get(name).copied(), args) {
                    Ok(run) => {
                        eprintln!(
                            "  {name} seed {seed}: hard {} soft {} (first feasible {})",
                            run.hard,
                            run.soft,
                            run.time_to_first_feasible.map_or("never".into(), |t| format!("{t:.2} s"))
                        );
                        runs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(run);
                    }
                    Err(e) => {
                        *failure.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e);
                        break;
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        return Err(e);
    }
    let mut runs = runs.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    runs.sort_by(|a, b| (&a.instance, a.seed).cmp(&(&b.instance, b.seed)));
    let summaries: Vec<Summary> =
        problems.iter().map(|(name, _, _)| summarize(name, &runs, best_known.get(name).copied(), bounds.get(name).copied())).collect();
    print!("{}", table(&summaries));
    if let Some(prefix) = &args.out {
        write_outputs(prefix, &runs, &summaries, args)?;
        if args.plot {
            for (name, _, _) in &problems {
                plot(prefix, name, &runs, args.time)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The least objective of the solutions an archive holds without infeasibility, by the evaluator.
fn best_stored(x: &formats::xhstt::XhsttProblem) -> Option<u64> {
    let instance = x.instance();
    x.archive
        .solution_groups
        .iter()
        .flat_map(|g| &g.solutions)
        .filter(|s| s.instance == x.instance)
        .filter_map(|s| formats::xhstt::evaluate(instance, s).ok())
        .filter(|e| e.infeasibility == 0)
        .map(|e| e.objective)
        .min()
}

#[allow(clippy::too_many_lines, reason = "one run, re-scored per format")]
fn one_run(
    name: &str,
    path: &Path,
    problem: &Problem,
    xhstt: Option<&formats::xhstt::XhsttProblem>,
    seed: u64,
    bound: Option<u64>,
    args: &Args,
) -> anyhow::Result<Run> {
    let mut options = super::options(args.time, None, seed, args.threads.get())?;
    options.repair = args.repair;
    if let Some(soft) = bound {
        // Nothing beats the bound: a run that reaches it stops there.
        options.target = Some(Cost { hard: 0, soft });
    }
    let mut trajectory: Vec<(f64, u64)> = Vec::new();
    let mut track = |p: &horarium::Progress| {
        if p.best.hard == 0 && trajectory.last().is_none_or(|&(_, soft)| p.best.soft < soft) {
            trajectory.push((p.elapsed.as_secs_f64(), p.best.soft));
        }
    };
    // An XHSTT archive is solved as `horarium solve` does, re-splitting between rounds.
    let (solution, resplit) = match xhstt {
        Some(x) => {
            let solved =
                horarium::xhstt::solve(x, problem, &options, &mut track).map_err(|reasons| anyhow::anyhow!("{name}: {reasons}"))?;
            (solved.solution, Some(solved.xhstt))
        }
        None => (solve_with_progress(problem, &options, &mut track), None),
    };
    let xhstt = resplit.as_ref().or(xhstt);
    // Re-score from the written file, so the figure does not depend on the search's bookkeeping.
    let cost: Cost = match (ProblemFormat::of_path(path), xhstt) {
        (ProblemFormat::Ctt, _) => {
            let text = formats::ctt_solution::write_solution(problem, &solution.timetable)?;
            let read = formats::ctt_solution::parse_solution(problem, &text);
            if !read.warnings.is_empty() {
                bail!("{name} seed {seed}: the written solution does not read back cleanly: {}", read.warnings[0]);
            }
            score(problem, &read.timetable).cost
        }
        // An XHSTT archive is judged in XHSTT's terms: (infeasibility, objective) of the written
        // archive's solution, read back and evaluated.
        (ProblemFormat::Xhstt, Some(x)) => {
            let (text, evaluation) = x.write_timetable(&solution.timetable)?;
            let back = formats::xhstt::parse_archive(name, &text)?;
            let again = back.solution_groups.first().and_then(|g| g.solutions.first()).context("the written archive holds its solution")?;
            let again = formats::xhstt::evaluate(&back.instances[again.instance], again)?;
            anyhow::ensure!(again == evaluation, "{name} seed {seed}: the written solution evaluates differently read back");
            return Ok(run_of(name, seed, Cost { hard: again.infeasibility, soft: again.objective }, &solution.statistics, trajectory));
        }
        (ProblemFormat::Json | ProblemFormat::Fet | ProblemFormat::Xhstt, _) => {
            let text = formats::json::write_timetable(problem, &solution.timetable);
            score(problem, &formats::json::parse_timetable(problem, name, &text)?).cost
        }
    };
    anyhow::ensure!(
        cost == solution.score.cost,
        "{name} seed {seed}: re-scoring the written timetable gives {cost}, the search reported {}",
        solution.score.cost
    );
    Ok(run_of(name, seed, cost, &solution.statistics, trajectory))
}

fn run_of(name: &str, seed: u64, cost: Cost, s: &horarium::report::Statistics, trajectory: Vec<(f64, u64)>) -> Run {
    Run {
        instance: name.to_owned(),
        seed,
        hard: cost.hard,
        soft: cost.soft,
        time_to_first_feasible: s.time_to_first_feasible.map(|d| d.as_secs_f64()),
        time_of_best: s.time_of_best.as_secs_f64(),
        moves: s.moves_tried,
        moves_per_second: s.moves_per_second,
        trajectory,
    }
}

fn list_instances(dir: &Path, only: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list instances in {}", dir.display()))?;
    let mut res: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ctt" || e == "json" || e == "xml"))
        .collect();
    if only.is_empty() {
        // The ITC-2007 folder also holds two toy instances; benchmark the competition ones.
        if res.iter().any(|p| p.file_stem().is_some_and(|s| s.to_string_lossy().starts_with("comp"))) {
            res.retain(|p| p.file_stem().is_some_and(|s| s.to_string_lossy().starts_with("comp")));
        }
    } else {
        res.retain(|p| p.file_stem().is_some_and(|s| only.iter().any(|o| *o == s.to_string_lossy())));
        for o in only {
            anyhow::ensure!(
                res.iter().any(|p| p.file_stem().is_some_and(|s| *o == s.to_string_lossy())),
                "no instance named {o} in {}",
                dir.display()
            );
        }
    }
    res.sort();
    anyhow::ensure!(!res.is_empty(), "no .ctt, .json or .xml instances in {}", dir.display());
    Ok(res)
}

/// Reads `instance,best_known_ub,...` into a map.
fn read_best_known(path: &Path) -> anyhow::Result<HashMap<String, u64>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers().with_context(|| format!("{}: no header line", path.display()))?.clone();
    let column =
        |name: &str| headers.iter().position(|h| h == name).with_context(|| format!("{}: line 1: no column {name:?}", path.display()));
    let (inst_col, ub_col) = (column("instance")?, column("best_known_ub")?);
    let mut res = HashMap::new();
    for (idx, record) in reader.records().enumerate() {
        let line = idx + 2;
        let record = record.with_context(|| format!("{}:{line}: malformed CSV", path.display()))?;
        let (Some(inst), Some(ub)) = (record.get(inst_col), record.get(ub_col)) else { bail!("{}:{line}: missing field", path.display()) };
        let ub: u64 = ub
            .trim()
            .parse()
            .with_context(|| format!("{}:{line}: field \"best_known_ub\": expected an integer, found {ub:?}", path.display()))?;
        res.insert(inst.trim().to_owned(), ub);
    }
    Ok(res)
}

fn summarize(name: &str, runs: &[Run], best_known: Option<u64>, lower_bound: Option<u64>) -> Summary {
    let mine: Vec<&Run> = runs.iter().filter(|r| r.instance == name).collect();
    // Infeasible runs rank after every feasible one.
    let mut costs: Vec<(u64, u64)> = mine.iter().map(|r| (r.hard, r.soft)).collect();
    costs.sort_unstable();
    let soft = |c: &(u64, u64)| c.1;
    let median = costs[(costs.len() - 1) / 2];
    #[allow(clippy::cast_precision_loss, reason = "a percentage")]
    let gap_percent = best_known.filter(|_| median.0 == 0).map(|bk| {
        if bk == 0 {
            if median.1 == 0 {
                0.0
            } else {
                f64::INFINITY
            }
        } else {
            (median.1 as f64 / bk as f64 - 1.0) * 100.0
        }
    });
    let worst_time_to_feasible = mine.iter().map(|r| r.time_to_first_feasible).try_fold(0.0f64, |acc, t| t.map(|t| acc.max(t)));
    Summary {
        instance: name.to_owned(),
        best_known,
        min: soft(&costs[0]),
        median: median.1,
        max: soft(&costs[costs.len() - 1]),
        gap_percent,
        worst_time_to_feasible,
        runs_with_hard_violations: mine.iter().filter(|r| r.hard > 0).count(),
        lower_bound,
        optimal_runs: mine.iter().filter(|r| r.hard == 0 && Some(r.soft) == lower_bound).count(),
    }
}

fn table(summaries: &[Summary]) -> String {
    let bounds = summaries.iter().any(|s| s.lower_bound.is_some());
    let mut res = format!(
        "{:<10} {:>10} {:>6} {:>7} {:>6} {:>8} {:>12} {:>5}",
        "instance", "best known", "min", "median", "max", "gap %", "feasible at", "hard"
    );
    if bounds {
        res.push_str(&format!(" {:>6} {:>8}", "bound", "optimal"));
    }
    res.push('\n');
    let (mut sum_median, mut sum_bk) = (0u64, 0u64);
    for s in summaries {
        sum_median += s.median;
        sum_bk += s.best_known.unwrap_or(0);
        res.push_str(&format!(
            "{:<10} {:>10} {:>6} {:>7} {:>6} {:>8} {:>12} {:>5}",
            s.instance,
            s.best_known.map_or("-".into(), |b| b.to_string()),
            s.min,
            s.median,
            s.max,
            s.gap_percent.map_or("-".into(), |g| format!("{g:.1}")),
            s.worst_time_to_feasible.map_or("never".into(), |t| format!("{t:.2} s")),
            s.runs_with_hard_violations
        ));
        if bounds {
            res.push_str(&format!(" {:>6} {:>8}", s.lower_bound.map_or("-".into(), |b| b.to_string()), s.optimal_runs));
        }
        res.push('\n');
    }
    #[allow(clippy::cast_precision_loss, reason = "a ratio")]
    let ratio = if sum_bk > 0 { format!("{:.3}", sum_median as f64 / sum_bk as f64) } else { "-".into() };
    res.push_str(&format!("{:<10} {:>10} {:>6} {:>7}   (median total / best known total = {ratio})\n", "total", sum_bk, "", sum_median));
    res
}

fn write_outputs(prefix: &Path, runs: &[Run], summaries: &[Summary], args: &Args) -> anyhow::Result<()> {
    let csv_path = with_suffix(prefix, ".csv");
    let mut writer = csv::Writer::from_path(&csv_path).with_context(|| format!("cannot write {}", csv_path.display()))?;
    for run in runs {
        writer.serialize(run)?;
    }
    writer.flush()?;
    let json_path = with_suffix(prefix, ".json");
    let doc = serde_json::json!({
        "time_limit_seconds": args.time,
        "seeds": args.seeds,
        "first_seed": args.first_seed,
        "threads": args.threads.get(),
        "jobs": args.jobs.get(),
        "runs": runs,
        "summary": summaries,
    });
    std::fs::write(&json_path, serde_json::to_string_pretty(&doc)?).with_context(|| format!("cannot write {}", json_path.display()))?;
    eprintln!("wrote {} and {}", csv_path.display(), json_path.display());
    Ok(())
}

fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn plot(prefix: &Path, instance: &str, runs: &[Run], time: f64) -> anyhow::Result<()> {
    use plotters::prelude::*;
    let path = with_suffix(prefix, &format!("-{instance}.svg"));
    let mine: Vec<&Run> = runs.iter().filter(|r| r.instance == instance && !r.trajectory.is_empty()).collect();
    let y_max = mine.iter().flat_map(|r| r.trajectory.iter().map(|t| t.1)).max().unwrap_or(1).max(1);
    let y_min = mine.iter().flat_map(|r| r.trajectory.iter().map(|t| t.1)).min().unwrap_or(0);
    let root = SVGBackend::new(&path, (640, 400)).into_drawing_area();
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        root.fill(&WHITE)?;
        // A log scale shows both the first descent and the last improvements.
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("{instance}: best feasible cost over time"), ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(35)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..time, ((y_min.max(1) as f64) * 0.9..(y_max as f64) * 1.1).log_scale())?;
        chart.configure_mesh().x_desc("seconds").y_desc("soft cost").draw()?;
        for (idx, run) in mine.iter().enumerate() {
            let color = Palette99::pick(idx).to_rgba();
            let mut points: Vec<(f64, f64)> = Vec::new();
            for w in run.trajectory.windows(2) {
                points.push((w[0].0, w[0].1.max(1) as f64));
                points.push((w[1].0, w[0].1.max(1) as f64));
            }
            if let Some(&(t, c)) = run.trajectory.last() {
                points.push((t, c.max(1) as f64));
                points.push((time, c.max(1) as f64));
            }
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(2)))?
                .label(format!("seed {}", run.seed))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 15, y)], color));
        }
        chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| anyhow::anyhow!("cannot draw {}: {e}", path.display()))
}
