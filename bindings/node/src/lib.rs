//! The native half of the Node binding: a thin adapter over horarium's read, solve and score.
//!
//! Nothing here searches or scores: every call goes to `horarium`, and this file only converts
//! between its types and JavaScript values. The JavaScript half (`index.js`) wraps these
//! functions into the public API: it turns a read error into a `ParseError`, an infeasible
//! problem into an `InfeasibleError`, and an `AbortSignal` into the cancellation flag.
//!
//! Reports (scores, solutions, reasons) cross into JavaScript as JSON text that `index.js`
//! parses, and objects come in as the JSON text of `JSON.stringify`: one string instead of
//! thousands of small values, faster both ways and with no limit on their size.

use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use horarium::analysis::{self, Infeasible};
use horarium::formats::{self, ctt, ctt_solution, json};
use horarium::{Cost, Issue, Level, Resource, Score, Solution, SolveOptions, SolveStatus};
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

    /// The reasons found by the pre-analysis (`horarium analyze`), as JSON; `[]` when none.
    #[napi]
    pub fn analyze(&self) -> String {
        match analysis::check(&self.inner) {
            Ok(()) => "[]".to_owned(),
            Err(e) => reasons_json(&self.inner, &e).to_string(),
        }
    }
}

/// A timetable for one problem: read from JSON or the ITC-2007 solution format, or found by a solve.
#[napi]
pub struct Timetable {
    problem: Arc<horarium::Problem>,
    inner: horarium::Timetable,
    /// Lines of a solution file that were skipped, as the competition's validator skips them.
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

    /// The skipped lines of a solution file, as JSON `[{line, field, message}]`.
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

/// Scores `timetable` from scratch (`horarium::score`), as JSON.
#[napi]
pub fn score(problem: &Problem, timetable: &Timetable) -> napi::Result<String> {
    same_problem(problem, timetable)?;
    Ok(score_json(&problem.inner, &horarium::score(&problem.inner, &timetable.inner)).to_string())
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

/// The options of a solve, already checked by `index.js`.
#[napi(object)]
pub struct NativeSolveOptions {
    /// Seconds; absent for no time limit.
    pub time_limit: Option<f64>,
    /// Moves per thread; absent for no limit.
    pub iterations: Option<f64>,
    /// The seed, in decimal (a `u64` does not fit a JavaScript number).
    pub seed: String,
    /// Parallel searches.
    pub threads: u32,
    /// Stop at a cost at least this good: hard total.
    pub target_hard: Option<f64>,
    /// Stop at a cost at least this good: soft total.
    pub target_soft: Option<f64>,
}

fn whole(value: f64, what: &str) -> napi::Result<u64> {
    // 2^53: beyond it a JavaScript number is no longer an exact integer.
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked just above")]
        Ok(value as u64)
    } else {
        Err(napi::Error::new(Status::InvalidArg, format!("{what} must be a non-negative integer, not {value}")))
    }
}

/// A cost as JavaScript sees it (a number is exact up to 2^53).
#[napi(object)]
pub struct JsCost {
    /// Hard total.
    pub hard: f64,
    /// Soft total.
    pub soft: f64,
}

/// A progress report (`horarium::Progress`), times in seconds.
#[napi(object)]
pub struct ProgressReport {
    /// Seconds since the solve started.
    pub elapsed: f64,
    /// The best cost found so far.
    pub best: JsCost,
    /// Moves tried per second per thread, since the start.
    pub moves_per_second: f64,
    /// Moves tried by the reporting thread.
    pub iterations: f64,
    /// Fraction of the budget used, from 0 to 1.
    pub fraction: f64,
}

type ProgressCallback = ThreadsafeFunction<ProgressReport, (), ProgressReport, Status, false>;

/// One solve, run on a thread of libuv's pool so that JavaScript's thread stays free.
pub struct SolveTask {
    problem: Arc<horarium::Problem>,
    options: SolveOptions,
    on_progress: Option<ProgressCallback>,
}

/// What a solve task produces: a solution, or the pre-analysis's reasons.
pub enum Outcome {
    /// The search ran.
    Solved(Box<Solution>),
    /// The pre-analysis proved the problem infeasible; no search ran.
    Infeasible(Infeasible),
}

impl Task for SolveTask {
    type Output = Outcome;
    type JsValue = SolveOutcome;

