//! `horarium.Score` and `horarium.score()`: the core scorer's report, and the timetable arguments
//! that `score` and `solve(initial=...)` accept.

use std::path::PathBuf;
use std::sync::Arc;

use horarium::formats::{self, json};
use horarium::{Level, Timetable};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::engine_error;
use crate::problem::{json_dumps, resource, Problem};
use crate::solve::Solution;

/// The evaluation of a timetable: hard and soft totals, the totals per constraint kind, and every
/// violation with the lessons, slots and resources involved.
#[pyclass(module = "horarium", frozen)]
pub struct Score {
    pub(crate) problem: Arc<horarium::Problem>,
    pub(crate) score: horarium::Score,
    /// One warning per skipped line of a solution file, as the CLI's `validate` prints them.
    pub(crate) warnings: Vec<String>,
}

#[pymethods]
impl Score {
    /// ``(hard, soft)``: the sum of hard violations (0 means feasible) and the weighted soft cost.
    #[getter]
    fn cost(&self) -> (u64, u64) {
        (self.score.cost.hard, self.score.cost.soft)
    }

    /// The sum of the amounts of hard violations.
    #[getter]
    fn hard(&self) -> u64 {
        self.score.cost.hard
    }

    /// The weighted sum of the amounts of soft violations.
    #[getter]
    fn soft(&self) -> u64 {
        self.score.cost.soft
    }

    /// Whether no hard constraint is violated.
    #[getter]
    fn feasible(&self) -> bool {
        self.score.cost.is_feasible()
    }

    /// ``{kind: (hard, soft)}`` for the built-in rules and every kind the problem uses, in catalog order.
    #[getter]
    fn breakdown<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        breakdown(py, &self.score)
    }

    /// Every violation, as dicts with ``kind``, ``constraint`` (index in the problem's constraints,
    /// None for a built-in rule), ``level`` ("hard" or "soft"), ``weight`` (None when hard),
    /// ``amount``, ``hard``, ``soft``, ``lessons`` (list of (course, index)), ``slots`` (list of
    /// (day, period)), ``resources`` (list of (type, name)) and ``message``.
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        violations(py, &self.problem, &self.score)
    }

    /// Lines of a solution file that were skipped, as the command-line tool's ``validate`` warns of them.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    fn __repr__(&self) -> String {
        format!("<horarium.Score hard {} soft {}, {} violations>", self.score.cost.hard, self.score.cost.soft, self.score.violations.len())
    }
}

pub(crate) fn breakdown<'py>(py: Python<'py>, score: &horarium::Score) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for k in &score.by_kind {
        d.set_item(k.kind.name(), (k.cost.hard, k.cost.soft))?;
    }
    Ok(d)
}

pub(crate) fn violations<'py>(py: Python<'py>, problem: &horarium::Problem, score: &horarium::Score) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let calendar = problem.calendar();
    score
        .violations
        .iter()
        .map(|v| {
            let d = PyDict::new(py);
            d.set_item("kind", v.kind.name())?;
            d.set_item("constraint", v.constraint)?;
            let (level, weight) = match v.level {
                Level::Hard => ("hard", None),
                Level::Soft(w) => ("soft", Some(w.get())),
            };
            d.set_item("level", level)?;
            d.set_item("weight", weight)?;
            d.set_item("amount", v.amount)?;
            d.set_item("hard", v.cost.hard)?;
            d.set_item("soft", v.cost.soft)?;
            let lessons: Vec<(&str, u32)> = v
                .lessons
                .iter()
                .map(|&l| {
                    let lesson = problem.lesson(l);
                    (problem.course(lesson.course).name.as_str(), lesson.index_in_course)
                })
                .collect();
            d.set_item("lessons", lessons)?;
            d.set_item("slots", v.slots.iter().map(|&s| (calendar.day(s), calendar.period(s))).collect::<Vec<_>>())?;
            d.set_item("resources", v.resources.iter().map(|&r| resource(problem, r)).collect::<Vec<_>>())?;
            d.set_item("message", &v.message)?;
            Ok(d)
        })
        .collect()
}

/// A timetable for `problem` from what Python gave, with the warnings of a solution file:
/// a `Solution`, JSON text, a list of assignment dicts, a dict `{"assignments": [...]}`, or a
/// path (`os.PathLike`), read as the CLI reads it (`.json` as JSON, anything else as a solution
/// in the ITC-2007 format).
pub(crate) fn timetable_arg(problem: &Problem, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<(Timetable, Vec<String>)> {
    let py = obj.py();
    let core = &problem.inner;
    if let Ok(solution) = obj.cast::<Solution>() {
        let solution = solution.get();
        let theirs = &solution.problem.get().inner;
        if Arc::ptr_eq(theirs, core) || theirs == core {
            return Ok((solution.solution.timetable.clone(), Vec::new()));
        }
        // A solution of another problem: carried over by names, as a JSON timetable would be.
        let def = json::timetable_to_def(theirs, &solution.solution.timetable);
        return json::timetable_from_def(core, &def)
            .map(|t| (t, Vec::new()))
            .map_err(|issues| engine_error(py, &horarium::Error::parse("<solution>", issues)));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        return json::parse_timetable(core, "<json>", &text).map(|t| (t, Vec::new())).map_err(|e| engine_error(py, &e));
    }
    if obj.is_instance(&py.import("os")?.getattr("PathLike")?)? {
        let path: PathBuf = obj.extract()?;
        let file = path.display().to_string();
        return match py.detach(|| formats::read_timetable(core, &path)) {
            Ok((timetable, warnings)) => Ok((timetable, warnings.iter().map(|w| format!("{file}:{w}")).collect())),
            Err(e) => Err(engine_error(py, &e)),
        };
    }
    let (file, text) = if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let doc = PyDict::new(py);
        doc.set_item("assignments", obj)?;
        ("<assignments>", json_dumps(doc.as_any())?)
    } else if obj.is_instance_of::<PyDict>() {
        ("<timetable>", json_dumps(obj)?)
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a Solution, JSON text, a list of assignment dicts, a dict with \"assignments\" or an os.PathLike, not {}",
            obj.get_type().name()?
        )));
    };
    json::parse_timetable(core, file, &text).map(|t| (t, Vec::new())).map_err(|e| engine_error(py, &e))
}

/// Scores a timetable against a problem, from scratch, with the engine's exact scorer.
///
/// ``timetable`` is a Solution, a timetable in Horarium JSON text, a list of assignment dicts
/// (``course``, ``lesson``, ``day``, ``period``, ``room``, as ``Solution.assignments`` gives), a
/// dict ``{"assignments": [...]}``, or an ``os.PathLike`` naming a file, read as the command-line
/// tool's ``validate`` reads it: ``.json`` as JSON, anything else as an ITC-2007 solution, whose
/// malformed lines are skipped and listed in ``Score.warnings``.
#[pyfunction]
pub fn score(py: Python<'_>, problem: &Bound<'_, Problem>, timetable: &Bound<'_, PyAny>) -> PyResult<Score> {
    let p = problem.get();
    let (timetable, warnings) = timetable_arg(p, timetable, "timetable")?;
    let core = Arc::clone(&p.inner);
    let score = py.detach(|| horarium::score(&core, &timetable));
    Ok(Score { problem: core, score, warnings })
}
