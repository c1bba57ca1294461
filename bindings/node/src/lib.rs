//! The native half of the Node binding: a thin adapter over horarium's read, validate, analyze,
//! solve, resolve and render.
//!
//! Nothing here searches or scores: every call goes to `horarium`, and this file only converts
//! between its types and JavaScript values. The JavaScript half (`index.js`) wraps these
//! functions into the public API: it turns a read error into a `ParseError`, an infeasible
//! problem into an `InfeasibleError`, refused options into a `RangeError`, and an `AbortSignal`
//! into the cancellation flag.
//!
//! Reports (scores, the pre-analysis, solves, re-solves, progress) are the engine's own
//! (`horarium::report`), serialised by serde into JSON text that `index.js` parses, never rebuilt
//! here; the options of a search come in as the JSON text of the engine's `SolveParameters`,
//! which checks them. Objects come in as the JSON text of `JSON.stringify`: one string instead of
//! thousands of small values, faster both ways and with no limit on their size.

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use horarium::analysis::{self, Infeasible};
use horarium::formats::{self, ctt, ctt_solution, fet, json};
use horarium::render::{self, Owner};
use horarium::exact::{self, BoundOptions};
use horarium::report::{AnalysisReport, ScoreReport, SolveParameters};
use horarium::resolve::Resolution;
use horarium::{Issue, Solution, SolveOptions};
use napi::bindgen_prelude::{AsyncTask, Either};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status, Task};
use napi_derive::napi;
use serde_json::{json, Value};

/// A reader's error, returned instead of thrown so that `index.js` can throw a `ParseError`
/// carrying the same message as the CLI (the `Display` of `horarium::Error`) and its issues.
#[napi(object)]
pub struct ReadError {
    /// The message, exactly as the CLI prints it after `error: `.
    pub message: String,
    /// Every located issue, as JSON: `[{line, field, message}]`.
    pub issues: String,
}

fn read_error(err: &horarium::Error) -> ReadError {
    ReadError { message: err.to_string(), issues: issues_json(err.issues()).to_string() }
}

fn issues_json(issues: &[Issue]) -> Value {
    issues.iter().map(|i| json!({ "line": i.line, "field": i.field, "message": i.message })).collect()
}

/// One of the engine's reports as JSON text, as serde writes it.
fn report_json(serialised: serde_json::Result<String>) -> napi::Result<String> {
    serialised.map_err(|e| napi::Error::new(Status::GenericFailure, format!("cannot serialise a report: {e}")))
}

/// A problem, immutable once read; shared by the solves and timetables made from it.
#[napi]
pub struct Problem {
    inner: Arc<horarium::Problem>,
}

type Read<T> = Either<T, ReadError>;

fn read_problem(result: Result<horarium::Problem, horarium::Error>) -> Read<Problem> {
    match result {
        Ok(p) => Either::A(Problem { inner: Arc::new(p) }),
        Err(e) => Either::B(read_error(&e)),
    }
}

#[napi]
impl Problem {
    /// Reads an ITC-2007 `.ctt` file, whatever its extension.
    #[napi]
    pub fn from_ctt(path: String) -> Read<Problem> {
        read_problem(ctt::read_instance(Path::new(&path)).and_then(|i| i.to_problem()))
    }

    /// Reads a file as the CLI does: `.json` as Horarium JSON, anything else as `.ctt`.
    #[napi]
    pub fn from_file(path: String) -> Read<Problem> {
        read_problem(formats::read_problem(Path::new(&path)))
    }

    /// Parses `.ctt` text; `file` names it in error messages.
    #[napi]
    pub fn from_ctt_text(text: String, file: String) -> Read<Problem> {
        read_problem(ctt::parse_instance(&file, &text).and_then(|i| i.to_problem()))
    }

    /// Parses the text of a FET file; `file` names it in error messages. With `skip_unsupported`,
    /// constraint types Horarium does not support yet are left out instead of refusing the file.
    #[napi]
    pub fn from_fet_text(text: String, file: String, skip_unsupported: bool) -> Read<Problem> {
        read_problem(fet::parse(&file, &text, fet::FetOptions { skip_unsupported }).and_then(|i| i.to_problem(&file)))
    }

