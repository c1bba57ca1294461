// Type definitions of the Horarium Node binding (index.js). Written by hand; the native
// module's own generated definitions (native.d.ts) are an implementation detail.
//
// The reports (scores, the pre-analysis, statistics, progress, moves) are the engine's own
// shapes (`horarium::report`), with its snake_case field names, as the CLI writes them with
// `--json`: every adapter of the engine gives the same fields.

/** A cost: hard violations first, then the weighted soft cost. Feasible when `hard` is 0. */
export interface Cost {
  hard: number;
  soft: number;
}

/**
 * A kind of rule, by its name in Horarium JSON: a built-in rule (`unplaced`, `day_boundary`,
 * `room_choice`, `pinned`) or a kind of the catalog (`clashes`, `min_working_days`, ...; the list is
 * in the problem schema that `horarium schema problem` writes). A plain string, so that a kind
 * added to the engine needs no change here.
 */
export type Kind = string;

/** A teacher, group, room or course, by name. */
export interface ResourceRef {
  type: 'teacher' | 'group' | 'room' | 'course';
  name: string;
}

/** A lesson: its course and its position among the course's lessons, from 0. */
export interface LessonRef {
  course: string;
  lesson: number;
}

/** A slot of the week, day and period from 0. */
export interface SlotRef {
  day: number;
  period: number;
}

/** A rule's level: `"hard"`, or `{soft: weight}`. */
export type Level = 'hard' | { soft: number };

/** One violated rule, with everything involved in it. */
export interface Violation {
  kind: Kind;
  /** Index of the constraint in the problem's list; null for a built-in rule. */
  constraint: number | null;
  level: Level;
  /** Units of violation (clashes, missing days, students without a seat). */
  amount: number;
  /** What it adds to the totals. */
  cost: Cost;
  lessons: LessonRef[];
  slots: SlotRef[];
  resources: ResourceRef[];
  /** One sentence for a person. */
  message: string;
}

/** What the violations of one kind add up to. */
export interface KindTotals {
  hard: number;
  soft: number;
  /** How many violations. */
  violations: number;
}

/** Totals per kind, for every kind the problem uses and the built-in rules, in catalog order. */
export type Breakdown = Partial<Record<Kind, KindTotals>>;

/** One placed lesson. `lesson` is null only for a lesson beyond its course's count, `room` for a lesson without a room. */
export interface Assignment {
  course: string;
  lesson: number | null;
  day: number;
  period: number;
  room: string | null;
}

/** A located problem in an input; `line` is null when the input has no lines (an object). */
export interface Issue {
  line: number | null;
  field: string;
  message: string;
}

/** The evaluation of a timetable, from scratch, as the engine reports it. */
export interface ScoreReport {
  cost: Cost;
  feasible: boolean;
  breakdown: Breakdown;
  violations: Violation[];
}

/** What `score` returns: the engine's report, and the skipped lines of an ITC-2007 solution (empty for other inputs). */
export interface Score extends ScoreReport {
  warnings: Issue[];
}

/** Why a problem cannot be solved without hard violations. */
export interface Reason {
  reason: 'teacher_overbooked' | 'group_overbooked' | 'no_room' | 'no_place' | 'rooms_overbooked' | 'too_few_days' | 'clashing_courses' | 'pinned_rooms';
  resources: ResourceRef[];
  message: string;
}

/** The pre-analysis: `feasible` is true when no reason is found, which proves nothing. */
export interface Analysis {
  feasible: boolean;
  reasons: Reason[];
}

/** A lower bound on the soft cost; `feasible` false proves no timetable is free of hard violations. */
export interface BoundReport {
  feasible: boolean;
  soft: number | null;
  exact: boolean;
  method: string;
  variables: number;
  integer_variables: number;
  rows: number;
  priced: string[];
  relaxed: string[];
  seconds: number;
}

/** A reader's error; `message` is what the `horarium` CLI prints after `error: `. */
export declare class ParseError extends Error {
  name: 'ParseError';
  issues: Issue[];
}

/** Raised by `solve`, before any search, when the pre-analysis proves the problem infeasible. */
export declare class InfeasibleError extends Error {
  name: 'InfeasibleError';
  reasons: Reason[];
}

