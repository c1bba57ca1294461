//! `horarium.Problem`: a validated problem, read by the engine's format readers.

use std::path::PathBuf;
use std::sync::Arc;

use std::time::Duration;

use horarium::analysis;
use horarium::exact::{self, BoundOptions};
use horarium::formats::{self, ctt, fet, json, ProblemFormat};
use horarium::report::AnalysisReport;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{engine_error, HorariumError};

/// A timetabling problem: a calendar of days x periods, teachers, groups, rooms, courses with
/// their lessons, and constraints. Immutable; build one with a ``from_*`` method.
#[pyclass(module = "horarium", frozen)]
pub struct Problem {
    pub(crate) inner: Arc<horarium::Problem>,
    /// Where it came from: ITC-2007 `.ctt` or Horarium JSON (which decides what `Solution.write` writes).
    pub(crate) format: ProblemFormat,
    /// For an XHSTT archive, the archive and its mapping, to write a solution back as XHSTT.
    pub(crate) xhstt: Option<Arc<formats::xhstt::XhsttProblem>>,
}

impl Problem {
    fn new(py: Python<'_>, read: Result<horarium::Problem, horarium::Error>, format: ProblemFormat) -> PyResult<Self> {
        match read {
            Ok(problem) => Ok(Problem { inner: Arc::new(problem), format, xhstt: None }),
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

    /// Parses the text of a FET file (``.fet``); ``file`` names it in error messages. With
    /// ``skip_unsupported``, constraint types Horarium does not support yet are left out instead
    /// of refusing the file.
    #[staticmethod]
    #[pyo3(signature = (text, file = "<fet>", skip_unsupported = false))]
    fn from_fet_text(py: Python<'_>, text: &str, file: &str, skip_unsupported: bool) -> PyResult<Self> {
        let read = fet::parse(file, text, fet::FetOptions { skip_unsupported }).and_then(|instance| instance.to_problem(file));
        Problem::new(py, read, ProblemFormat::Fet)
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

    /// Reads a problem file as the command-line tool does: ``.json`` as Horarium JSON, ``.fet``
    /// as FET, ``.xml`` as an XHSTT archive of one instance, anything else as ``.ctt``.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let format = ProblemFormat::of_path(&path);
        match py.detach(|| formats::read_problem_with(&path, formats::ReadOptions::default())) {
            Ok(read) => Ok(Problem { inner: Arc::new(read.problem), format, xhstt: read.xhstt.map(Arc::from) }),
            Err(e) => Err(engine_error(py, &e)),
        }
    }

    /// The problem's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// ``"ctt"``, ``"json"``, ``"fet"`` or ``"xhstt"``: the format it was read from.
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
        json_loads(py, &json::write_problem(&self.inner))
    }

    /// The pre-analysis, as the engine reports it (``horarium analyze --json``): ``{"feasible":
    /// bool, "reasons": [...]}``, each reason a dict with ``reason``, ``resources`` (dicts with
    /// ``type`` and ``name``) and ``message``. ``feasible`` is True when no reason is found, which
    /// proves nothing; the reasons prove that no timetable without hard violations exists.
    fn analyze<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let report = py.detach(|| AnalysisReport::new(&self.inner, &analysis::check(&self.inner)));
        to_python(py, serde_json::to_string(&report))
    }

    /// A lower bound on the soft cost of every timetable without hard violations, proved by the
    /// engine's exact layer (an integer program solved by HiGHS) within ``time`` seconds, as
    /// ``horarium bound --json`` reports it: ``{"feasible": bool, "soft": int | None, "exact":
    /// bool, "method", "variables", "integer_variables", "rows", "priced", "relaxed",
    /// "seconds"}``. ``feasible`` False (``soft`` None) proves there is no such timetable; a
    /// solution whose soft cost equals ``soft`` is optimal. The GIL is released meanwhile.
    ///
    /// Raises ValueError when ``time`` is not a positive number of seconds.
    #[pyo3(signature = (time = 60.0))]
    fn bound<'py>(&self, py: Python<'py>, time: f64) -> PyResult<Bound<'py, PyAny>> {
        if !(time.is_finite() && time > 0.0) {
            return Err(PyValueError::new_err(format!("time must be a positive number of seconds, found {time}")));
        }
        let options = BoundOptions { time_limit: Duration::from_secs_f64(time) };
        let found = py.detach(|| exact::bound(&self.inner, &options)).map_err(|e| HorariumError::new_err(e.to_string()))?;
        to_python(py, serde_json::to_string(&found.report()))
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
        ProblemFormat::Fet => "fet",
        ProblemFormat::Xhstt => "xhstt",
    }
}

/// `json.dumps(obj)`: the Python data turned into the JSON text the engine's serde model reads.
pub(crate) fn json_dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    obj.py().import("json")?.call_method1("dumps", (obj,))?.extract()
}

/// `json.loads(text)`: JSON text as Python data (dicts, lists, str, int, float, bool, None).
pub(crate) fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// One of the engine's reports, serialised by serde as it is (`serde_json::to_string(&report)`),
/// as Python data: the binding never rebuilds a report field by field.
pub(crate) fn to_python<'py>(py: Python<'py>, serialised: serde_json::Result<String>) -> PyResult<Bound<'py, PyAny>> {
    let text = serialised.map_err(|e| PyRuntimeError::new_err(format!("cannot serialise a report: {e}")))?;
    json_loads(py, &text)
}
