//! Argument parsing and dispatch for the `horarium` binary. Each subcommand has its own module;
//! all of them are thin adapters over read, solve and score.

mod analyze;
mod bench;
mod bound;
mod convert;
mod generate;
mod render;
mod resolve;
mod solve;
mod validate;
mod xhstt;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Horarium: timetables that satisfy hard constraints and explain what they could not satisfy.
#[derive(Parser, Debug)]
#[command(name = "horarium", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read a FET file even when it uses constraint types Horarium does not support, leaving
    /// those out (and saying which); without it, such a file is refused with the list.
    #[arg(long, global = true)]
    skip_unsupported: bool,
}

/// How every command reads a problem file: by its extension, with the global options.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProblemReader {
    options: horarium::formats::ReadOptions,
}

impl ProblemReader {
    /// Reads `path`; a constraint type left out, or what the file asks that cannot be met, is a
    /// warning on standard error.
    pub(crate) fn read(&self, path: &std::path::Path) -> anyhow::Result<horarium::Problem> {
        Ok(self.read_with_sources(path)?.problem)
    }

    /// Reads `path` with what reading its timetables needs (FET's activities), as [`Self::read`].
    pub(crate) fn read_with_sources(&self, path: &std::path::Path) -> anyhow::Result<horarium::formats::ReadProblem> {
        let read = horarium::formats::read_problem_with(path, self.options)?;
        for (kind, n) in &read.skipped {
            eprintln!("warning: {}: left out {n} constraint(s) of FET's type {kind}, which Horarium does not support yet", path.display());
        }
        for warning in &read.warnings {
            eprintln!("warning: {}: {warning}", path.display());
        }
        Ok(read)
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score a timetable against a problem and explain every violation; for an XHSTT archive,
    /// evaluate its solutions in XHSTT's terms.
    Validate {
        /// Problem file: ITC-2007 `.ctt`, Horarium `.json`, FET's `.fet`, or an XHSTT archive
        /// `.xml` (whose own solutions are evaluated when no timetable is given).
        instance: PathBuf,
        /// Timetable: the competition's `course room day period` lines, Horarium `.json`, FET's
        /// timetable, or an XHSTT archive with solutions of the first archive's instances.
        solution: Option<PathBuf>,
        /// Print one JSON object instead of a report.
        #[arg(long)]
        json: bool,
    },
    /// Look for reasons a problem cannot be solved without hard violations (exit status 3 if any).
    Analyze {
        /// Problem file: ITC-2007 `.ctt` or Horarium `.json`.
        instance: PathBuf,
        /// Print one JSON object instead of sentences.
        #[arg(long)]
        json: bool,
    },
    /// Prove a lower bound on the soft cost of every timetable without hard violations, with an
    /// integer program solved by HiGHS (exit status 3 when it proves there is no such timetable).
    Bound {
        /// Problem file: ITC-2007 `.ctt`, Horarium `.json` or FET `.fet`.
        instance: PathBuf,
        /// Time limit in seconds; HiGHS then reports the best bound proved so far.
        #[arg(long, default_value_t = 60.0)]
        time: f64,
        /// Print one JSON object instead of sentences.
        #[arg(long)]
        json: bool,
    },
    /// Convert a problem to another format, or write a timetable into the school's FET file.
    Convert {
        /// Problem file: ITC-2007 `.ctt`, Horarium `.json` or FET `.fet`.
        instance: PathBuf,
        /// Target format: `json` writes the problem in Horarium JSON; `fet` writes the `.fet`
        /// file given as the problem with every lesson of `--timetable` locked at its time and room.
        #[arg(long, value_enum)]
        to: ConvertTarget,
        /// The timetable to write into the `.fet` file (with `--to fet`): Horarium `.json` or
        /// one of FET's own.
        #[arg(long, required_if_eq("to", "fet"))]
        timetable: Option<PathBuf>,
        /// Output file; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Search for a timetable and write the best one found.
    Solve {
        /// Problem file: ITC-2007 `.ctt` or Horarium `.json`.
        instance: PathBuf,
        /// Time limit in seconds.
        #[arg(long, default_value_t = horarium::report::DEFAULT_TIME_LIMIT)]
        time: f64,
        /// Limit on moves tried per thread (with one thread, makes the run reproducible).
        #[arg(long)]
        iterations: Option<u64>,
        /// Random seed.
        #[arg(long, default_value_t = horarium::report::DEFAULT_SEED)]
        seed: u64,
        /// Parallel searches.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// Output file (competition format for `.ctt`, JSON otherwise); standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// First prove a lower bound on the soft cost with the exact layer, for this many
        /// seconds: the search stops when it reaches the bound (the timetable is then optimal),
        /// and the result is reported against it.
        #[arg(long, value_name = "SECONDS")]
        bound: Option<f64>,
        /// With two threads or more, let the last thread repair the best timetable with integer
        /// programs (HiGHS) instead of annealing.
        #[arg(long)]
        repair: bool,
        /// Start from this timetable.
        #[arg(long)]
        from: Option<PathBuf>,
        /// No progress output.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Draw a timetable as one HTML page (week grids per class, teacher and room, with every
    /// violation explained), list its lessons as CSV, or write them as an iCalendar file.
    Render {
        /// Problem file: ITC-2007 `.ctt` or Horarium `.json`.
        problem: PathBuf,
        /// Timetable: the competition's `course room day period` lines, or Horarium `.json`.
        timetable: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = render::Format::Html)]
        format: render::Format,
        /// Output file; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// With `--format ics`: only this teacher's lessons (by name, as in the problem).
        #[arg(long, value_name = "NAME", group = "owner")]
        teacher: Option<String>,
        /// With `--format ics`: only the lessons this group's students attend (its subgroups' and parent groups' too).
        #[arg(long, value_name = "NAME", group = "owner")]
        group: Option<String>,
        /// With `--format ics`: only the lessons in this room.
        #[arg(long, value_name = "NAME", group = "owner")]
        room: Option<String>,
        /// With `--format ics`: the calendar's creation time in UTC, `YYYYMMDDTHHMMSSZ`; now by default.
        #[arg(long, value_name = "YYYYMMDDTHHMMSSZ")]
        dtstamp: Option<String>,
    },
    /// Solve a changed problem again from an earlier timetable, moving as few lessons as possible.
    Resolve {
        /// The changed problem: ITC-2007 `.ctt` or Horarium `.json`.
        problem: PathBuf,
        /// The earlier timetable (JSON, or the competition format for `.ctt`); what no longer fits is left out.
        #[arg(long)]
        from: PathBuf,
        /// Output file; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Time limit in seconds.
        #[arg(long, default_value_t = horarium::report::DEFAULT_TIME_LIMIT)]
        time: f64,
        /// Random seed.
        #[arg(long, default_value_t = horarium::report::DEFAULT_SEED)]
        seed: u64,
        /// Parallel searches.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// Limit on moves tried per thread (with one thread, makes the run reproducible).
        #[arg(long)]
        iterations: Option<u64>,
        /// Soft cost of moving one lesson (to another slot or room).
        #[arg(long, default_value_t = horarium::resolve::DEFAULT_MOVE_COST)]
        move_cost: std::num::NonZeroU32,
        /// No progress output and no list of moved lessons.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Run every instance of a folder with several seeds and compare with best known values.
    Bench {
        /// Folder of `.ctt` or `.json` instances (for ITC-2007, only compNN are run).
        #[arg(long)]
        instances: PathBuf,
        /// Seconds per run.
        #[arg(long, default_value_t = 60.0)]
        time: f64,
        /// Seeds per instance.
        #[arg(long, default_value_t = 3)]
        seeds: u64,
        /// First seed; runs use first-seed, first-seed + 1, ...
        #[arg(long, default_value_t = 1)]
        first_seed: u64,
        /// Threads per run.
        #[arg(long, default_value = "1")]
        threads: std::num::NonZeroUsize,
        /// Runs at the same time (keep jobs x threads at most the number of cores).
        #[arg(long, default_value = "1")]
        jobs: std::num::NonZeroUsize,
        /// CSV with columns `instance` and `best_known_ub`; default: best_known.csv beside the instances.
        #[arg(long)]
        best_known: Option<PathBuf>,
        /// Write PREFIX.csv and PREFIX.json (and PREFIX-INSTANCE.svg with --plot).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Draw the best cost over time of every seed, one SVG per instance (needs --out).
        #[arg(long)]
        plot: bool,
        /// Run only these instances (file names without extension), comma-separated.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// First prove a lower bound on each instance's soft cost for this many seconds (one
        /// thread): the table shows it and how many runs met it (optimal); a run stops there.
        #[arg(long, value_name = "SECONDS")]
        bound: Option<f64>,
        /// With two threads or more, let the last thread repair the best timetable with integer
        /// programs (HiGHS) instead of annealing.
        #[arg(long)]
        repair: bool,
    },
    /// Generate a problem.
    Generate {
        #[command(subcommand)]
        what: GenerateWhat,
    },
    /// Print the JSON Schema of the problem or timetable format.
    Schema {
        /// Which document.
        #[arg(value_enum, default_value_t = SchemaKind::Problem)]
        kind: SchemaKind,
    },
}

#[derive(Subcommand, Debug)]
enum GenerateWhat {
    /// A secondary school, feasible by construction: 5 days of 8 periods, 15 subjects, classes
    /// of about 31 students split into halves for languages and religion or ethics.
    School {
        /// Number of classes (80 make a school of about 2,500 students and 120 teachers).
        #[arg(long, default_value_t = 80)]
        classes: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (Horarium JSON); standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write the timetable the school was built around (JSON), which has no hard violation.
        #[arg(long)]
        witness: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ConvertTarget {
    /// Horarium JSON.
    Json,
    /// FET's `.fet`, with a timetable's lessons locked.
    Fet,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaKind {
    /// The problem format.
    Problem,
    /// The timetable format.
    Timetable,
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let reader = ProblemReader { options: horarium::formats::ReadOptions { skip_unsupported: cli.skip_unsupported } };
    match cli.command {
        Command::Validate { instance, solution, json } if xhstt::is_archive(&instance) => {
            xhstt::validate(&instance, solution.as_deref(), json)
        }
        Command::Validate { instance, solution: Some(solution), json } => validate::run(reader, &instance, &solution, json),
        Command::Validate { instance, solution: None, .. } => {
            anyhow::bail!("{}: a timetable to validate is needed: `horarium validate PROBLEM TIMETABLE`", instance.display())
        }
        Command::Convert { instance, to: ConvertTarget::Json, timetable: None, output } => {
            convert::to_json(reader, &instance, output.as_deref())
        }
        Command::Convert { instance, to: ConvertTarget::Json, timetable: Some(_), .. } => {
            anyhow::bail!(
                "{}: --timetable goes with --to fet; `horarium convert PROBLEM --to json` converts the problem",
                instance.display()
            )
        }
        Command::Convert { instance, to: ConvertTarget::Fet, timetable, output } => {
            let timetable = timetable.ok_or_else(|| anyhow::anyhow!("--to fet needs --timetable"))?;
            convert::to_fet(reader, &instance, &timetable, output.as_deref())
        }
        Command::Solve { instance, time, iterations, seed, threads, output, from, quiet, bound, repair } => {
            solve::run(&solve::Args { reader, instance, time, iterations, seed, threads, output, initial: from, quiet, bound, repair })
        }
        Command::Render { problem, timetable, format, output, teacher, group, room, dtstamp } => {
            let owner =
                teacher.map(render::OwnerName::Teacher).or(group.map(render::OwnerName::Group)).or(room.map(render::OwnerName::Room));
            render::run(&render::Args { reader, problem, timetable, format, output, owner, dtstamp })
        }
        Command::Bench { instances, time, seeds, first_seed, threads, jobs, best_known, out, plot, only, bound, repair } => {
            bench::run(&bench::Args {
                reader,
                instances,
                time,
                seeds,
                first_seed,
                threads,
                jobs,
                best_known,
                out,
                plot,
                only,
                bound,
                repair,
            })
        }
        Command::Generate { what: GenerateWhat::School { classes, seed, output, witness } } => {
            generate::school(&generate::Args { classes, seed, output, witness })
        }
        Command::Resolve { problem, from, output, time, iterations, seed, threads, move_cost, quiet } => {
            resolve::run(&resolve::Args { reader, problem, from, output, time, iterations, seed, threads, move_cost, quiet })
        }
        Command::Analyze { instance, json } => analyze::run(reader, &instance, json),
        Command::Bound { instance, time, json } => bound::run(reader, &instance, time, json),
        Command::Schema { kind } => {
            println!(
                "{}",
                match kind {
                    SchemaKind::Problem => horarium::formats::json::problem_schema(),
                    SchemaKind::Timetable => horarium::formats::json::timetable_schema(),
                }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The options of a search from its command-line flags, checked against core's bounds; an error
/// names the flag.
/// The search's options from the command line. The search stops at a timetable without any cost,
/// which nothing can beat: searching on would only spend the time (the timetable is the same).
fn options(time: f64, iterations: Option<u64>, seed: u64, threads: usize) -> anyhow::Result<horarium::SolveOptions> {
    let target = Some(horarium::Cost { hard: 0, soft: 0 });
    let parameters = horarium::report::SolveParameters { time_limit: Some(time), iterations, target, seed, threads };
    horarium::SolveOptions::new(&parameters).map_err(|e| {
        let flag = match e.field {
            "time_limit" => "--time",
            "iterations" => "--iterations",
            "threads" => "--threads",
            other => other,
        };
        anyhow::anyhow!("{flag} {}", e.problem)
    })
}

/// Writes `text` to `output`, or to standard output when there is none.
fn write_output(output: Option<&std::path::Path>, text: &str) -> anyhow::Result<()> {
    use anyhow::Context as _;
    match output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
