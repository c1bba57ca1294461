//! `horarium generate school`: write a generated school (and, on request, its witness timetable).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use horarium::formats::json;
use horarium::generate::{self, SchoolOptions};

pub struct Args {
    pub classes: usize,
    pub seed: u64,
    pub output: Option<PathBuf>,
    pub witness: Option<PathBuf>,
}

pub fn school(args: &Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.classes > 0, "--classes must be at least 1");
    let school = generate::school(&SchoolOptions { classes: args.classes, seed: args.seed });
    let mut text = json::write_problem(&school.problem);
    text.push('\n');
    super::write_output(args.output.as_deref(), &text)?;
    if let Some(path) = &args.witness {
        let mut text = json::write_timetable(&school.problem, &school.witness);
        text.push('\n');
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let p = &school.problem;
    eprintln!(
        "{}: {} classes, {} students, {} teachers, {} rooms, {} courses, {} lessons, {} constraints",
        p.name(),
        args.classes,
        school.students,
        p.teachers().len(),
        p.rooms().len(),
        p.courses().len(),
        p.lessons().len(),
        p.constraints().len()
    );
    Ok(ExitCode::SUCCESS)
}
