//! `horarium.resolve()` and its result, `horarium.Resolution`: a minimal-change re-solve
//! (`horarium::resolve::resolve`), run as `solve` runs a search (`crate::solve::search`).

use std::num::NonZeroU32;
use std::sync::Arc;

use horarium::report::ResolveReport;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::problem::{to_python, Problem};
use crate::score::{timetable_arg, Reading};
use crate::solve::{check_callable, infeasible_error, options, repr, search, Solution};

/// The result of ``resolve``: a Solution of the changed problem, whose score (and ``cost``,
/// ``feasible``, ``breakdown``, ``violations``) is the changed problem's alone, without the cost
/// of moves, with the lessons that moved.
#[pyclass(module = "horarium", frozen, extends = Solution)]
pub struct Resolution {
    report: ResolveReport,
    /// What of the old timetable was left out because it no longer fits the problem.
    warnings: Vec<String>,
}

#[pymethods]
impl Resolution {
    /// Every lesson whose slot or room changed, as the engine reports it: dicts with ``lesson``
    /// (``{"course", "lesson"}``), ``from`` and ``to`` (``{"day", "period", "room"}``; ``from`` is
    /// None for a lesson the old timetable did not place, ``to`` for one left unplaced).
    #[getter]
    fn moved<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.report.moved))
    }

    /// What of the old timetable no longer fits the problem and was left out, as
    /// ``horarium resolve`` warns of it (and the skipped lines of an ITC-2007 solution file).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// The whole re-solve as the engine reports it: ``Solution.report()``'s fields and ``moved``.
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, serde_json::to_string(&self.report))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> String {
        let solution = slf.as_super().get();
        let s = &solution.solution;
        format!(
            "<horarium.Resolution {:?}: hard {} soft {}, {} moved, {} after {:.1} s>",
            solution.problem.get().inner.name(),
            s.score.cost.hard,
            s.score.cost.soft,
            slf.get().report.moved.len(),
            s.status.name(),
            s.statistics.elapsed.as_secs_f64()
        )
    }
}

/// Solves a changed problem again from an earlier timetable, moving as few lessons as it can,
/// as ``horarium resolve`` does, and returns a Resolution.
///
/// ``old`` is the earlier timetable, in any form ``score`` accepts (a Solution of the earlier
/// problem, JSON text, assignment dicts, a file); what no longer fits ``problem`` (a course
/// removed, a lesson fewer, a room renamed) is left out and listed in ``Resolution.warnings``.
/// Each lesson placed elsewhere than in ``old`` costs ``move_cost`` soft units during the search,
/// which starts from ``old``; the Resolution's score is the changed problem's alone. One thread, a
/// seed and an iteration limit give the same timetable as ``horarium resolve --iterations N
/// --seed S``. The other arguments, the GIL, progress, Ctrl-C and InfeasibleError are as for
/// ``solve``.
#[pyfunction]
#[pyo3(
    signature = (problem, old, move_cost = None, time_limit = Some(horarium::report::DEFAULT_TIME_LIMIT), seed = None, threads = None, iterations = None, progress = None),
    text_signature = "(problem, old, move_cost=10, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None)"
)]
#[allow(clippy::too_many_arguments, reason = "the keyword arguments of the Python function")]
pub fn resolve(
    py: Python<'_>,
    problem: &Bound<'_, Problem>,
    old: &Bound<'_, PyAny>,
    move_cost: Option<&Bound<'_, PyAny>>,
    time_limit: Option<f64>,
    seed: Option<&Bound<'_, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
    iterations: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<Resolution>> {
    let move_cost = match move_cost {
        None => horarium::resolve::DEFAULT_MOVE_COST,
        Some(m) => m
            .extract::<u32>()
            .ok()
            .and_then(NonZeroU32::new)
            .ok_or_else(|| PyValueError::new_err(format!("move_cost must be an integer from 1 to {}, not {}", u32::MAX, repr(m))))?,
    };
    let options = options(time_limit, seed, threads, iterations)?;
    check_callable(progress)?;
    let p = problem.get();
    let (old, warnings) = timetable_arg(p, old, "old", Reading::KeepingValid)?;
    let core = Arc::clone(&p.inner);
    let searched = {
        let core = Arc::clone(&core);
        search(py, progress, options, move |options, on_progress| {
            // As `horarium resolve`, which refuses a problem the pre-analysis proves infeasible.
            horarium::resolve::resolve_checked(&core, &old, move_cost, options, on_progress)
        })?
    };
    let resolution = searched.map_err(|infeasible| infeasible_error(py, &core, infeasible))?;
    let report = resolution.report(&core);
    // The Solution part: the new timetable with the changed problem's score alone.
    let solution = horarium::Solution { score: resolution.score, ..resolution.solution };
    let base = Solution::new(py, problem.clone().unbind(), solution)?;
    Py::new(py, PyClassInitializer::from(base).add_subclass(Resolution { report, warnings }))
}
