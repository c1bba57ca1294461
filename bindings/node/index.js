'use strict';
// Horarium for Node.js: read, validate, analyze, solve, re-solve and render timetables.
//
// A thin adapter over the Rust engine (horarium), compiled by napi-rs into
// horarium.<platform>.node beside this file by `npm install` (`npm run build`).
// This file only checks the types of arguments, parses the engine's reports (its own JSON
// shapes, never rebuilt here), turns errors into `ParseError`, `InfeasibleError` and
// `RangeError`, and wires an `AbortSignal` to the engine's cancellation flag. It holds no
// search or scoring logic, and no defaults or bounds of its own: the engine's apply.

const fs = require('node:fs');
const path = require('node:path');

const native = loadNative();

/** Finds the compiled module for this platform, e.g. horarium.linux-x64-gnu.node. */
function loadNative() {
  const prefix = `horarium.${process.platform}-${process.arch}`;
  const candidates = fs
    .readdirSync(__dirname)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.node'))
    .map((f) => path.join(__dirname, f));
  if (candidates.length === 0) {
    throw new Error(
      `the native module ${prefix}*.node is missing from ${__dirname}: ` +
        'build it with `npm install` or `npm run build` there (needs a Rust toolchain)',
    );
  }
  // Several (gnu and musl, say) only when built for both: the newest is this machine's.
  candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return require(candidates[0]);
}

// The native object behind a wrapper; not part of the API.
const kNative = Symbol('horarium.native');

/** A reader's error. `message` is what the `horarium` CLI prints after `error: `. */
class ParseError extends Error {
  constructor(message, issues) {
    super(message);
    this.name = 'ParseError';
    /** Every located issue: `{line, field, message}`, `line` null when the input has none. */
    this.issues = issues;
  }
}

/** A problem the pre-analysis proved to have no timetable without hard violations. */
class InfeasibleError extends Error {
  constructor(message, reasons) {
    super(message);
    this.name = 'InfeasibleError';
    /** Every reason found: `{reason, resources, message}`. */
    this.reasons = reasons;
  }
}

/** Returns a native read's value, or throws its error as a ParseError. */
function unwrapRead(result, NativeClass) {
  if (result instanceof NativeClass) return result;
  throw new ParseError(result.message, JSON.parse(result.issues));
}

function expectString(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, not ${typeof value}`);
}

function expectObject(value, what) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object`);
  }
}

/** A timetabling problem, immutable once read. */
class Problem {
  constructor(nativeProblem) {
    if (!(nativeProblem instanceof native.Problem)) {
      throw new TypeError('use Problem.fromCtt, fromFile, fromJson or fromObject to make a Problem');
    }
    Object.defineProperty(this, kNative, { value: nativeProblem });
  }

  /** Reads an ITC-2007 `.ctt` file, whatever its extension. Throws ParseError. */
  static fromCtt(file) {
    expectString(file, 'the path');
    return new Problem(unwrapRead(native.Problem.fromCtt(file), native.Problem));
  }

  /** Reads a file as the CLI does: `.json` as Horarium JSON, anything else as `.ctt`. Throws ParseError. */
  static fromFile(file) {
    expectString(file, 'the path');
    return new Problem(unwrapRead(native.Problem.fromFile(file), native.Problem));
  }

  /**
   * Parses the text of a FET file; `name` stands for the file in error messages. With
   * `skipUnsupported`, constraint types Horarium does not support yet are left out instead of
   * refusing the file. Throws ParseError.
   */
  static fromFetText(text, name = '<fet>', { skipUnsupported = false } = {}) {
    expectString(text, 'the text');
    expectString(name, 'the name');
    if (typeof skipUnsupported !== 'boolean') throw new TypeError(`skipUnsupported must be a boolean, not ${typeof skipUnsupported}`);
    return new Problem(unwrapRead(native.Problem.fromFetText(text, name, skipUnsupported), native.Problem));
  }

  /** Parses `.ctt` text; `name` stands for the file in error messages. Throws ParseError. */
  static fromCttText(text, name = '<ctt>') {
    expectString(text, 'the text');
    expectString(name, 'the name');
    return new Problem(unwrapRead(native.Problem.fromCttText(text, name), native.Problem));
  }

