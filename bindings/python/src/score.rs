//! `horarium.Score` and `horarium.score()`: the core scorer's report, and the timetable arguments
//! that `score`, `solve(initial=...)`, `resolve(old)` and the renderers accept.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use horarium::formats::{self, json, ProblemFormat};
use horarium::report::ScoreReport;
use horarium::Timetable;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::engine_error;
use crate::problem::{json_dumps, to_python, Problem};
use crate::solve::Solution;

/// The evaluation of a timetable: hard and soft totals, the totals per constraint kind, and every
/// violation with the lessons, slots and resources involved.
#[pyclass(module = "horarium", frozen)]
pub struct Score {
    pub(crate) problem: Arc<horarium::Problem>,
    pub(crate) score: horarium::Score,
    /// One warning per skipped line of a solution file, as the CLI's `validate` prints them.
    pub(crate) warnings: Vec<String>,
    /// The engine's report of the score, made on first use.
    report: OnceLock<ScoreReport>,
}

impl Score {
    pub(crate) fn new(problem: Arc<horarium::Problem>, score: horarium::Score, warnings: Vec<String>) -> Self {
        Score { problem, score, warnings, report: OnceLock::new() }
    }

    fn score_report(&self) -> &ScoreReport {
        self.report.get_or_init(|| ScoreReport::new(&self.problem, &self.score))
    }
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

    /// ``{kind: {"hard": int, "soft": int, "violations": int}}``: what the violations of each kind
    /// add to the totals and how many there are, for the built-in rules and every kind the
    /// problem uses, in catalog order.
    #[getter]
    fn breakdown<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.score_report().breakdown))
    }

    /// Every violation, as dicts with ``kind``, ``constraint`` (index in the problem's
    /// constraints, None for a built-in rule), ``level`` (``"hard"`` or ``{"soft": weight}``),
    /// ``amount``, ``cost`` (``{"hard", "soft"}``, what it adds to the totals), ``lessons``
    /// (dicts with ``course`` and ``lesson``), ``slots`` (dicts with ``day`` and ``period``),
    /// ``resources`` (dicts with ``type`` and ``name``) and ``message``.
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.score_report().violations))
    }

    /// Lines of a solution file that were skipped, as the command-line tool's ``validate`` warns of them.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// The whole score as the engine reports it: ``{"cost": {"hard", "soft"}, "feasible",
    /// "breakdown", "violations"}``.
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(self.score_report()))
    }

    fn __repr__(&self) -> String {
        format!("<horarium.Score hard {} soft {}, {} violations>", self.score.cost.hard, self.score.cost.soft, self.score.violations.len())
    }
}

/// How a timetable argument is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Every entry must fit the problem (`score`, `solve(initial=...)`, the renderers).
    Strict,
    /// The entries that fit the problem are kept and the others listed in the warnings, as
    /// `horarium resolve --from` reads a timetable made for an earlier version of the problem.
    KeepingValid,
}

/// A timetable for `problem` from what Python gave, with its warnings: a `Solution`, JSON text, a
/// list of assignment dicts, a dict `{"assignments": [...]}`, or a path (`os.PathLike`), read as
/// the CLI reads it (`.json` as JSON, anything else as a solution in the ITC-2007 format, whose
/// malformed lines are skipped with a warning `file:line: ...`).
///
/// `Reading::KeepingValid` leaves out what does not fit with a warning `file: issue (left out)`,
/// as `horarium resolve` warns of it, where `Reading::Strict` raises ParseError.
pub(crate) fn timetable_arg(problem: &Problem, obj: &Bound<'_, PyAny>, what: &str, reading: Reading) -> PyResult<(Timetable, Vec<String>)> {
    let py = obj.py();
    let core = &problem.inner;
    // A JSON timetable: its serde model, read strictly or keeping what fits.
    let from_json = |file: &str, text: &str| -> PyResult<(Timetable, Vec<String>)> {
        if reading == Reading::Strict {
            return json::parse_timetable(core, file, text).map(|t| (t, Vec::new())).map_err(|e| engine_error(py, &e));
        }
        let Ok(def) = serde_json::from_str::<json::TimetableDef>(text) else {
            // Not a timetable at all: the strict reader's error names the line and column.
            return Err(engine_error(py, &strict_error(json::parse_timetable(core, file, text).err(), file)));
        };
        Ok(keeping_valid(core, file, &def))
    };
    if let Ok(solution) = obj.cast::<Solution>() {
        let solution = solution.get();
        let theirs = &solution.problem.get().inner;
        if Arc::ptr_eq(theirs, core) || theirs == core {
            return Ok((solution.solution.timetable.clone(), Vec::new()));
        }
        // A solution of another problem: carried over by names, as a JSON timetable would be.
        let def = json::timetable_to_def(theirs, &solution.solution.timetable);
        return match reading {
            Reading::Strict => json::timetable_from_def(core, &def)
                .map(|t| (t, Vec::new()))
                .map_err(|issues| engine_error(py, &horarium::Error::parse("<solution>", issues))),
            Reading::KeepingValid => Ok(keeping_valid(core, "<solution>", &def)),
        };
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return from_json("<json>", &text.to_cow()?);
    }
    if obj.is_instance(&py.import("os")?.getattr("PathLike")?)? {
        let path: PathBuf = obj.extract()?;
        let file = path.display().to_string();
        if reading == Reading::KeepingValid && ProblemFormat::of_path(&path) == ProblemFormat::Json {
            return match std::fs::read(&path) {
                Ok(bytes) if std::str::from_utf8(&bytes).is_ok() => from_json(&file, &String::from_utf8_lossy(&bytes)),
                // A file that cannot be read or is not UTF-8 text: the reader's own message.
                Ok(_) | Err(_) => Err(engine_error(py, &strict_error(py.detach(|| formats::read_timetable(core, &path)).err(), &file))),
            };
        }
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
    from_json(file, &text)
}

/// The error of the strict reader, which refuses whatever the lenient one cannot read.
fn strict_error(error: Option<horarium::Error>, file: &str) -> horarium::Error {
    error.unwrap_or_else(|| horarium::Error::parse(file, Vec::new()))
}

/// The entries of `def` that fit `problem`, and a warning per one left out, as `horarium resolve` prints it.
fn keeping_valid(problem: &horarium::Problem, file: &str, def: &json::TimetableDef) -> (Timetable, Vec<String>) {
    let (timetable, issues) = json::timetable_from_def_keeping_valid(problem, def);
    (timetable, issues.iter().map(|issue| format!("{file}: {issue} (left out)")).collect())
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
    let (timetable, warnings) = timetable_arg(p, timetable, "timetable", Reading::Strict)?;
    let core = Arc::clone(&p.inner);
    let score = py.detach(|| horarium::score(&core, &timetable));
    Ok(Score::new(core, score, warnings))
}
