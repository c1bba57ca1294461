//! `horarium.Problem`: a validated problem, read by the engine's format readers.

use std::path::PathBuf;
use std::sync::Arc;

use horarium::formats::{self, ctt, json, ProblemFormat};
use horarium::{analysis, Resource};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::engine_error;

/// A timetabling problem: a calendar of days x periods, teachers, groups, rooms, courses with
/// their lessons, and constraints. Immutable; build one with a ``from_*`` method.
#[pyclass(module = "horarium", frozen)]
pub struct Problem {
    pub(crate) inner: Arc<horarium::Problem>,
    /// Where it came from: ITC-2007 `.ctt` or Horarium JSON (which decides what `Solution.write` writes).
    pub(crate) format: ProblemFormat,
}

impl Problem {
    fn new(py: Python<'_>, read: Result<horarium::Problem, horarium::Error>, format: ProblemFormat) -> PyResult<Self> {
        match read {
            Ok(problem) => Ok(Problem { inner: Arc::new(problem), format }),
            Err(e) => Err(engine_error(py, &e)),
        }
    }
}

#[pymethods]
impl Problem {
    /// Reads an ITC-2007 track 3 instance (``.ctt``) from a file.
    ///
    /// Raises ParseError with the command-line tool's message when the file cannot be read or is malformed.
    #[staticmethod]
    fn from_ctt(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let read = py.detach(|| ctt::read_instance(&path).and_then(|instance| instance.to_problem()));
        Problem::new(py, read, ProblemFormat::Ctt)
    }

    /// Parses the text of an ITC-2007 track 3 instance; ``file`` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, file = "<ctt>"))]
    fn from_ctt_text(py: Python<'_>, text: &str, file: &str) -> PyResult<Self> {
        Problem::new(py, ctt::parse_instance(file, text).and_then(|instance| instance.to_problem()), ProblemFormat::Ctt)
    }

    /// Parses a problem in Horarium JSON (see ``horarium schema problem``); ``file`` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, file = "<json>"))]
    fn from_json(py: Python<'_>, text: &str, file: &str) -> PyResult<Self> {
        Problem::new(py, json::parse_problem(file, text), ProblemFormat::Json)
    }

    /// Builds a problem from a dict in the Horarium JSON model (as ``json.load`` gives it).
    #[staticmethod]
    #[pyo3(signature = (d, file = "<dict>"))]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>, file: &str) -> PyResult<Self> {
        let text = json_dumps(d)?;
        Problem::new(py, json::parse_problem(file, &text), ProblemFormat::Json)
    }

    /// Reads a problem file as the command-line tool does: ``.json`` as Horarium JSON, anything else as ``.ctt``.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let format = ProblemFormat::of_path(&path);
        let read = py.detach(|| formats::read_problem(&path));
        Problem::new(py, read, format)
    }

    /// The problem's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// ``"ctt"`` or ``"json"``: the format it was read from.
    #[getter]
    fn format(&self) -> &'static str {
        format_name(self.format)
    }

    /// Days in the week.
    #[getter]
    fn days(&self) -> u16 {
        self.inner.calendar().days
    }

    /// Periods in a day.
    #[getter]
    fn periods_per_day(&self) -> u16 {
        self.inner.calendar().periods_per_day
    }

    /// Numbers of teachers, groups, rooms, courses, lessons and constraints, by those names.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.inner;
        let d = PyDict::new(py);
        d.set_item("teachers", p.teachers().len())?;
        d.set_item("groups", p.groups().len())?;
        d.set_item("rooms", p.rooms().len())?;
        d.set_item("courses", p.courses().len())?;
        d.set_item("lessons", p.lessons().len())?;
        d.set_item("constraints", p.constraints().len())?;
        Ok(d)
    }

    /// The problem in Horarium JSON (pretty-printed); ``Problem.from_json`` reads it back.
    fn to_json(&self) -> String {
        json::write_problem(&self.inner)
    }

    /// The problem as a dict in the Horarium JSON model.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (json::write_problem(&self.inner),))
    }

    /// The pre-analysis: every reason found why the problem has no timetable without hard
    /// violations, as dicts with ``reason``, ``resources`` and ``message``; empty when none is found.
    fn analyze<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        match analysis::check(&self.inner) {
            Ok(()) => Ok(Vec::new()),
            Err(infeasible) => reasons(py, &self.inner, &infeasible),
        }
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "<horarium.Problem {:?}: {} days x {} periods, {} courses, {} lessons, {} rooms, {} constraints>",
            p.name(),
            p.calendar().days,
            p.calendar().periods_per_day,
            p.courses().len(),
            p.lessons().len(),
            p.rooms().len(),
            p.constraints().len()
        )
    }
}

pub(crate) fn format_name(format: ProblemFormat) -> &'static str {
    match format {
        ProblemFormat::Ctt => "ctt",
        ProblemFormat::Json => "json",
    }
}

/// `json.dumps(obj)`: the Python data turned into the JSON text the engine's serde model reads.
pub(crate) fn json_dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    obj.py().import("json")?.call_method1("dumps", (obj,))?.extract()
}

/// A resource as `(type, name)`, such as `("teacher", "Ada")`.
pub(crate) fn resource(problem: &horarium::Problem, r: Resource) -> (&'static str, String) {
    match r {
        Resource::Teacher(id) => ("teacher", problem.teacher(id).name.clone()),
        Resource::Group(id) => ("group", problem.group(id).name.clone()),
        Resource::Room(id) => ("room", problem.room(id).name.clone()),
        Resource::Course(id) => ("course", problem.course(id).name.clone()),
    }
}

/// The reasons of the pre-analysis as dicts.
pub(crate) fn reasons<'py>(
    py: Python<'py>,
    problem: &horarium::Problem,
    infeasible: &analysis::Infeasible,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    infeasible
        .reasons
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            // The reason's name as the CLI's `analyze --json` writes it.
            let reason = serde_json::to_value(r.reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            d.set_item("reason", reason)?;
            d.set_item("resources", r.resources.iter().map(|&x| resource(problem, x)).collect::<Vec<_>>())?;
            d.set_item("message", &r.message)?;
            Ok(d)
        })
        .collect()
}
