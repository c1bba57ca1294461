//! `horarium render`: draw a timetable as an HTML page of week grids, or list it as CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use horarium::{formats, render, score};

/// What `render` writes.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML page: week grids per class, teacher and room, and the violations.
    Html,
    /// One CSV row per placed lesson.
    Csv,
}

pub struct Args {
    pub problem: PathBuf,
    pub timetable: PathBuf,
    pub format: Format,
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let problem = formats::read_problem(&args.problem)?;
    let (timetable, warnings) = formats::read_timetable(&problem, &args.timetable)?;
    for w in &warnings {
        eprintln!("warning: {}:{w}", args.timetable.display());
    }
    let score = score(&problem, &timetable);
    let text = match args.format {
        Format::Html => render::html(&problem, &timetable, &score),
        Format::Csv => render::csv(&problem, &timetable, &score),
    };
    super::write_output(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}