    /// Parses Horarium JSON text; `file` names it in error messages.
    #[napi]
    pub fn from_json(text: String, file: String) -> Read<Problem> {
        read_problem(json::parse_problem(&file, &text))
    }

    /// The problem's name.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Counts of the problem's parts, as JSON.
    #[napi]
    pub fn summary(&self) -> String {
        let p = &self.inner;
        json!({
            "name": p.name(),
            "days": p.calendar().days,
            "periodsPerDay": p.calendar().periods_per_day,
            "teachers": p.teachers().len(),
            "groups": p.groups().len(),
            "rooms": p.rooms().len(),
            "courses": p.courses().len(),
            "lessons": p.lessons().len(),
            "constraints": p.constraints().len(),
        })
        .to_string()
    }

    /// The problem in Horarium JSON (what `horarium convert --to json` writes).
    #[napi]
    pub fn to_json(&self) -> String {
        json::write_problem(&self.inner)
    }

    /// The pre-analysis's report (`horarium analyze --json`), as JSON: `{feasible, reasons}`.
    #[napi]
    pub fn analyze(&self) -> napi::Result<String> {
        report_json(serde_json::to_string(&AnalysisReport::new(&self.inner, &analysis::check(&self.inner))))
    }

    /// A lower bound on the soft cost from the exact layer, within `seconds`, on libuv's pool:
    /// the report of `horarium bound --json` as JSON text. `index.js` checks `seconds`.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn bound(&self, seconds: f64) -> AsyncTask<BoundTask> {
        AsyncTask::new(BoundTask { problem: Arc::clone(&self.inner), seconds })
    }
}

/// One `bound` off the JavaScript thread.
pub struct BoundTask {
    problem: Arc<horarium::Problem>,
    seconds: f64,
}

impl Task for BoundTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        let options = BoundOptions { time_limit: Duration::from_secs_f64(self.seconds) };
        let found = exact::bound(&self.problem, &options).map_err(|e| napi::Error::new(Status::GenericFailure, e.to_string()))?;
        report_json(serde_json::to_string(&found.report()))
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}

/// A timetable for one problem: read from JSON or the ITC-2007 solution format, or found by a solve.
#[napi]
pub struct Timetable {
    problem: Arc<horarium::Problem>,
    inner: horarium::Timetable,
    /// Lines of a solution file that were skipped, as the competition's validator skips them, or
    /// the entries of a timetable for an earlier version of the problem that no longer fit it.
    warnings: Vec<Issue>,
}

#[napi]
impl Timetable {
    /// Parses a timetable in Horarium JSON for `problem`.
    #[napi]
    pub fn from_json(problem: &Problem, text: String, file: String) -> Read<Timetable> {
        match json::parse_timetable(&problem.inner, &file, &text) {
            Ok(t) => Either::A(Timetable { problem: Arc::clone(&problem.inner), inner: t, warnings: Vec::new() }),
            Err(e) => Either::B(read_error(&e)),
        }
    }

    /// Parses a timetable in Horarium JSON made for an earlier version of `problem`, as
    /// `horarium resolve --from` reads it: what still fits is kept, and every entry that no
    /// longer does is left out and listed in the warnings. Fails only on text that is not a
    /// timetable in JSON.
    #[napi]
    pub fn from_json_keeping_valid(problem: &Problem, text: String, file: String) -> Read<Timetable> {
        match serde_json::from_str::<json::TimetableDef>(&text) {
            Ok(def) => Either::A(Timetable::keeping_valid(problem, &def)),
            // The strict reader's error, which names the line and column.
            Err(_) => match json::parse_timetable(&problem.inner, &file, &text) {
                Err(e) => Either::B(read_error(&e)),
                Ok(t) => Either::A(Timetable { problem: Arc::clone(&problem.inner), inner: t, warnings: Vec::new() }),
            },
        }
    }

