//! `horarium render`: draw a timetable as an HTML page of week grids, list it as CSV, or write it
//! as an iCalendar file (everyone's lessons, or one teacher's, group's or room's).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::bail;
use horarium::render::{self, Owner};
use horarium::{formats, score, Problem};

/// What `render` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML page: week grids per class, teacher and room, and the violations.
    Html,
    /// One CSV row per placed lesson.
    Csv,
    /// An iCalendar file (RFC 5545): one weekly event per placed lesson.
    Ics,
}

/// Whose calendar `--format ics` writes, by name as the problem spells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerName {
    /// `--teacher NAME`.
    Teacher(String),
    /// `--group NAME`.
    Group(String),
    /// `--room NAME`.
    Room(String),
}

pub struct Args {
    pub reader: super::ProblemReader,
    pub problem: PathBuf,
    pub timetable: PathBuf,
    pub format: Format,
    pub output: Option<PathBuf>,
    /// For `--format ics`: whose lessons; everyone's when `None`.
    pub owner: Option<OwnerName>,
    /// For `--format ics`: the `DTSTAMP`; the current time when `None`.
    pub dtstamp: Option<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.format != Format::Ics && (args.owner.is_some() || args.dtstamp.is_some()) {
        bail!("--teacher, --group, --room and --dtstamp only apply to --format ics");
    }
    if let Some(dtstamp) = &args.dtstamp {
        render::check_dtstamp(dtstamp).map_err(anyhow::Error::msg)?;
    }
    let read = args.reader.read_with_sources(&args.problem)?;
    let problem = &read.problem;
    let owner = args
        .owner
        .as_ref()
        .map(|name| find_owner(problem, name))
        .transpose()
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.problem.display()))?;
    let (timetable, warnings) = formats::read_timetable_of(&read, &args.timetable)?;
    for w in &warnings {
        eprintln!("warning: {}:{w}", args.timetable.display());
    }
    let score = score(problem, &timetable);
    let text = match args.format {
        Format::Html => render::html(problem, &timetable, &score),
        Format::Csv => render::csv(problem, &timetable, &score),
        Format::Ics => {
            let dtstamp = args.dtstamp.clone().unwrap_or_else(now);
            render::ics(problem, &timetable, &score, owner, &dtstamp)
        }
    };
    super::write_output(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The current time as a `DTSTAMP`.
fn now() -> String {
    render::utc_dtstamp(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// The teacher, group or room of that name, or an error naming it (and at most a few of the
/// names the problem has).
fn find_owner(problem: &Problem, name: &OwnerName) -> Result<Owner, String> {
    let (found, what, names): (Option<Owner>, &str, Vec<&str>) = match name {
        OwnerName::Teacher(n) => {
            (problem.teacher_by_name(n).map(Owner::Teacher), "teacher", problem.teachers().iter().map(|t| t.name.as_str()).collect())
        }
        OwnerName::Group(n) => {
            (problem.group_by_name(n).map(Owner::Group), "group", problem.groups().iter().map(|g| g.name.as_str()).collect())
        }
        OwnerName::Room(n) => (problem.room_by_name(n).map(Owner::Room), "room", problem.rooms().iter().map(|r| r.name.as_str()).collect()),
    };
    let (OwnerName::Teacher(wanted) | OwnerName::Group(wanted) | OwnerName::Room(wanted)) = name;
    found.ok_or_else(|| {
        const SHOWN: usize = 5;
        let listed: Vec<String> = names.iter().take(SHOWN).map(|n| format!("{n:?}")).collect();
        let known = match names.len() {
            0 => format!("it has no {what}s"),
            n if n <= SHOWN => format!("its {what}s are {}", listed.join(", ")),
            n => format!("its {n} {what}s include {}, ...", listed.join(", ")),
        };
        format!("no {what} named {wanted:?} ({known})")
    })
}
