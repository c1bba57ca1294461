//! horarium-wasm: the Horarium engine in the browser, through wasm-bindgen.
//!
//! A thin adapter over read, solve, score, render and generate: text in, JSON text out, and a
//! JavaScript progress callback during a solve. A [`Session`] holds one problem, read once from
//! Horarium JSON or an ITC-2007 `.ctt` file; timetables travel as Horarium's timetable JSON, so
//! that any worker can render the timetable another worker found. The search itself is the
//! `horarium` crate's, unchanged: one search per call (a browser worker has one thread), and the
//! app runs one worker per core, each with its own seed.
//!
//! The logic is in [`adapter`], plain Rust that is tested natively (the renderers, the iCalendar
//! writer included, are the `horarium` crate's `render`); this file only converts errors into
//! JavaScript exceptions and calls the callback.

use std::time::Duration;

use horarium::Problem;
use wasm_bindgen::prelude::*;

pub mod adapter;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Sends a Rust panic's message to the console before the module traps, once per module.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("horarium-wasm panicked: {info}"))));
}

fn js(message: String) -> JsError {
    JsError::new(&message)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// A generated secondary school (`horarium generate school`) as Horarium JSON: `classes` from 1
/// to 1000, and the same `seed` always gives the same school.
#[wasm_bindgen(js_name = generateSchool)]
pub fn generate_school(classes: u32, seed: u32) -> Result<String, JsError> {
    adapter::generate_school(classes, u64::from(seed)).map_err(js)
}

/// One problem, read once, and everything the app does with it.
#[wasm_bindgen]
pub struct Session {
    problem: Problem,
}

#[wasm_bindgen]
impl Session {
    /// Reads a problem: Horarium JSON (`*.json`) or ITC-2007 (`*.ctt`); for another file name,
    /// JSON when the text starts with `{`. Throws an Error naming the file, line and problem.
    #[wasm_bindgen(constructor)]
    pub fn new(file_name: &str, text: &str) -> Result<Session, JsError> {
        adapter::read_problem(file_name, text).map(|problem| Session { problem }).map_err(js)
    }

    /// JSON: name, calendar size, counts, and `owners`, every group, teacher and room with a grid
    /// (`{id, kind, name, depth}`).
    pub fn summary(&self) -> String {
        adapter::to_json(&adapter::summary(&self.problem))
    }

    /// JSON `{reasons: [...]}`: why the problem provably cannot be solved without hard violations
    /// (empty when no reason was found).
    pub fn analyze(&self) -> String {
        adapter::to_json(&adapter::analyze(&self.problem))
    }

    /// The problem as Horarium JSON (a `.ctt` problem converted).
    #[wasm_bindgen(js_name = problemJson)]
    pub fn problem_json(&self) -> String {
        horarium::formats::json::write_problem(&self.problem)
    }

    /// Searches with `seed` until `time_limit_ms` (0: none) or `max_iterations` moves (0: none),
    /// from the timetable JSON `initial` when given. `on_progress(elapsedMs, hard, soft, moves,
    /// fraction, movesPerSecond)` is called about five times a second and at every improvement of
    /// the best cost; when it returns a truthy value (or throws), the search stops and returns its
    /// best. Returns the engine's solve report as JSON: `{status, statistics, score, timetable}`.
    pub fn solve(
        &self,
        seed: u32,
        time_limit_ms: f64,
        max_iterations: f64,
        initial: Option<String>,
        on_progress: &js_sys::Function,
    ) -> Result<String, JsError> {
        let initial = initial.map(|text| adapter::read_timetable(&self.problem, &text)).transpose().map_err(js)?;
        let result =
            adapter::solve(&self.problem, request(seed, time_limit_ms, max_iterations, initial), progress(on_progress)).map_err(js)?;
        Ok(adapter::to_json(&result))
    }

    /// Re-solves from the timetable JSON `old` (what no longer fits this problem is left out),
    /// moving as few lessons as it can at `move_cost` per moved lesson; the limits and the
    /// callback are [`Session::solve`]'s. Returns the engine's re-solve report as JSON: the solve
    /// report's fields, scored without the cost of moves, and `moved`.
    pub fn resolve(
        &self,
        old: &str,
        move_cost: u32,
        seed: u32,
        time_limit_ms: f64,
        max_iterations: f64,
        on_progress: &js_sys::Function,
    ) -> Result<String, JsError> {
        let old = adapter::read_timetable_keeping_valid(&self.problem, old).map_err(js)?;
        let request = request(seed, time_limit_ms, max_iterations, None);
        let result = adapter::resolve(&self.problem, &old, move_cost, request, progress(on_progress)).map_err(js)?;
        Ok(adapter::to_json(&result))
    }

    /// Reads a timetable in the ITC-2007 solution format (`course room day period` lines) and
    /// returns JSON `{timetable, warnings}`: the timetable in Horarium JSON and one warning per
    /// skipped line.
    #[wasm_bindgen(js_name = readSolution)]
    pub fn read_solution(&self, text: &str) -> String {
        let (timetable, warnings) = adapter::read_ctt_solution(&self.problem, text);
        adapter::to_json(&serde_json::json!({ "timetable": timetable, "warnings": warnings }))
    }

    /// The engine's score report of a timetable as JSON (`{cost, feasible, breakdown, violations}`),
    /// with `placed` and `lessons`.
    pub fn score(&self, timetable: &str) -> Result<String, JsError> {
        let timetable = adapter::read_timetable(&self.problem, timetable).map_err(js)?;
        Ok(adapter::to_json(&adapter::score_summary(&self.problem, &timetable)))
    }

    /// The self-contained HTML page of `horarium render`: a week grid per class, teacher and room,
    /// violations outlined and explained, and their list with totals.
    pub fn html(&self, timetable: &str) -> Result<String, JsError> {
        let timetable = adapter::read_timetable(&self.problem, timetable).map_err(js)?;
        Ok(adapter::render_html(&self.problem, &timetable).0)
    }

    /// The CSV of `horarium render --format csv`: one row per placed lesson.
    pub fn csv(&self, timetable: &str) -> Result<String, JsError> {
        let timetable = adapter::read_timetable(&self.problem, timetable).map_err(js)?;
        Ok(adapter::render_csv(&self.problem, &timetable))
    }

    /// The iCalendar file of `horarium render --format ics`: the placed lessons of `owner` (an id
    /// of `summary().owners`, or `""` for all), each a weekly event in a fixed reference week;
    /// `dtstamp` is the UTC creation time `YYYYMMDDTHHMMSSZ` (`""`: a fixed one).
    pub fn ics(&self, timetable: &str, owner: &str, dtstamp: &str) -> Result<String, JsError> {
        let timetable = adapter::read_timetable(&self.problem, timetable).map_err(js)?;
        adapter::render_ics(&self.problem, &timetable, owner, dtstamp).map_err(js)
    }
}

/// The request of one search from the JavaScript arguments: a zero limit is no limit.
fn request(seed: u32, time_limit_ms: f64, max_iterations: f64, initial: Option<horarium::Timetable>) -> adapter::SolveRequest {
    adapter::SolveRequest {
        seed: u64::from(seed),
        time_limit: (time_limit_ms > 0.0).then(|| Duration::from_secs_f64(time_limit_ms / 1000.0)),
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a count from JavaScript")]
        max_iterations: (max_iterations >= 1.0).then_some(max_iterations as u64),
        initial,
    }
}

/// The search's progress callback, calling `on_progress` with numbers; a truthy answer (or a
/// throw) stops the search.
fn progress(on_progress: &js_sys::Function) -> impl FnMut(&horarium::Progress) -> bool + '_ {
    move |p| {
        let args = js_sys::Array::new();
        #[allow(clippy::cast_precision_loss, reason = "JavaScript numbers")]
        for value in
            [p.elapsed.as_secs_f64() * 1000.0, p.best.hard as f64, p.best.soft as f64, p.iterations as f64, p.fraction, p.moves_per_second]
        {
            args.push(&JsValue::from_f64(value));
        }
        on_progress.apply(&JsValue::NULL, &args).map_or(true, |answer| answer.is_truthy())
    }
}