    /// `other`, a timetable for any problem, carried over to `problem` by names as a JSON
    /// timetable would be, keeping what fits as `fromJsonKeepingValid` does; `other` itself
    /// (with its warnings) when it is already `problem`'s.
    #[napi]
    pub fn carried_over(problem: &Problem, other: &Timetable) -> Timetable {
        if Arc::ptr_eq(&other.problem, &problem.inner) {
            return Timetable { problem: Arc::clone(&problem.inner), inner: other.inner.clone(), warnings: other.warnings.clone() };
        }
        Timetable::keeping_valid(problem, &json::timetable_to_def(&other.problem, &other.inner))
    }

    /// Parses the ITC-2007 solution format (`course room day period` lines). Never fails: a
    /// malformed line is skipped with a warning, as the competition's validator does.
    #[napi]
    pub fn from_ctt_solution(problem: &Problem, text: String) -> Timetable {
        let read = ctt_solution::parse_solution(&problem.inner, &text);
        Timetable { problem: Arc::clone(&problem.inner), inner: read.timetable, warnings: read.warnings }
    }

    /// Whether this timetable was made for `problem` (the very object, not an equal one).
    #[napi]
    pub fn belongs_to(&self, problem: &Problem) -> bool {
        Arc::ptr_eq(&self.problem, &problem.inner)
    }

    /// The skipped lines of a solution file, or the entries left out, as JSON `[{line, field, message}]`.
    #[napi]
    pub fn warnings(&self) -> String {
        issues_json(&self.warnings).to_string()
    }

    /// The placed lessons as JSON `[{course, lesson, day, period, room}]`.
    #[napi]
    pub fn assignments(&self) -> String {
        assignments_json(&self.problem, &self.inner).to_string()
    }

    /// The timetable in Horarium JSON.
    #[napi]
    pub fn to_json(&self) -> String {
        json::write_timetable(&self.problem, &self.inner)
    }

    /// The timetable in the ITC-2007 solution format; fails when a placed lesson has no room.
    #[napi]
    pub fn to_ctt_solution(&self) -> napi::Result<String> {
        ctt_solution::write_solution(&self.problem, &self.inner).map_err(|e| napi::Error::new(Status::InvalidArg, e.to_string()))
    }
}

impl Timetable {
    fn keeping_valid(problem: &Problem, def: &json::TimetableDef) -> Timetable {
        let (inner, warnings) = json::timetable_from_def_keeping_valid(&problem.inner, def);
        Timetable { problem: Arc::clone(&problem.inner), inner, warnings }
    }
}

/// Scores `timetable` from scratch (`horarium::score`): the engine's `ScoreReport`, as JSON.
#[napi]
pub fn score(problem: &Problem, timetable: &Timetable) -> napi::Result<String> {
    same_problem(problem, timetable)?;
    report_json(serde_json::to_string(&ScoreReport::new(&problem.inner, &horarium::score(&problem.inner, &timetable.inner))))
}

/// The timetable as one self-contained HTML page (`horarium render --format html`).
#[napi]
pub fn render_html(problem: &Problem, timetable: &Timetable) -> napi::Result<String> {
    same_problem(problem, timetable)?;
    Ok(render::html(&problem.inner, &timetable.inner, &horarium::score(&problem.inner, &timetable.inner)))
}

/// The timetable as CSV, one row per placed lesson (`horarium render --format csv`).
#[napi]
pub fn render_csv(problem: &Problem, timetable: &Timetable) -> napi::Result<String> {
    same_problem(problem, timetable)?;
    Ok(render::csv(&problem.inner, &timetable.inner, &horarium::score(&problem.inner, &timetable.inner)))
}

