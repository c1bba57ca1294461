//! `horarium.solve()` and its result, `horarium.Solution`, and the way of running a search that
//! `solve` and `resolve` share.
//!
//! The search runs on a Rust thread, without the GIL. The calling thread waits for it in slices
//! of at most `POLL`, and between two slices takes the GIL to hand the latest progress report to
//! the Python callback and to run Python's signal handlers (`check_signals`). When either raises
//! (Ctrl-C raises KeyboardInterrupt), it sets the search's cancellation flag, waits for the search
//! to stop (it polls the flag every 512 moves, well under a millisecond) and re-raises.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use horarium::analysis::Infeasible;
use horarium::formats::{ctt_solution, json, ProblemFormat};
use horarium::report::{AnalysisReport, SolveParameters};
use horarium::SolveOptions;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::problem::{to_python, Problem};
use crate::score::{timetable_arg, Reading, Score};
use crate::{engine_error, InfeasibleError};

/// Longest wait between two looks at progress and signals.
const POLL: Duration = Duration::from_millis(50);

/// A report on a running search, passed to the ``progress`` callback of ``solve``.
#[pyclass(module = "horarium", frozen, get_all)]
pub struct Progress {
    /// Seconds since the solve started.
    elapsed: f64,
    /// ``(hard, soft)``: the best cost found so far.
    best: (u64, u64),
    /// Moves tried per second (per thread) since the start.
    moves_per_second: f64,
    /// Moves tried so far by the reporting thread.
    iterations: u64,
    /// Fraction of the budget (time or iterations) used, from 0 to 1.
    fraction: f64,
}

#[pymethods]
impl Progress {
    fn __repr__(&self) -> String {
        format!(
            "<horarium.Progress {:.2} s: best hard {} soft {}, {} moves, {:.0} moves/s, {:.0} % of the budget>",
            self.elapsed,
            self.best.0,
            self.best.1,
            self.iterations,
            self.moves_per_second,
            self.fraction * 100.0
        )
    }
}

impl From<horarium::Progress> for Progress {
    fn from(p: horarium::Progress) -> Self {
        Progress {
            elapsed: p.elapsed.as_secs_f64(),
            best: (p.best.hard, p.best.soft),
            moves_per_second: p.moves_per_second,
            iterations: p.iterations,
            fraction: p.fraction,
        }
    }
}

/// The result of ``solve``: the best timetable found, its score (computed from scratch by the
/// engine's scorer), why the search stopped, and measurements.
#[pyclass(module = "horarium", frozen, subclass)]
pub struct Solution {
    pub(crate) problem: Py<Problem>,
    pub(crate) solution: horarium::Solution,
    score: Py<Score>,
}

impl Solution {
    /// The Python object of `solution`, a solution of `problem`.
    pub(crate) fn new(py: Python<'_>, problem: Py<Problem>, solution: horarium::Solution) -> PyResult<Self> {
        let core = Arc::clone(&problem.get().inner);
        let score = Py::new(py, Score::new(core, solution.score.clone(), Vec::new()))?;
        Ok(Solution { problem, solution, score })
    }

    fn status_name(&self) -> &'static str {
        self.solution.status.name()
    }
}

#[pymethods]
impl Solution {
    /// The problem that was solved.
    #[getter]
    fn problem(&self, py: Python<'_>) -> Py<Problem> {
        self.problem.clone_ref(py)
    }

    /// The timetable's Score.
    #[getter]
    fn score(&self, py: Python<'_>) -> Py<Score> {
        self.score.clone_ref(py)
    }

    /// ``(hard, soft)``: the sum of hard violations (0 means feasible) and the weighted soft cost.
    #[getter]
    fn cost(&self) -> (u64, u64) {
        let c = self.solution.score.cost;
        (c.hard, c.soft)
    }

    /// Whether no hard constraint is violated.
    #[getter]
    fn feasible(&self) -> bool {
        self.solution.score.cost.is_feasible()
    }