  /** Parses Horarium JSON text; `name` stands for the file in error messages. Throws ParseError. */
  static fromJson(text, name = '<json>') {
    expectString(text, 'the text');
    expectString(name, 'the name');
    return new Problem(unwrapRead(native.Problem.fromJson(text, name), native.Problem));
  }

  /**
   * Builds a problem from an object in the Horarium JSON model. Throws ParseError; a line and
   * column in its message are those of `JSON.stringify(object)`.
   */
  static fromObject(object, name = '<object>') {
    expectObject(object, 'the problem');
    return Problem.fromJson(JSON.stringify(object), name);
  }

  /** The problem's name. */
  get name() {
    return this[kNative].name;
  }

  /** Counts: days, periodsPerDay, teachers, groups, rooms, courses, lessons, constraints. */
  get summary() {
    return JSON.parse(this[kNative].summary());
  }

  /** The problem in Horarium JSON (what `horarium convert --to json` writes). */
  toJson() {
    return this[kNative].toJson();
  }
}

/** A timetable for one problem object. */
class Timetable {
  constructor(nativeTimetable) {
    if (!(nativeTimetable instanceof native.Timetable)) {
      throw new TypeError('use Timetable.fromJson, fromObject or fromCttSolution to make a Timetable');
    }
    Object.defineProperty(this, kNative, { value: nativeTimetable });
  }

  /** Parses a timetable in Horarium JSON. Throws ParseError. */
  static fromJson(problem, text, name = '<json>') {
    expectProblem(problem);
    expectString(text, 'the text');
    expectString(name, 'the name');
    return new Timetable(unwrapRead(native.Timetable.fromJson(problem[kNative], text, name), native.Timetable));
  }

  /** Builds a timetable from `{assignments: [{course, lesson?, day, period, room?}]}`. Throws ParseError. */
  static fromObject(problem, object, name = '<object>') {
    expectObject(object, 'the timetable');
    return Timetable.fromJson(problem, JSON.stringify(object), name);
  }

  /**
   * Parses the ITC-2007 solution format (`course room day period` lines). Never throws on its
   * content: a malformed line is skipped and listed in `warnings`, as the competition's validator does.
   */
  static fromCttSolution(problem, text) {
    expectProblem(problem);
    expectString(text, 'the text');
    return new Timetable(native.Timetable.fromCttSolution(problem[kNative], text));
  }

  /** Skipped lines of a solution file: `{line, field, message}`. */
  get warnings() {
    return JSON.parse(this[kNative].warnings());
  }

  /** The placed lessons: `{course, lesson, day, period, room}`. */
  get assignments() {
    return JSON.parse(this[kNative].assignments());
  }

  /** The timetable in Horarium JSON. */
  toJson() {
    return this[kNative].toJson();
  }

  /** The timetable in the ITC-2007 solution format. */
  toCttSolution() {
    return this[kNative].toCttSolution();
  }
}

// The engine's report of a solve or re-solve behind a Solution, as JSON text; not part of the API.
const kReport = Symbol('horarium.report');

/**
 * The result of `solve`: the best timetable found, its score, why the search stopped, and
 * measurements. `status`, `statistics` and `score` are the engine's report (`report()` gives it
 * whole); `cost`, `feasible`, `breakdown` and `violations` are `score`'s, at hand.
 */
class Solution {
  constructor(reportText, nativeTimetable) {
    const report = JSON.parse(reportText);
    Object.defineProperty(this, kNative, { value: nativeTimetable });
    Object.defineProperty(this, kReport, { value: reportText });
    this.status = report.status;
    this.statistics = report.statistics;
    this.score = report.score;
    this.cost = report.score.cost;
    this.feasible = report.score.feasible;
    this.breakdown = report.score.breakdown;
    this.violations = report.score.violations;
    this.assignments = JSON.parse(nativeTimetable.assignments());
  }

  /** The whole report, as the engine writes it: `{status, statistics, score, timetable}` (a fresh object each call). */
  report() {
    return JSON.parse(this[kReport]);
  }

  /** The timetable found, to score again or to start another solve from. */
  get timetable() {
    return new Timetable(this[kNative]);
  }