    fn compute(&mut self) -> napi::Result<Outcome> {
        if let Err(reasons) = analysis::check(&self.problem) {
            return Ok(Outcome::Infeasible(reasons));
        }
        let on_progress = self.on_progress.as_ref();
        let solution = horarium::solve_with_progress(&self.problem, &self.options, |p| {
            if let Some(callback) = on_progress {
                #[allow(clippy::cast_precision_loss, reason = "JavaScript numbers")]
                let report = ProgressReport {
                    elapsed: p.elapsed.as_secs_f64(),
                    best: JsCost { hard: p.best.hard as f64, soft: p.best.soft as f64 },
                    moves_per_second: p.moves_per_second,
                    iterations: p.iterations as f64,
                    fraction: p.fraction,
                };
                // Non-blocking: the search never waits for JavaScript.
                callback.call(report, ThreadsafeFunctionCallMode::NonBlocking);
            }
        });
        Ok(Outcome::Solved(Box::new(solution)))
    }

    fn resolve(&mut self, _env: Env, output: Outcome) -> napi::Result<SolveOutcome> {
        Ok(SolveOutcome { problem: Arc::clone(&self.problem), outcome: Some(output) })
    }

    fn finally(self, _env: Env) -> napi::Result<()> {
        // Dropping the callback here, on JavaScript's thread, releases it.
        drop(self.on_progress);
        Ok(())
    }
}

/// Starts a solve. Resolves with a `SolveOutcome`; the pre-analysis runs first, on the same
/// worker thread, so an infeasible problem is answered without searching.
#[napi(ts_return_type = "Promise<SolveOutcome>")]
pub fn solve(
    problem: &Problem,
    options: NativeSolveOptions,
    cancel: &CancelFlag,
    on_progress: Option<ProgressCallback>,
    initial: Option<&Timetable>,
) -> napi::Result<AsyncTask<SolveTask>> {
    let time_limit = match options.time_limit {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 => Some(Duration::from_secs_f64(t)),
        Some(t) => return Err(napi::Error::new(Status::InvalidArg, format!("timeLimit must be a positive number of seconds, not {t}"))),
    };
    let max_iterations = options.iterations.map(|n| whole(n, "iterations")).transpose()?;
    let seed: u64 = options
        .seed
        .parse()
        .map_err(|_| napi::Error::new(Status::InvalidArg, format!("seed must be an integer from 0 to 2^64-1, not {}", options.seed)))?;
    let threads = usize::try_from(options.threads)
        .ok()
        .and_then(NonZeroUsize::new)
        .ok_or_else(|| napi::Error::new(Status::InvalidArg, "threads must be at least 1".to_owned()))?;
    let target = match (options.target_hard, options.target_soft) {
        (None, None) => None,
        (h, s) => Some(Cost { hard: whole(h.unwrap_or(0.0), "target.hard")?, soft: whole(s.unwrap_or(0.0), "target.soft")? }),
    };
    if let Some(t) = initial {
        same_problem(problem, t)?;
    }
    let options = SolveOptions {
        time_limit,
        max_iterations,
        target,
        seed,
        threads,
        cancel: Some(Arc::clone(&cancel.inner)),
        initial: initial.map(|t| t.inner.clone()),
    };
    Ok(AsyncTask::new(SolveTask { problem: Arc::clone(&problem.inner), options, on_progress }))
}

/// The result of a solve task, read once by `index.js`.
#[napi]
pub struct SolveOutcome {
    problem: Arc<horarium::Problem>,
    outcome: Option<Outcome>,
}

#[napi]
impl SolveOutcome {
    /// The reasons as JSON when the pre-analysis refused the problem, else `null`.
    #[napi]
    pub fn infeasible(&self) -> Option<String> {
        match &self.outcome {
            Some(Outcome::Infeasible(e)) => {
                Some(json!({ "message": e.to_string(), "reasons": reasons_json(&self.problem, e) }).to_string())
            }
            _ => None,
        }
    }