/// The timetable as an iCalendar file (`horarium render --format ics`): every placed lesson, or
/// those of the owner `{type, name}` (`type` being `teacher`, `group` or `room`) when given;
/// `dtstamp` is the creation time in UTC (`YYYYMMDDTHHMMSSZ`), now when absent. An owner the
/// problem does not have or a malformed `dtstamp` is refused.
#[napi]
pub fn render_ics(
    problem: &Problem,
    timetable: &Timetable,
    owner_type: Option<String>,
    owner_name: Option<String>,
    dtstamp: Option<String>,
) -> napi::Result<Either<String, Refused>> {
    same_problem(problem, timetable)?;
    let p = &problem.inner;
    let owner = match (owner_type, owner_name) {
        (Some(kind), Some(name)) => {
            let found = match kind.as_str() {
                "teacher" => p.teacher_by_name(&name).map(Owner::Teacher),
                "group" => p.group_by_name(&name).map(Owner::Group),
                "room" => p.room_by_name(&name).map(Owner::Room),
                _ => return Ok(Either::B(Refused::new(format!("owner type must be \"teacher\", \"group\" or \"room\", not {kind:?}")))),
            };
            match found {
                Some(owner) => Some(owner),
                None => return Ok(Either::B(Refused::new(format!("{:?} has no {kind} named {name:?}", p.name())))),
            }
        }
        _ => None,
    };
    let dtstamp = match dtstamp {
        Some(d) => match render::check_dtstamp(&d) {
            Ok(()) => d,
            Err(message) => return Ok(Either::B(Refused::new(message))),
        },
        None => render::utc_dtstamp(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())),
    };
    Ok(Either::A(render::ics(p, &timetable.inner, &horarium::score(p, &timetable.inner), owner, &dtstamp)))
}

fn same_problem(problem: &Problem, timetable: &Timetable) -> napi::Result<()> {
    if timetable.belongs_to(problem) {
        Ok(())
    } else {
        Err(napi::Error::new(Status::InvalidArg, "the timetable was read for another problem object".to_owned()))
    }
}

/// The cancellation flag of one solve (`SolveOptions::cancel`), set from JavaScript.
#[napi]
pub struct CancelFlag {
    inner: Arc<AtomicBool>,
}

#[napi]
impl CancelFlag {
    /// A flag not yet set.
    #[napi(constructor)]
    #[allow(clippy::new_without_default, reason = "a JavaScript constructor")]
    pub fn new() -> Self {
        CancelFlag { inner: Arc::new(AtomicBool::new(false)) }
    }

    /// Sets the flag: the search stops within 512 moves and returns its best timetable.
    #[napi]
    pub fn cancel(&self) {
        self.inner.store(true, Ordering::Relaxed);
    }

    /// Whether the flag is set.
    #[napi(getter)]
    pub fn cancelled(&self) -> bool {
        self.inner.load(Ordering::Relaxed)
    }
}

/// A value the engine refused (options out of bounds, an owner a problem does not have),
/// returned instead of thrown so that `index.js` can throw a `RangeError`.
#[napi(object)]
pub struct Refused {
    /// The engine's message, naming a parameter as JSON does (`threads must be from 1 to 256, not 0`).
    pub message: String,
}

impl Refused {
    fn new(message: String) -> Self {
        Refused { message }
    }
}

/// The options of a search, read and checked by the engine (`SolveParameters`, `SolveOptions::new`).
#[napi]
pub struct Options {
    inner: SolveOptions,
}

#[napi]
impl Options {
    /// Reads the JSON text of the engine's `SolveParameters` (`{time_limit, iterations, target,
    /// seed, threads}`, each optional, with the engine's defaults) and checks their bounds.
    #[napi]
    pub fn from_json(text: String) -> Either<Options, Refused> {
        let parameters = match serde_json::from_str::<SolveParameters>(&text) {
            Ok(p) => p,
            Err(e) => return Either::B(Refused::new(parameters_error(&text, &e))),
        };
        match SolveOptions::new(&parameters) {
            Ok(inner) => Either::A(Options { inner }),
            Err(e) => Either::B(Refused::new(e.to_string())),
        }
    }
}

