'use strict';
// Horarium for Node.js: read, solve and score timetables.
//
// A thin adapter over the Rust engine (horarium), compiled by napi-rs into
// horarium.<platform>.node beside this file by `npm install` (`npm run build`).
// This file only checks arguments, turns native results into plain objects and errors into
// `ParseError` and `InfeasibleError`, and wires an `AbortSignal` to the engine's cancellation
// flag. It holds no search or scoring logic.

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

/** The result of `solve`: the best timetable found, its score, why the search stopped, and measurements. */
class Solution {
  constructor(report, nativeTimetable) {
    Object.defineProperty(this, kNative, { value: nativeTimetable });
    this.status = report.status;
    this.cost = report.cost;
    this.feasible = report.feasible;
    this.breakdown = report.breakdown;
    this.violations = report.violations;
    this.assignments = report.assignments;
    this.statistics = report.statistics;
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
 * Scores a timetable from scratch, as `horarium validate` does: totals, the cost per kind and
 * every violation. Scoring never fails on the timetable's content.
 */
function score(problem, timetable) {
  expectProblem(problem);
  const t = toNativeTimetable(problem, timetable, 'the timetable');
  const result = JSON.parse(native.score(problem[kNative], t));
  result.warnings = JSON.parse(t.warnings());
  return result;
}

/** The pre-analysis (`horarium analyze`): reasons the problem has no feasible timetable; `[]` when none is found. */
function analyze(problem) {
  expectProblem(problem);
  return JSON.parse(problem[kNative].analyze());
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const U64_MAX = (1n << 64n) - 1n;

function checkWhole(value, what, min) {
  if (!Number.isInteger(value) || value < min || value > MAX_SAFE) {
    throw new RangeError(`${what} must be an integer from ${min} to ${MAX_SAFE}, not ${value}`);
  }
  return value;
}

/** Checks the options of `solve` and turns them into the native ones. */
function nativeOptions(options) {
  expectObject(options, 'the options');
  const { timeLimit = 10, iterations, seed = 1, threads = 1, target } = options;
  let time;
  if (timeLimit === null || timeLimit === Infinity) {
    time = undefined;
  } else if (typeof timeLimit === 'number' && Number.isFinite(timeLimit) && timeLimit > 0) {
    time = timeLimit;
  } else {
    throw new RangeError(`timeLimit must be a positive number of seconds, or Infinity, not ${timeLimit}`);
  }
  const result = {
    timeLimit: time,
    iterations: iterations === undefined || iterations === null ? undefined : checkWhole(iterations, 'iterations', 0),
    seed: '',
    threads: 0,
  };
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed > U64_MAX) throw new RangeError(`seed must be from 0 to 2^64-1, not ${seed}`);
    result.seed = seed.toString();
  } else {
    result.seed = String(checkWhole(seed, 'seed', 0));
  }
  result.threads = checkWhole(threads, 'threads', 1);
  if (result.threads > 1024) throw new RangeError(`threads must be at most 1024, not ${threads}`);
  if (target !== undefined && target !== null) {
    expectObject(target, 'target');
    result.targetHard = checkWhole(target.hard ?? 0, 'target.hard', 0);
    result.targetSoft = checkWhole(target.soft ?? 0, 'target.soft', 0);
  }
  return result;
}

/**
 * Searches for a timetable off the JavaScript thread and resolves with a Solution.
 *
 * Rejects with an InfeasibleError, without searching, when the pre-analysis proves the problem
 * infeasible. Aborting `signal` stops the search within a few milliseconds and resolves with the
 * best timetable found so far and `status` "cancelled" (also when the signal is already aborted:
 * then the timetable is the first one constructed). `onProgress` is called on the JavaScript
 * thread about five times a second and whenever the best cost improves, never after the promise
 * settles; if it throws, the search is cancelled and the promise rejects with that error.
 */
async function solve(problem, options = {}) {
  expectProblem(problem);
  const opts = nativeOptions(options);
  const { signal, onProgress, initial } = options;
  if (onProgress !== undefined && onProgress !== null && typeof onProgress !== 'function') {
    throw new TypeError('onProgress must be a function');
  }
  if (signal !== undefined && signal !== null && (typeof signal.addEventListener !== 'function' || typeof signal.aborted !== 'boolean')) {
    throw new TypeError('signal must be an AbortSignal');
  }
  const initialTimetable = initial === undefined || initial === null ? undefined : toNativeTimetable(problem, initial, 'initial');

  const flag = new native.CancelFlag();
  const onAbort = () => flag.cancel();
  let settled = false;
  let progressError;
  let progress;
  if (onProgress) {
    progress = (report) => {
      if (settled || progressError !== undefined) return;
      try {
        onProgress(report);
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
    outcome = await native.solve(problem[kNative], opts, flag, progress, initialTimetable);
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
  return new Solution(JSON.parse(outcome.report()), outcome.timetable());
}

module.exports = { Problem, Timetable, Solution, solve, score, analyze, ParseError, InfeasibleError };