    /// The totals per kind, as ``score.breakdown``.
    #[getter]
    fn breakdown<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.score.bind(py).getattr("breakdown")
    }

    /// Every violation, as ``score.violations``.
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.score.bind(py).getattr("violations")
    }

    /// One dict per placed lesson: ``course``, ``lesson`` (its index in the course, from 0),
    /// ``day``, ``period`` (the start) and ``room`` (None for a lesson without a room);
    /// ``pandas.DataFrame(solution.assignments)`` makes a table of them.
    #[getter]
    fn assignments<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let def = json::timetable_to_def(&self.problem.get().inner, &self.solution.timetable);
        def.assignments
            .iter()
            .map(|a| {
                let d = PyDict::new(py);
                d.set_item("course", &a.course)?;
                d.set_item("lesson", a.lesson)?;
                d.set_item("day", a.day)?;
                d.set_item("period", a.period)?;
                d.set_item("room", a.room.as_deref())?;
                Ok(d)
            })
            .collect()
    }

    /// Why the search stopped: ``"time_limit"``, ``"iteration_limit"``, ``"target_reached"`` or ``"cancelled"``.
    #[getter]
    fn status(&self) -> &'static str {
        self.status_name()
    }

    /// Measurements, as the engine reports them: ``moves_tried``, ``moves_accepted``,
    /// ``moves_per_second``, ``accepted_per_second`` (summed over threads),
    /// ``time_to_first_feasible`` (seconds, None if never), ``time_of_best`` and ``elapsed``
    /// (seconds), and ``threads``.
    #[getter]
    fn statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.solution.statistics))
    }

    /// The whole solve as the engine reports it: ``{"status", "statistics", "score", "timetable"}``,
    /// with the score as ``Score.report()`` and the timetable in the Horarium JSON model.
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.solution.report(&self.problem.get().inner)))
    }

    /// The timetable in Horarium JSON (pretty-printed), as ``horarium solve -o out.json`` writes it
    /// (less the final newline).
    fn to_json(&self) -> String {
        json::write_timetable(&self.problem.get().inner, &self.solution.timetable)
    }

    /// The timetable in the ITC-2007 solution format (``course room day period`` lines), as
    /// ``horarium solve -o out.sol`` writes it for a ``.ctt`` problem. Raises HorariumError when
    /// a lesson has no room, which that format cannot express.
    fn to_ctt_solution(&self, py: Python<'_>) -> PyResult<String> {
        ctt_solution::write_solution(&self.problem.get().inner, &self.solution.timetable).map_err(|e| engine_error(py, &e))
    }

    /// Writes the timetable to ``path`` as ``horarium solve -o path`` does: the ITC-2007 solution
    /// format for a problem read from ``.ctt``, the archive with the solution and its report for
    /// an XHSTT archive, Horarium JSON otherwise.
    fn write(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let problem = self.problem.get();
        let text = match (problem.format, &problem.xhstt) {
            (ProblemFormat::Ctt, _) => self.to_ctt_solution(py)?,
            (ProblemFormat::Xhstt, Some(xhstt)) => xhstt.write_timetable(&self.solution.timetable).map_err(|e| engine_error(py, &e))?.0,
            (ProblemFormat::Json | ProblemFormat::Fet | ProblemFormat::Xhstt, _) => self.to_json() + "\n",
        };
        std::fs::write(&path, text).map_err(PyErr::from)
    }

    fn __repr__(&self) -> String {
        let s = &self.solution;
        format!(
            "<horarium.Solution {:?}: hard {} soft {}, {} after {:.1} s>",
            self.problem.get().inner.name(),
            s.score.cost.hard,
            s.score.cost.soft,
            self.status_name(),
            s.statistics.elapsed.as_secs_f64()
        )
    }
}

/// A non-negative integer argument, or ValueError naming it: the Python side of a `u64`.
fn non_negative(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    obj.extract::<u64>().map_err(|_| PyValueError::new_err(format!("{name} must be a non-negative integer, not {}", repr(obj))))
}

pub(crate) fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string())
}

