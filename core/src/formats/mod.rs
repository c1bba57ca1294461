//! File formats: ITC-2007 `.ctt` instances and solutions, FET's `.fet` files, and Horarium's JSON.
//!
//! Readers turn bytes into a [`Problem`] or [`Timetable`] or a located [`Error`]; they never
//! panic. [`read_problem`] and [`read_timetable`] choose the format from the file name.

pub mod ctt;
pub mod ctt_solution;
pub mod fet;
pub mod json;
pub mod xhstt;
mod xml;

use std::path::Path;

use crate::error::{Error, Issue};
use crate::problem::Problem;
use crate::timetable::Timetable;

/// The format of a problem file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemFormat {
    /// ITC-2007 track 3 `.ctt`.
    Ctt,
    /// Horarium JSON.
    Json,
    /// FET's `.fet` XML.
    Fet,
    /// An XHSTT archive `.xml` (of one instance).
    Xhstt,
}

impl ProblemFormat {
    /// The format a file name implies: `.json` is JSON, `.fet` is FET, `.xml` an XHSTT archive,
    /// anything else is `.ctt`.
    pub fn of_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => ProblemFormat::Json,
            Some(ext) if ext.eq_ignore_ascii_case("fet") => ProblemFormat::Fet,
            Some(ext) if ext.eq_ignore_ascii_case("xml") => ProblemFormat::Xhstt,
            _ => ProblemFormat::Ctt,
        }
    }
}

/// Reads a problem, `.json` as Horarium JSON, `.fet` as FET, `.xml` as an XHSTT archive and
/// anything else as `.ctt`.
pub fn read_problem(path: &Path) -> Result<Problem, Error> {
    read_problem_with(path, ReadOptions::default()).map(|read| read.problem)
}

/// How [`read_problem_with`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Leave out the constraints of a FET file whose types have no counterpart in the catalog,
    /// instead of refusing the file (see [`fet::FetOptions`]).
    pub skip_unsupported: bool,
}

/// A problem as read, with what was left out of it.
#[derive(Clone, Debug)]
pub struct ReadProblem {
    /// The problem.
    pub problem: Problem,
    /// The constraint types left out, each with how many constraints of it (only with
    /// [`ReadOptions::skip_unsupported`]).
    pub skipped: Vec<(String, usize)>,
    /// For a `.fet` file, which lesson each of its activities became: what reading FET's
    /// timetables and writing one back need.
    pub fet_activities: Option<fet::ActivityMap>,
    /// What the file says that is valid but cannot be met, such as a `.ctt` course asking for
    /// more working days than the week has (see [`ctt::CttInstance::warnings`]), or what the
    /// mapping of an XHSTT instance approximates.
    pub warnings: Vec<Issue>,
    /// For an XHSTT archive, the archive and its mapping: what writing a timetable back as an
    /// XHSTT solution, and evaluating it in XHSTT's terms, needs.
    pub xhstt: Option<Box<xhstt::XhsttProblem>>,
}

/// Reads a problem as [`read_problem`] does, with `options`.
pub fn read_problem_with(path: &Path, options: ReadOptions) -> Result<ReadProblem, Error> {
    let file = path.display().to_string();
    let read = |problem| ReadProblem { problem, skipped: Vec::new(), fet_activities: None, warnings: Vec::new(), xhstt: None };
    match ProblemFormat::of_path(path) {
        ProblemFormat::Ctt => {
            let instance = ctt::read_instance(path)?;
            Ok(ReadProblem { warnings: instance.warnings(), ..read(instance.to_problem()?) })
        }
        ProblemFormat::Json => {
            let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
            Ok(read(json::parse_problem(&file, utf8(&file, &bytes)?)?))
        }
        ProblemFormat::Fet => {
            let instance = fet::read(path, fet::FetOptions { skip_unsupported: options.skip_unsupported })?;
            let problem = instance.to_problem(&file)?;
            Ok(ReadProblem { skipped: instance.skipped, fet_activities: Some(instance.activities), ..read(problem) })
        }
        ProblemFormat::Xhstt => {
            let (xhstt, problem) = xhstt::XhsttProblem::read(path)?;
            let warnings = xhstt.mapped.warnings.clone();
            Ok(ReadProblem { warnings, xhstt: Some(Box::new(xhstt)), ..read(problem) })
        }
    }
}

/// Whether `path` names one of FET's timetables: its `_activities.xml`, or a `.fet` file with
/// the activities locked.
pub fn is_fet_timetable(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|ext| ext.eq_ignore_ascii_case("xml") || ext.eq_ignore_ascii_case("fet"))
}

/// Reads a timetable for the problem `read`: as [`read_timetable`] does, and also FET's
/// timetables (`_activities.xml`, or a `.fet` file with every activity locked) when the problem
/// was read from a `.fet` file.
pub fn read_timetable_of(read: &ReadProblem, path: &Path) -> Result<(Timetable, Vec<Issue>), Error> {
    if read.xhstt.is_some() && ProblemFormat::of_path(path) == ProblemFormat::Xhstt {
        // Its events may be split otherwise than the problem's courses; the evaluator reads it.
        let message = "an XHSTT solution is evaluated against its archive by `horarium validate ARCHIVE.xml SOLUTIONS.xml`; \
                       reading it as a timetable (for render, or to start a search from) is not supported yet";
        return Err(Error::parse(&path.display().to_string(), vec![Issue::at_path(String::new(), message.to_owned())]));
    }
    match (&read.fet_activities, is_fet_timetable(path)) {
        (Some(activities), true) => fet::timetable::read(&read.problem, activities, path).map(|t| (t.timetable, t.warnings)),
        _ => read_timetable(&read.problem, path),
    }
}

/// Reads a timetable for `problem`: `.json` as Horarium JSON, anything else but FET's timetables
/// in the ITC-2007 solution format. Returns the warnings for skipped solution lines (always
/// empty for JSON). FET's timetables need to know the problem's activities: see
/// [`read_timetable_of`].
pub fn read_timetable(problem: &Problem, path: &Path) -> Result<(Timetable, Vec<Issue>), Error> {
    let file = path.display().to_string();
    if is_fet_timetable(path) {
        return Err(Error::parse(
            &file,
            vec![Issue::at_path(
                String::new(),
                "FET's timetables are read together with the .fet file they were made for; give that file as the problem".to_owned(),
            )],
        ));
    }
    match ProblemFormat::of_path(path) {
        ProblemFormat::Json => {
            let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
            Ok((json::parse_timetable(problem, &file, utf8(&file, &bytes)?)?, Vec::new()))
        }
        ProblemFormat::Ctt | ProblemFormat::Fet | ProblemFormat::Xhstt => {
            let read = ctt_solution::read_solution(problem, path)?;
            Ok((read.timetable, read.warnings))
        }
    }
}

/// The text of a file, or an error naming the line of the first byte that is not UTF-8.
pub(crate) fn utf8<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::parse(file, vec![Issue::at_line(line, "", "the file is not valid UTF-8 text")])
    })
}