  /** The timetable in Horarium JSON (what `horarium solve` writes for a `.json` problem). */
  toJson() {
    return this[kNative].toJson();
  }

  /** The timetable in the ITC-2007 solution format (what `horarium solve` writes for a `.ctt` problem). */
  toCttSolution() {
    return this[kNative].toCttSolution();
  }
}

/**
 * The result of `resolve`: a Solution of the changed problem, whose score is the changed
 * problem's alone (without the cost of moves), with the lessons that `moved` and the `warnings`
 * of what was left out of the old timetable. `report()` adds `moved` to a Solution's.
 */
class Resolution extends Solution {
  constructor(reportText, nativeTimetable, warnings) {
    super(reportText, nativeTimetable);
    this.moved = JSON.parse(reportText).moved;
    this.warnings = warnings;
  }
}

function expectProblem(problem) {
  if (!(problem instanceof Problem)) throw new TypeError('the problem must be a Problem');
}

/**
 * A native timetable for `problem` from a Timetable, a Solution, an object
 * `{assignments: [...]}`, or a string: Horarium JSON when it starts with `{`, else the ITC-2007
 * solution format.
 */
function toNativeTimetable(problem, timetable, what) {
  let result;
  if (timetable instanceof Timetable || timetable instanceof Solution) {
    result = timetable[kNative];
  } else if (typeof timetable === 'string') {
    result = timetable.trimStart().startsWith('{')
      ? Timetable.fromJson(problem, timetable)[kNative]
      : Timetable.fromCttSolution(problem, timetable)[kNative];
  } else if (typeof timetable === 'object' && timetable !== null) {
    result = Timetable.fromObject(problem, timetable)[kNative];
  } else {
    throw new TypeError(`${what} must be a Timetable, a Solution, an object {assignments} or a string`);
  }
  if (!result.belongsTo(problem[kNative])) {
    throw new Error(`${what} was made for another Problem object`);
  }
  return result;
}

/**
 * Scores a timetable from scratch, as `horarium validate` does: the engine's report (totals,
 * the totals per kind and every violation), with the `warnings` of a solution text's skipped
 * lines. Scoring never fails on the timetable's content.
 */
function score(problem, timetable) {
  expectProblem(problem);
  const t = toNativeTimetable(problem, timetable, 'the timetable');
  const result = JSON.parse(native.score(problem[kNative], t));
  result.warnings = JSON.parse(t.warnings());
  return result;
}

/**
 * The pre-analysis (`horarium analyze --json`): `{feasible, reasons}`, the reasons the problem has
 * no timetable without hard violations; `feasible` is true when none is found, which proves nothing.
 */
function analyze(problem) {
  expectProblem(problem);
  return JSON.parse(problem[kNative].analyze());
}

/**
 * A lower bound on the soft cost of every timetable without hard violations, proved by the
 * engine's exact layer (an integer program solved by HiGHS) within `seconds` (default 60), off the
 * JavaScript thread: the report of `horarium bound --json`, `{feasible, soft, exact, method,
 * variables, integer_variables, rows, priced, relaxed, seconds}`. `feasible` false proves there is
 * no such timetable; a solution whose soft cost equals `soft` is optimal.
 */
async function bound(problem, seconds = 60) {
  expectProblem(problem);
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`seconds must be a positive number, not ${seconds}`);
  }
  return JSON.parse(await problem[kNative].bound(seconds));
}

/** The timetable as one self-contained HTML page, as `horarium render --format html` writes it. */
function renderHtml(problem, timetable) {
  expectProblem(problem);
  return native.renderHtml(problem[kNative], toNativeTimetable(problem, timetable, 'the timetable'));
}

/** The timetable as CSV, one row per placed lesson, as `horarium render --format csv` writes it. */
function renderCsv(problem, timetable) {
  expectProblem(problem);
  return native.renderCsv(problem[kNative], toNativeTimetable(problem, timetable, 'the timetable'));
}

/**
 * The timetable as an iCalendar file, as `horarium render --format ics` writes it: one weekly
 * event per placed lesson, laid on a fixed reference week. `owner` (`{type: "teacher" | "group" |
 * "room", name}`) keeps only its lessons, as `--teacher`, `--group` and `--room` do; `dtstamp` is
 * the calendar's creation time in UTC (`YYYYMMDDTHHMMSSZ`), now by default. An owner the problem
 * does not have or a malformed `dtstamp` throws a RangeError.
 */