/// The options of a search from the keyword arguments of `solve` and `resolve`: the engine's
/// parameters ([`SolveParameters`]), with its defaults for the arguments not given, checked by
/// the engine against its bounds; a bound not met raises ValueError with the engine's message.
pub(crate) fn options(
    time_limit: Option<f64>,
    seed: Option<&Bound<'_, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
    iterations: Option<&Bound<'_, PyAny>>,
) -> PyResult<SolveOptions> {
    let defaults = SolveParameters::default();
    let threads = match threads {
        None => defaults.threads,
        Some(t) => usize::try_from(non_negative(t, "threads")?)
            .map_err(|_| PyValueError::new_err(format!("threads must be a non-negative integer, not {}", repr(t))))?,
    };
    let parameters = SolveParameters {
        time_limit,
        iterations: iterations.map(|i| non_negative(i, "iterations")).transpose()?,
        target: None,
        seed: seed.map_or(Ok(defaults.seed), |s| non_negative(s, "seed"))?,
        threads,
    };
    SolveOptions::new(&parameters).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// TypeError unless `progress` is None or callable.
pub(crate) fn check_callable(progress: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match progress {
        Some(p) if !p.is_callable() => Err(PyTypeError::new_err(format!("progress must be callable, not {}", p.get_type().name()?))),
        _ => Ok(()),
    }
}

/// InfeasibleError for a problem the pre-analysis refused: the CLI's message (`<name>: the
/// problem has no timetable without hard violations:` and one line per reason) and the reasons
/// as the engine reports them.
pub(crate) fn infeasible_error(py: Python<'_>, problem: &horarium::Problem, infeasible: Infeasible) -> PyErr {
    let message = format!("{}: {infeasible}", problem.name());
    let report = AnalysisReport::new(problem, &Err(infeasible));
    let exc = InfeasibleError::new_err(message);
    match to_python(py, serde_json::to_string(&report.reasons)).and_then(|reasons| exc.value(py).setattr("reasons", reasons)) {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// Searches for a timetable of ``problem`` and returns the best one found as a Solution.
///
/// The search stops at the first limit reached: ``time_limit`` seconds (None for none) or
/// ``iterations`` moves per thread (None for none; at least one of the two is needed). One
/// thread, a seed and an iteration limit reached well before the time limit give the same
/// timetable on every run, and the same as ``horarium solve --iterations N --seed S``.
/// ``threads`` independent searches share their best timetable. ``initial`` is a timetable to
/// start from (anything ``score`` accepts). ``progress``, when given, is called on the calling
/// thread with a Progress about five times a second and when the best cost improves (at most
/// every 50 ms); an exception it raises stops the search and propagates. The defaults and the
/// bounds are the engine's (a bound not met raises ValueError with its message).
///
/// The GIL is released while the search runs. Ctrl-C (KeyboardInterrupt) stops the search
/// within a few tens of milliseconds and is re-raised. Before searching, the engine runs its
/// pre-analysis: a problem it proves infeasible raises InfeasibleError with every reason.
#[pyfunction]
#[pyo3(
    signature = (problem, time_limit = Some(horarium::report::DEFAULT_TIME_LIMIT), seed = None, threads = None, iterations = None, progress = None, initial = None),
    text_signature = "(problem, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None, initial=None)"
)]
#[allow(clippy::too_many_arguments, reason = "the keyword arguments of the Python function")]
pub fn solve(
    py: Python<'_>,
    problem: &Bound<'_, Problem>,
    time_limit: Option<f64>,
    seed: Option<&Bound<'_, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
    iterations: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
    initial: Option<&Bound<'_, PyAny>>,
) -> PyResult<Solution> {
    // Arguments first, as the CLI checks its own.
    let mut options = options(time_limit, seed, threads, iterations)?;
    check_callable(progress)?;
    let p = problem.get();
    options.initial = initial.map(|t| timetable_arg(p, t, "initial", Reading::Strict).map(|(timetable, _)| timetable)).transpose()?;
    let core = Arc::clone(&p.inner);
    // An XHSTT archive is solved as `horarium solve` does, re-splitting between rounds: the
    // solution belongs to the problem as last split.
    let searched = {
        let core = Arc::clone(&core);
        let xhstt = p.xhstt.clone();
        search(py, progress, options, move |options, on_progress| match xhstt {
            Some(x) => horarium::xhstt::solve(&x, &core, options, on_progress).map(|s| (s.solution, Some((s.problem, s.xhstt)))),
            None => horarium::solve_checked(&core, options, on_progress).map(|s| (s, None)),
        })?
    };
    match searched {
        Ok((solution, None)) => Solution::new(py, problem.clone().unbind(), solution),
        Ok((solution, Some((split, xhstt)))) => {
            let split = Problem { inner: Arc::new(split), format: p.format, xhstt: Some(Arc::new(xhstt)) };
            Solution::new(py, Py::new(py, split)?, solution)
        }
        Err(infeasible) => Err(infeasible_error(py, &core, infeasible)),
    }
}

/// Runs `job` (a search with `options`) on a thread of its own and waits for it without the GIL.
///
/// The calling thread wakes at least every `POLL` to hand the latest progress report to
/// `progress` and to run Python's signal handlers. When either raises (Ctrl-C raises
/// KeyboardInterrupt), it sets the search's cancellation flag, waits for the search to stop and
/// re-raises. `solve` and `resolve` both search through this.
pub(crate) fn search<T: Send + 'static>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    mut options: SolveOptions,
    job: impl FnOnce(&SolveOptions, &mut dyn FnMut(&horarium::Progress)) -> T + Send + 'static,
) -> PyResult<T> {
    let cancel = Arc::new(AtomicBool::new(false));
    options.cancel = Some(Arc::clone(&cancel));
    let latest: Arc<Mutex<Option<horarium::Progress>>> = Arc::new(Mutex::new(None));
    let (done, finished) = mpsc::channel();
    let thread = {
        let latest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("horarium-solve".to_owned())
            .spawn(move || {
                let result = job(&options, &mut |p| {
                    *latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(*p);
                });
                // The receiver is gone only when the caller already stopped waiting.
                let _ = done.send(result);
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the search thread: {e}")))?
    };
    let mut waiting = Waiting { finished: Some(finished), thread: Some(thread), cancel };
    loop {
        let outcome = waiting.wait(py);
        if let Some(callback) = progress {
            let report = latest.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(report) = report {
                if let Err(e) = callback.call1((Progress::from(report),)) {
                    waiting.stop(py);
                    return Err(e);
                }
            }
        }
        match outcome {
            Outcome::Finished(result) => {
                waiting.join(py)?;
                return Ok(result);
            }
            Outcome::Running => {
                if let Err(e) = py.check_signals() {
                    waiting.stop(py);
                    return Err(e);
                }
            }
            Outcome::Panicked => {
                return Err(waiting.join(py).err().unwrap_or_else(|| PyRuntimeError::new_err("the search stopped without a result")))
            }
        }
    }
}

enum Outcome<T> {
    Finished(T),
    Running,
    Panicked,
}

/// The calling thread's side of a running search.
struct Waiting<T> {
    finished: Option<mpsc::Receiver<T>>,
    thread: Option<JoinHandle<()>>,
    cancel: Arc<AtomicBool>,
}

impl<T: Send> Waiting<T> {
    /// Waits without the GIL for at most `POLL`.
    fn wait(&mut self, py: Python<'_>) -> Outcome<T> {
        let Some(finished) = self.finished.take() else { return Outcome::Panicked };
        // A `Receiver` is not `Sync`, so it moves into the closure and back rather than being borrowed.
        let (finished, received) = py.detach(move || {
            let received = finished.recv_timeout(POLL);
            (finished, received)
        });
        self.finished = Some(finished);
        match received {
            Ok(result) => Outcome::Finished(result),
            Err(RecvTimeoutError::Timeout) => Outcome::Running,
            Err(RecvTimeoutError::Disconnected) => Outcome::Panicked,
        }
    }

    /// Asks the search to stop and waits for it, without the GIL; its result is dropped.
    fn stop(&mut self, py: Python<'_>) {
        self.cancel.store(true, Ordering::Relaxed);
        let _ = self.join(py);
    }

    /// Waits for the search thread to end; a panic in it becomes a RuntimeError.
    fn join(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(thread) = self.thread.take() else { return Ok(()) };
        match py.detach(move || thread.join()) {
            Ok(()) => Ok(()),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown cause");
                Err(PyRuntimeError::new_err(format!("the search failed: {message}")))
            }
        }
    }
}