    /// The solution's report as JSON: cost, breakdown, violations, assignments, statistics, status.
    #[napi]
    pub fn report(&self) -> Option<String> {
        match &self.outcome {
            Some(Outcome::Solved(s)) => {
                let mut report = score_json(&self.problem, &s.score);
                report["status"] = json!(status_name(s.status));
                report["assignments"] = assignments_json(&self.problem, &s.timetable);
                let st = &s.statistics;
                report["statistics"] = json!({
                    "movesTried": st.moves_tried,
                    "movesAccepted": st.moves_accepted,
                    "movesPerSecond": st.moves_per_second,
                    "acceptedPerSecond": st.accepted_per_second,
                    "timeToFirstFeasible": st.time_to_first_feasible.map(|d| d.as_secs_f64()),
                    "timeOfBest": st.time_of_best.as_secs_f64(),
                    "elapsed": st.elapsed.as_secs_f64(),
                    "threads": st.threads,
                });
                Some(report.to_string())
            }
            _ => None,
        }
    }

    /// The timetable found, for `score`, `toJson`, `toCttSolution` and warm starts.
    #[napi]
    pub fn timetable(&self) -> Option<Timetable> {
        match &self.outcome {
            Some(Outcome::Solved(s)) => {
                Some(Timetable { problem: Arc::clone(&self.problem), inner: s.timetable.clone(), warnings: Vec::new() })
            }
            _ => None,
        }
    }
}

fn status_name(status: SolveStatus) -> &'static str {
    match status {
        SolveStatus::TargetReached => "target_reached",
        SolveStatus::TimeLimit => "time_limit",
        SolveStatus::IterationLimit => "iteration_limit",
        SolveStatus::Cancelled => "cancelled",
    }
}

fn cost_json(cost: Cost) -> Value {
    json!({ "hard": cost.hard, "soft": cost.soft })
}

fn resource_json(problem: &horarium::Problem, r: Resource) -> Value {
    let (kind, name) = match r {
        Resource::Teacher(id) => ("teacher", &problem.teacher(id).name),
        Resource::Group(id) => ("group", &problem.group(id).name),
        Resource::Room(id) => ("room", &problem.room(id).name),
        Resource::Course(id) => ("course", &problem.course(id).name),
    };
    json!({ "type": kind, "name": name })
}

fn score_json(problem: &horarium::Problem, score: &Score) -> Value {
    let cal = problem.calendar();
    let breakdown: serde_json::Map<String, Value> = score.by_kind.iter().map(|k| (k.kind.name().to_owned(), cost_json(k.cost))).collect();
    let violations: Vec<Value> = score
        .violations
        .iter()
        .map(|v| {
            let (level, weight) = match v.level {
                Level::Hard => ("hard", None),
                Level::Soft(w) => ("soft", Some(w.get())),
            };
            let lessons: Vec<Value> = v
                .lessons
                .iter()
                .map(|&l| json!({ "course": problem.course_of(l).name, "lesson": problem.lesson(l).index_in_course }))
                .collect();
            let slots: Vec<Value> = v.slots.iter().map(|&s| json!({ "day": cal.day(s), "period": cal.period(s) })).collect();
            let resources: Vec<Value> = v.resources.iter().map(|&r| resource_json(problem, r)).collect();
            json!({
                "kind": v.kind.name(),
                "constraint": v.constraint,
                "level": level,
                "weight": weight,
                "amount": v.amount,
                "hard": v.cost.hard,
                "soft": v.cost.soft,
                "lessons": lessons,
                "slots": slots,
                "resources": resources,
                "message": v.message,
            })
        })
        .collect();
    json!({
        "cost": cost_json(score.cost),
        "feasible": score.cost.is_feasible(),
        "breakdown": breakdown,
        "violations": violations,
    })
}

fn assignments_json(problem: &horarium::Problem, timetable: &horarium::Timetable) -> Value {
    // The JSON format's own model, with an absent lesson index (a surplus lesson) or room as null.
    let def = json::timetable_to_def(problem, timetable);
    def.assignments
        .iter()
        .map(|a| json!({ "course": a.course, "lesson": a.lesson, "day": a.day, "period": a.period, "room": a.room }))
        .collect()
}

fn reasons_json(problem: &horarium::Problem, e: &Infeasible) -> Value {
    e.reasons
        .iter()
        .map(|r| {
            let resources: Vec<Value> = r.resources.iter().map(|&x| resource_json(problem, x)).collect();
            json!({ "reason": r.reason, "resources": resources, "message": r.message })
        })
        .collect()
}
