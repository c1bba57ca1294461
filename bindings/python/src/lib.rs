//! The Python binding of Horarium: the native module `horarium._horarium`, re-exported by the
//! package `horarium` (`python/horarium/__init__.py`, with its type stubs beside it).
//!
//! A thin adapter over the engine, as the CLI is: a format reader builds a `Problem`,
//! `horarium::solve_checked` runs the pre-analysis and searches it, `horarium::resolve::resolve`
//! solves a changed problem again from an old timetable, `horarium::score` evaluates a timetable
//! and `horarium::render` draws one. Every report (scores, the pre-analysis, statistics, status,
//! moves) is the engine's own (`horarium::report`), serialised by serde and read with
//! `json.loads`, never rebuilt here; the search parameters are the engine's `SolveParameters`,
//! with its defaults and bounds. No search or scoring logic lives here; deleting this crate
//! changes no result.
//!
//! - `problem.rs`: `Problem`, read from `.ctt`, Horarium JSON text, a dict or a file, and its
//!   pre-analysis.
//! - `score.rs`: `Score`, the `score()` function, and the timetable arguments it, `solve`,
//!   `resolve` and the renderers accept (a `Solution`, JSON text, assignment dicts or a file).
//! - `solve.rs`: `solve()`, which runs the search on a Rust thread while the calling thread,
//!   holding the GIL only briefly every 50 ms, reports progress and watches for Ctrl-C.
//! - `resolve.rs`: `resolve()` and `Resolution`, the same way.
//! - `render.rs`: `render_html()`, `render_csv()` and `render_ics()`.

mod problem;
mod render;
mod resolve;
mod score;
mod solve;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyDict;

create_exception!(
    horarium,
    HorariumError,
    PyException,
    "Base class of the errors horarium raises (bad arguments raise ValueError or TypeError)."
);
create_exception!(
    horarium,
    ParseError,
    HorariumError,
    "An input could not be read: a file that cannot be opened, or a malformed or inconsistent problem or timetable.\n\n\
     ``str(error)`` is the message the command-line tool prints after ``error:``; ``file`` names the input\n\
     and ``issues`` lists every located issue as dicts with ``line`` (int or None), ``field`` and ``message``."
);
create_exception!(
    horarium,
    InfeasibleError,
    HorariumError,
    "The pre-analysis proved that the problem has no timetable without hard violations.\n\n\
     ``str(error)`` is the message the command-line tool prints, one line per reason; ``reasons`` lists\n\
     them as the engine reports them: dicts with ``reason``, ``resources`` (dicts with ``type`` and ``name``)\n\
     and ``message``."
);

/// Turns an engine error into a Python exception: `ParseError` for anything a reader refused,
/// `HorariumError` for the rest (a timetable a format cannot express). The message is the
/// error's `Display`, which is what the CLI prints after `error: `.
pub(crate) fn engine_error(py: Python<'_>, err: &horarium::Error) -> PyErr {
    let message = err.to_string();
    let file = match err {
        horarium::Error::Parse { file, .. } | horarium::Error::Io { file, .. } => Some(file.clone()),
        _ => None,
    };
    let Some(file) = file else { return HorariumError::new_err(message) };
    let exc = ParseError::new_err(message);
    let value = exc.value(py);
    let attributes = || -> PyResult<()> {
        let issues = err
            .issues()
            .iter()
            .map(|issue| {
                let d = PyDict::new(py);
                d.set_item("line", issue.line)?;
                d.set_item("field", &issue.field)?;
                d.set_item("message", &issue.message)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        value.setattr("file", file)?;
        value.setattr("issues", issues)
    };
    match attributes() {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// The native part of the `horarium` package; import `horarium`, which re-exports all of it.
#[pymodule]
fn _horarium(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("HorariumError", py.get_type::<HorariumError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    m.add_class::<problem::Problem>()?;
    m.add_class::<score::Score>()?;
    m.add_class::<solve::Progress>()?;
    m.add_class::<solve::Solution>()?;
    m.add_class::<resolve::Resolution>()?;
    m.add_function(wrap_pyfunction!(score::score, m)?)?;
    m.add_function(wrap_pyfunction!(solve::solve, m)?)?;
    m.add_function(wrap_pyfunction!(resolve::resolve, m)?)?;
    m.add_function(wrap_pyfunction!(render::render_html, m)?)?;
    m.add_function(wrap_pyfunction!(render::render_csv, m)?)?;
    m.add_function(wrap_pyfunction!(render::render_ics, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