/// The message of parameters serde refused, naming the first one refused on its own.
fn parameters_error(text: &str, error: &serde_json::Error) -> String {
    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(text) {
        for (name, value) in fields {
            let alone = Value::Object([(name.clone(), value)].into_iter().collect());
            if let Err(e) = serde_json::from_value::<SolveParameters>(alone) {
                let message = e.to_string();
                return if message.starts_with(&name) { message } else { format!("{name}: {message}") };
            }
        }
    }
    // serde_json appends " at line L column C", which means nothing to the caller.
    let full = error.to_string();
    full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m).to_owned()
}

/// The progress callback: each report is the engine's `Progress` as JSON text.
type ProgressCallback = ThreadsafeFunction<String, (), String, Status, false>;

/// What a search task does.
enum Job {
    /// `horarium::solve_checked`.
    Solve,
    /// `horarium::resolve::resolve` from `old`, after the pre-analysis.
    Resolve { old: horarium::Timetable, move_cost: NonZeroU32 },
}

/// One solve or re-solve, run on a thread of libuv's pool so that JavaScript's thread stays free.
pub struct SearchTask {
    problem: Arc<horarium::Problem>,
    options: SolveOptions,
    job: Job,
    on_progress: Option<ProgressCallback>,
}

/// What a search task produces.
pub enum Outcome {
    /// A solve ran.
    Solved(Box<Solution>),
    /// A re-solve ran.
    Resolved(Box<Resolution>),
    /// The pre-analysis proved the problem infeasible; no search ran.
    Infeasible {
        /// The reasons in sentences, one line each.
        message: String,
        /// The reasons as the engine reports them.
        report: AnalysisReport,
    },
}

impl Outcome {
    fn infeasible(problem: &horarium::Problem, reasons: Infeasible) -> Outcome {
        Outcome::Infeasible { message: reasons.to_string(), report: AnalysisReport::new(problem, &Err(reasons)) }
    }
}

impl Task for SearchTask {
    type Output = Outcome;
    type JsValue = SearchOutcome;

    fn compute(&mut self) -> napi::Result<Outcome> {
        let on_progress = self.on_progress.as_ref();
        let report = |p: &horarium::Progress| {
            if let (Some(callback), Ok(text)) = (on_progress, serde_json::to_string(p)) {
                // Non-blocking: the search never waits for JavaScript.
                callback.call(text, ThreadsafeFunctionCallMode::NonBlocking);
            }
        };
        let problem = &self.problem;
        Ok(match &self.job {
            Job::Solve => match horarium::solve_checked(problem, &self.options, report) {
                Ok(solution) => Outcome::Solved(Box::new(solution)),
                Err(reasons) => Outcome::infeasible(problem, reasons),
            },
            Job::Resolve { old, move_cost } => match horarium::resolve::resolve_checked(problem, old, *move_cost, &self.options, report) {
                Ok(resolution) => Outcome::Resolved(Box::new(resolution)),
                Err(reasons) => Outcome::infeasible(problem, reasons),
            },
        })
    }

    fn resolve(&mut self, _env: Env, output: Outcome) -> napi::Result<SearchOutcome> {
        Ok(SearchOutcome { problem: Arc::clone(&self.problem), outcome: output })
    }

    fn finally(self, _env: Env) -> napi::Result<()> {
        // Dropping the callback here, on JavaScript's thread, releases it.
        drop(self.on_progress);
        Ok(())
    }
}

/// A search of `problem` with `options`, stopped by `cancel`, starting from `initial` if any.
fn search_task(
    problem: &Problem,
    options: &Options,
    cancel: &CancelFlag,
    initial: Option<horarium::Timetable>,
    on_progress: Option<ProgressCallback>,
    job: Job,
) -> AsyncTask<SearchTask> {
    let options = SolveOptions { cancel: Some(Arc::clone(&cancel.inner)), initial, ..options.inner.clone() };
    AsyncTask::new(SearchTask { problem: Arc::clone(&problem.inner), options, job, on_progress })
}