function renderIcs(problem, timetable, options = {}) {
  expectProblem(problem);
  expectObject(options, 'the options');
  const { owner, dtstamp } = options;
  if (owner !== undefined && owner !== null) {
    expectObject(owner, 'owner');
    expectString(owner.type, 'owner.type');
    expectString(owner.name, 'owner.name');
  }
  if (dtstamp !== undefined && dtstamp !== null) expectString(dtstamp, 'dtstamp');
  const t = toNativeTimetable(problem, timetable, 'the timetable');
  const result = native.renderIcs(problem[kNative], t, owner?.type, owner?.name, dtstamp ?? undefined);
  if (typeof result === 'string') return result;
  throw new RangeError(result.message);
}

/** A number, or a TypeError; a number JSON cannot carry (NaN, ±Infinity) is a RangeError. */
function expectNumber(value, what) {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, not ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, not ${value}`);
  return value;
}

/**
 * The search options as the engine reads them: the JSON text of its `SolveParameters`, checked
 * and completed with its defaults by the engine. Only what is not a value of the right type is
 * refused here (a TypeError); the engine refuses what is out of its bounds (a RangeError with
 * its message).
 */
function nativeOptions(options) {
  const { timeLimit, iterations, seed, threads, target } = options;
  const parameters = {};
  if (timeLimit === null || timeLimit === Infinity) parameters.time_limit = null;
  else if (timeLimit !== undefined) parameters.time_limit = expectNumber(timeLimit, 'timeLimit');
  if (iterations === null) parameters.iterations = null;
  else if (iterations !== undefined) parameters.iterations = expectNumber(iterations, 'iterations');
  if (seed !== undefined && seed !== null) {
    // In decimal, which the engine reads exactly up to 2^64-1 (a number is exact only up to 2^53).
    if (typeof seed === 'number' || typeof seed === 'bigint') parameters.seed = String(seed);
    else if (typeof seed === 'string') parameters.seed = seed;
    else throw new TypeError(`seed must be a number, a bigint or a string, not ${typeof seed}`);
  }
  if (threads !== undefined && threads !== null) parameters.threads = expectNumber(threads, 'threads');
  if (target !== undefined && target !== null) {
    expectObject(target, 'target');
    parameters.target = { hard: expectNumber(target.hard ?? 0, 'target.hard'), soft: expectNumber(target.soft ?? 0, 'target.soft') };
  }
  const result = native.Options.fromJson(JSON.stringify(parameters));
  if (result instanceof native.Options) return result;
  throw new RangeError(result.message);
}

/**
 * Runs one native search: `start(flag, progress)` starts it and returns the native promise.
 * Wires `signal` to the cancellation flag and delivers the engine's progress reports to
 * `onProgress` until the promise settles; an error thrown by `onProgress` cancels the search and
 * is thrown. Returns the native outcome, or throws an InfeasibleError.
 */
async function search(options, start) {
  const { signal, onProgress } = options;
  if (onProgress !== undefined && onProgress !== null && typeof onProgress !== 'function') {
    throw new TypeError('onProgress must be a function');
  }
  if (signal !== undefined && signal !== null && (typeof signal.addEventListener !== 'function' || typeof signal.aborted !== 'boolean')) {
    throw new TypeError('signal must be an AbortSignal');
  }
  const flag = new native.CancelFlag();
  const onAbort = () => flag.cancel();
  let settled = false;
  let progressError;
  let progress;
  if (onProgress) {
    progress = (report) => {
      if (settled || progressError !== undefined) return;
      try {
        onProgress(JSON.parse(report));
      } catch (err) {
        progressError = err;
        flag.cancel();
      }
    };
  }
  if (signal) {
    if (signal.aborted) flag.cancel();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  let outcome;
  try {
    outcome = await start(flag, progress);
    if (progress) {
      // Reports queued by the search just before it stopped are delivered before the promise settles.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    settled = true;
    if (signal) signal.removeEventListener('abort', onAbort);
  }
  if (progressError !== undefined) throw progressError;
  const infeasible = outcome.infeasible();
  if (infeasible !== null && infeasible !== undefined) {
    const { message, reasons } = JSON.parse(infeasible);
    throw new InfeasibleError(message, reasons);
  }
  return outcome;
}

/**
 * Searches for a timetable off the JavaScript thread and resolves with a Solution.
 *
 * The options are the engine's, with its defaults and bounds (an option out of them rejects with
 * a RangeError with its message). Rejects with an InfeasibleError, without searching, when the
 * engine's pre-analysis proves the problem infeasible. Aborting `signal` stops the search within
 * a few milliseconds and resolves with the best timetable found so far and `status` "cancelled"
 * (also when the signal is already aborted: then the timetable is the first one constructed).
 * `onProgress` is called on the JavaScript thread about five times a second and whenever the best
 * cost improves, never after the promise settles; if it throws, the search is cancelled and the
 * promise rejects with that error.
 */
async function solve(problem, options = {}) {
  expectProblem(problem);
  expectObject(options, 'the options');
  const parameters = nativeOptions(options);
  const { initial } = options;
  const initialTimetable = initial === undefined || initial === null ? undefined : toNativeTimetable(problem, initial, 'initial');
  const outcome = await search(options, (flag, progress) => native.solve(problem[kNative], parameters, flag, progress, initialTimetable));
  return new Solution(outcome.report(), outcome.timetable());
}

/**
 * The old timetable of a re-solve, for `problem`: a Timetable or Solution (of any problem,
 * carried over by names), an object `{assignments: [...]}`, or a string (Horarium JSON when it
 * starts with `{`, else ITC-2007 solution lines). What no longer fits `problem` is left out and
 * listed in its warnings, as `horarium resolve --from` does.
 */
function toOldTimetable(problem, old) {
  if (old instanceof Timetable || old instanceof Solution) {
    return native.Timetable.carriedOver(problem[kNative], old[kNative]);
  }
  if (typeof old === 'string') {
    return old.trimStart().startsWith('{')
      ? unwrapRead(native.Timetable.fromJsonKeepingValid(problem[kNative], old, '<json>'), native.Timetable)
      : native.Timetable.fromCttSolution(problem[kNative], old);
  }
  if (typeof old === 'object' && old !== null && !Array.isArray(old)) {
    return unwrapRead(native.Timetable.fromJsonKeepingValid(problem[kNative], JSON.stringify(old), '<object>'), native.Timetable);
  }
  throw new TypeError('the old timetable must be a Timetable, a Solution, an object {assignments} or a string');
}

/**
 * Solves a changed problem again from an earlier timetable, moving as few lessons as it can (as
 * `horarium resolve` does), off the JavaScript thread, and resolves with a Resolution.
 *
 * `old` is the earlier timetable, in any form `score` accepts, and may belong to the earlier
 * problem: what no longer fits `problem` is left out and listed in `warnings`. Each lesson placed
 * elsewhere than in `old` costs `moveCost` soft units (default 10) during the search, which
 * starts from `old`; the Resolution's score is the changed problem's alone. The other options,
 * the pre-analysis, cancellation and progress are as for `solve`.
 */
async function resolve(problem, old, options = {}) {
  expectProblem(problem);
  expectObject(options, 'the options');
  const { moveCost } = options;
  if (moveCost !== undefined && moveCost !== null) {
    expectNumber(moveCost, 'moveCost');
    if (!Number.isInteger(moveCost) || moveCost < 1 || moveCost > 0xffffffff) {
      throw new RangeError(`moveCost must be an integer from 1 to 4294967295, not ${moveCost}`);
    }
  }
  const parameters = nativeOptions(options);
  const oldTimetable = toOldTimetable(problem, old);
  const outcome = await search(options, (flag, progress) =>
    native.resolve(problem[kNative], oldTimetable, moveCost ?? undefined, parameters, flag, progress),
  );
  return new Resolution(outcome.report(), outcome.timetable(), JSON.parse(oldTimetable.warnings()));
}

module.exports = {
  Problem,
  Timetable,
  Solution,
  Resolution,
  solve,
  resolve,
  score,
  analyze,
  bound,
  renderHtml,
  renderCsv,
  renderIcs,
  ParseError,
  InfeasibleError,
};