/** A timetabling problem, immutable once read. */
export declare class Problem {
  private constructor();
  /** Reads an ITC-2007 `.ctt` file, whatever its extension. @throws ParseError */
  static fromCtt(path: string): Problem;
  /** Reads a file as the CLI does: `.json` as Horarium JSON, anything else as `.ctt`. @throws ParseError */
  static fromFile(path: string): Problem;
  /** Parses `.ctt` text; `name` stands for the file in error messages (default `<ctt>`). @throws ParseError */
  static fromCttText(text: string, name?: string): Problem;
  /** Parses the text of a FET file; `skipUnsupported` leaves out the constraint types Horarium does not support yet. @throws ParseError */
  static fromFetText(text: string, name?: string, options?: { skipUnsupported?: boolean }): Problem;
  /** Parses Horarium JSON text; `name` stands for the file in error messages (default `<json>`). @throws ParseError */
  static fromJson(text: string, name?: string): Problem;
  /** Builds a problem from an object in the Horarium JSON model (default name `<object>`). @throws ParseError */
  static fromObject(object: object, name?: string): Problem;
  readonly name: string;
  readonly summary: {
    name: string;
    days: number;
    periodsPerDay: number;
    teachers: number;
    groups: number;
    rooms: number;
    courses: number;
    lessons: number;
    constraints: number;
  };
  /** The problem in Horarium JSON. */
  toJson(): string;
}

/** A timetable for one Problem object. */
export declare class Timetable {
  private constructor();
  /** @throws ParseError */
  static fromJson(problem: Problem, text: string, name?: string): Timetable;
  /** @throws ParseError */
  static fromObject(problem: Problem, object: { assignments: Array<Partial<Assignment>> }, name?: string): Timetable;
  /** Never throws on the text: malformed lines are skipped and listed in `warnings`. */
  static fromCttSolution(problem: Problem, text: string): Timetable;
  readonly warnings: Issue[];
  readonly assignments: Assignment[];
  toJson(): string;
  /** @throws Error when a placed lesson has no room, which the format cannot express. */
  toCttSolution(): string;
}

/** Why the search stopped. */
export type SolveStatus = 'time_limit' | 'iteration_limit' | 'target_reached' | 'cancelled';

/** Measurements of a finished search; times in seconds. */
export interface Statistics {
  /** Moves tried, summed over threads. */
  moves_tried: number;
  /** Moves accepted, summed over threads. */
  moves_accepted: number;
  moves_per_second: number;
  accepted_per_second: number;
  /** When the first timetable without hard violations was found; null if never. */
  time_to_first_feasible: number | null;
  /** When the returned timetable was found. */
  time_of_best: number;
  elapsed: number;
  threads: number;
  /** Repairs tried by the repairing thread (integer programs over a few lessons); 0 when none repairs. */
  repairs: number;
  /** Repairs that gave a better timetable. */
  repairs_improved: number;
}

/** A timetable in the Horarium JSON model, as a report holds it: an absent lesson index or room is left out. */
export interface TimetableModel {
  assignments: Array<{ course: string; lesson?: number; day: number; period: number; room?: string }>;
}

/** A finished solve, as the engine reports it. */
export interface SolveReport {
  status: SolveStatus;
  statistics: Statistics;
  score: ScoreReport;
  timetable: TimetableModel;
}

/** Where a lesson is: its start day and period, and its room (null for none). */
export interface Place {
  day: number;
  period: number;
  room: string | null;
}

/** One lesson that moved in a re-solve: `from` is null for a lesson the old timetable did not place, `to` for one left unplaced. */
export interface Move {
  lesson: LessonRef;
  from: Place | null;
  to: Place | null;
}

/** A finished re-solve, as the engine reports it: a solve's report and the lessons that moved. */
export interface ResolveReport extends SolveReport {
  moved: Move[];
}

/** The result of `solve`. `status`, `statistics` and `score` are the engine's report; `cost`, `feasible`, `breakdown` and `violations` are `score`'s. */
export declare class Solution {
  protected constructor();
  readonly status: SolveStatus;
  readonly statistics: Statistics;
  readonly score: ScoreReport;
  readonly cost: Cost;
  readonly feasible: boolean;
  readonly breakdown: Breakdown;
  readonly violations: Violation[];
  readonly assignments: Assignment[];
  /** The timetable found, to score again or to start another solve from. */
  readonly timetable: Timetable;
  /** The whole report, as the engine writes it (a fresh object each call). */
  report(): SolveReport;
  /** The timetable in Horarium JSON. */
  toJson(): string;
  /** The timetable in the ITC-2007 solution format. */
  toCttSolution(): string;
}