/// Starts a solve (`horarium::solve_checked`). Resolves with a `SearchOutcome`; the pre-analysis
/// runs first, on the same worker thread, so an infeasible problem is answered without searching.
#[napi(ts_return_type = "Promise<SearchOutcome>")]
pub fn solve(
    problem: &Problem,
    options: &Options,
    cancel: &CancelFlag,
    on_progress: Option<ProgressCallback>,
    initial: Option<&Timetable>,
) -> napi::Result<AsyncTask<SearchTask>> {
    if let Some(t) = initial {
        same_problem(problem, t)?;
    }
    Ok(search_task(problem, options, cancel, initial.map(|t| t.inner.clone()), on_progress, Job::Solve))
}

/// Starts a minimal-change re-solve (`horarium::resolve::resolve`) of `problem` from `old`, a
/// timetable of `problem` (see `Timetable.carriedOver` and `fromJsonKeepingValid`), each moved
/// lesson costing `move_cost` (default 10). Resolves with a `SearchOutcome`, after the
/// pre-analysis as for `solve`.
#[napi(ts_return_type = "Promise<SearchOutcome>")]
pub fn resolve(
    problem: &Problem,
    old: &Timetable,
    move_cost: Option<u32>,
    options: &Options,
    cancel: &CancelFlag,
    on_progress: Option<ProgressCallback>,
) -> napi::Result<AsyncTask<SearchTask>> {
    same_problem(problem, old)?;
    let move_cost = match move_cost {
        None => horarium::resolve::DEFAULT_MOVE_COST,
        Some(m) => NonZeroU32::new(m).ok_or_else(|| napi::Error::new(Status::InvalidArg, "moveCost must be at least 1".to_owned()))?,
    };
    // `resolve` starts from `old` itself, whatever `initial` says.
    Ok(search_task(problem, options, cancel, None, on_progress, Job::Resolve { old: old.inner.clone(), move_cost }))
}

/// The result of a search task, read once by `index.js`.
#[napi]
pub struct SearchOutcome {
    problem: Arc<horarium::Problem>,
    outcome: Outcome,
}

#[napi]
impl SearchOutcome {
    /// When the pre-analysis refused the problem, JSON `{message, reasons}` with the reasons as
    /// the engine reports them; else `null`.
    #[napi]
    pub fn infeasible(&self) -> napi::Result<Option<String>> {
        let Outcome::Infeasible { message, report } = &self.outcome else { return Ok(None) };
        report_json(serde_json::to_string(&json!({ "message": message, "reasons": report.reasons }))).map(Some)
    }

    /// The engine's report as JSON: a `SolveReport` for a solve, a `ResolveReport` for a re-solve.
    #[napi]
    pub fn report(&self) -> napi::Result<Option<String>> {
        match &self.outcome {
            Outcome::Solved(s) => report_json(serde_json::to_string(&s.report(&self.problem))).map(Some),
            Outcome::Resolved(r) => report_json(serde_json::to_string(&r.report(&self.problem))).map(Some),
            Outcome::Infeasible { .. } => Ok(None),
        }
    }

    /// The timetable found, for `score`, `toJson`, `toCttSolution` and warm starts.
    #[napi]
    pub fn timetable(&self) -> Option<Timetable> {
        let timetable = match &self.outcome {
            Outcome::Solved(s) => &s.timetable,
            Outcome::Resolved(r) => &r.solution.timetable,
            Outcome::Infeasible { .. } => return None,
        };
        Some(Timetable { problem: Arc::clone(&self.problem), inner: timetable.clone(), warnings: Vec::new() })
    }
}

fn assignments_json(problem: &horarium::Problem, timetable: &horarium::Timetable) -> Value {
    // The JSON format's own model, with an absent lesson index (a surplus lesson) or room as null.
    let def = json::timetable_to_def(problem, timetable);
    def.assignments
        .iter()
        .map(|a| json!({ "course": a.course, "lesson": a.lesson, "day": a.day, "period": a.period, "room": a.room }))
        .collect()
}
