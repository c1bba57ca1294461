//! `horarium.render_html()`, `render_csv()` and `render_ics()`: a timetable for people, drawn by
//! the engine's renderers (`horarium::render`), the same text as `horarium render`.

use std::time::{SystemTime, UNIX_EPOCH};

use horarium::render::{self, Owner};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::problem::Problem;
use crate::score::{timetable_arg, Reading};

/// Scores `timetable` and draws it with `draw`, without the GIL.
fn draw(
    py: Python<'_>,
    problem: &Bound<'_, Problem>,
    timetable: &Bound<'_, PyAny>,
    draw: fn(&horarium::Problem, &horarium::Timetable, &horarium::Score) -> String,
) -> PyResult<String> {
    let p = problem.get();
    let (timetable, _) = timetable_arg(p, timetable, "timetable", Reading::Strict)?;
    let core = &p.inner;
    Ok(py.detach(|| draw(core, &timetable, &horarium::score(core, &timetable))))
}

/// The timetable as one self-contained HTML page, as ``horarium render --format html`` writes it:
/// a week grid per class, teacher and room, the lessons in a violation outlined with its
/// explanation, and every violation with the totals. ``timetable`` is anything ``score`` accepts.
#[pyfunction]
pub fn render_html(py: Python<'_>, problem: &Bound<'_, Problem>, timetable: &Bound<'_, PyAny>) -> PyResult<String> {
    draw(py, problem, timetable, render::html)
}

/// The timetable as CSV, one row per placed lesson, as ``horarium render --format csv`` writes it.
/// ``timetable`` is anything ``score`` accepts.
#[pyfunction]
pub fn render_csv(py: Python<'_>, problem: &Bound<'_, Problem>, timetable: &Bound<'_, PyAny>) -> PyResult<String> {
    draw(py, problem, timetable, render::csv)
}

/// The timetable as an iCalendar file (RFC 5545), as ``horarium render --format ics`` writes it:
/// one weekly event per placed lesson, laid on a fixed reference week.
///
/// ``owner`` keeps only one teacher's, group's or room's lessons: ``{"type": "teacher", "name":
/// "Ada"}`` (``"group"``, ``"room"``), as ``--teacher``, ``--group`` and ``--room`` do; every
/// placed lesson when None. ``dtstamp`` is the calendar's creation time in UTC,
/// ``YYYYMMDDTHHMMSSZ``, now when None. Raises ValueError for an owner the problem does not
/// have or a malformed ``dtstamp``.
#[pyfunction]
#[pyo3(signature = (problem, timetable, owner = None, dtstamp = None))]
pub fn render_ics(
    py: Python<'_>,
    problem: &Bound<'_, Problem>,
    timetable: &Bound<'_, PyAny>,
    owner: Option<&Bound<'_, PyAny>>,
    dtstamp: Option<String>,
) -> PyResult<String> {
    let p = problem.get();
    let core = &p.inner;
    let owner = owner.map(|o| owner_arg(core, o)).transpose()?;
    let dtstamp = match dtstamp {
        Some(d) => {
            render::check_dtstamp(&d).map_err(PyValueError::new_err)?;
            d
        }
        None => render::utc_dtstamp(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())),
    };
    let (timetable, _) = timetable_arg(p, timetable, "timetable", Reading::Strict)?;
    Ok(py.detach(|| render::ics(core, &timetable, &horarium::score(core, &timetable), owner, &dtstamp)))
}

/// The owner of a calendar from `{"type": ..., "name": ...}`.
fn owner_arg(problem: &horarium::Problem, obj: &Bound<'_, PyAny>) -> PyResult<Owner> {
    let shape = || PyTypeError::new_err(r#"owner must be a dict {"type": "teacher", "group" or "room", "name": str}"#);
    let dict = obj.cast::<PyDict>().map_err(|_| shape())?;
    let field = |key: &str| -> PyResult<String> { dict.get_item(key)?.ok_or_else(shape)?.extract::<String>().map_err(|_| shape()) };
    let (kind, name) = (field("type")?, field("name")?);
    let found = match kind.as_str() {
        "teacher" => problem.teacher_by_name(&name).map(Owner::Teacher),
        "group" => problem.group_by_name(&name).map(Owner::Group),
        "room" => problem.room_by_name(&name).map(Owner::Room),
        _ => return Err(PyValueError::new_err(format!("owner type must be \"teacher\", \"group\" or \"room\", not {kind:?}"))),
    };
    found.ok_or_else(|| PyValueError::new_err(format!("{:?} has no {kind} named {name:?}", problem.name())))
}