/** The result of `resolve`: a Solution of the changed problem, scored without the cost of moves. */
export declare class Resolution extends Solution {
  private constructor();
  /** Every lesson whose slot or room changed. */
  readonly moved: Move[];
  /** What of the old timetable no longer fits the problem and was left out (or skipped lines of ITC-2007 text). */
  readonly warnings: Issue[];
  report(): ResolveReport;
}

/** A report on a running search, as the engine reports it. */
export interface Progress {
  /** Seconds since the solve started. */
  elapsed: number;
  /** The best cost found so far. */
  best: Cost;
  /** Moves tried per second per thread, since the start. */
  moves_per_second: number;
  /** Moves tried by the reporting thread. */
  iterations: number;
  /** Fraction of the budget (time or iterations) used, from 0 to 1. */
  fraction: number;
}

/** What an AbortSignal offers that `solve` uses. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A timetable as `score`, `initial`, `resolve` and the renderers accept it: a string is Horarium JSON when it starts with `{`, else ITC-2007 solution lines. */
export type TimetableInput = Timetable | Solution | { assignments: Array<Partial<Assignment>> } | string;

/** The options of a search, the engine's parameters: its defaults and bounds apply (out of them, a RangeError with its message). */
export interface SearchOptions {
  /** Seconds; default 10. `Infinity` or `null` for none (then stop with `iterations`, `target` or `signal`). */
  timeLimit?: number | null;
  /** Moves per thread. With one thread and a time limit never reached, the result depends only on the problem, seed and iterations. */
  iterations?: number | null;
  /** Default 1; a bigint or a decimal string for seeds beyond 2^53. */
  seed?: number | bigint | string | null;
  /** Parallel searches sharing their best; default 1, at most 256. */
  threads?: number | null;
  /** Stop as soon as a timetable at least this good is found. */
  target?: Partial<Cost> | null;
  /** Aborting it stops the search; the promise then resolves with the best timetable so far and status "cancelled". */
  signal?: AbortSignalLike | null;
  /** Called on the JavaScript thread about five times a second and at each improvement, never after the promise settles. */
  onProgress?: ((progress: Progress) => void) | null;
}

export interface SolveOptions extends SearchOptions {
  /** A timetable to start from (warm start). */
  initial?: TimetableInput | null;
}

export interface ResolveOptions extends SearchOptions {
  /** Soft cost of moving one lesson (to another slot or room); default 10. */
  moveCost?: number | null;
}

/**
 * Searches for a timetable off the JavaScript thread.
 * @throws InfeasibleError (as a rejection) when the pre-analysis proves the problem infeasible; no search runs.
 * @throws RangeError (as a rejection) for an option out of the engine's bounds.
 */
export declare function solve(problem: Problem, options?: SolveOptions): Promise<Solution>;

/**
 * Solves a changed problem again from an earlier timetable (`old`, of this or the earlier problem:
 * what no longer fits is left out), moving as few lessons as it can, as `horarium resolve` does.
 * @throws InfeasibleError (as a rejection) when the pre-analysis proves the problem infeasible; no search runs.
 */
export declare function resolve(problem: Problem, old: TimetableInput, options?: ResolveOptions): Promise<Resolution>;

/** Scores a timetable from scratch, as `horarium validate` does. */
export declare function score(problem: Problem, timetable: TimetableInput): Score;

/** The pre-analysis (`horarium analyze --json`). */
export declare function analyze(problem: Problem): Analysis;

/**
 * A proved lower bound on the soft cost (`horarium bound --json`), within `seconds` (default 60),
 * off the JavaScript thread.
 * @throws RangeError (as a rejection) when `seconds` is not a positive number.
 */
export declare function bound(problem: Problem, seconds?: number): Promise<BoundReport>;

/** The timetable as one self-contained HTML page, as `horarium render --format html` writes it. */
export declare function renderHtml(problem: Problem, timetable: TimetableInput): string;

/** The timetable as CSV, one row per placed lesson, as `horarium render --format csv` writes it. */
export declare function renderCsv(problem: Problem, timetable: TimetableInput): string;

/** Whose calendar `renderIcs` writes. */
export interface Owner {
  type: 'teacher' | 'group' | 'room';
  name: string;
}

/**
 * The timetable as an iCalendar file, as `horarium render --format ics` writes it: every placed lesson, or only `owner`'s.
 * `dtstamp` is the creation time in UTC (`YYYYMMDDTHHMMSSZ`), now by default.
 * @throws RangeError for an owner the problem does not have or a malformed `dtstamp`.
 */
export declare function renderIcs(problem: Problem, timetable: TimetableInput, options?: { owner?: Owner | null; dtstamp?: string | null }): string;
