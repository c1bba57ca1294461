// Type definitions of the Horarium Node binding (index.js). Written by hand; the native
// module's own generated definitions (native.d.ts) are an implementation detail.

/** A cost: hard violations first, then the weighted soft cost. Feasible when `hard` is 0. */
export interface Cost {
  hard: number;
  soft: number;
}

/** A kind of rule, as named in Horarium JSON. */
export type Kind =
  | 'unplaced'
  | 'day_boundary'
  | 'room_choice'
  | 'pinned'
  | 'conflicts'
  | 'room_occupancy'
  | 'unavailable'
  | 'room_capacity'
  | 'min_working_days'
  | 'isolated_lessons'
  | 'room_stability'
  | 'clashes'
  | 'preferred_slots'
  | 'idle_gaps'
  | 'lessons_per_day'
  | 'max_days'
  | 'max_per_day'
  | 'same_time'
  | 'different_days'
  | 'ordering'
  | 'consecutive'
  | 'keep_placements';

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

/** One violated rule, with everything involved in it. */
export interface Violation {
  kind: Kind;
  /** Index of the constraint in the problem's list; null for a built-in rule. */
  constraint: number | null;
  level: 'hard' | 'soft';
  /** The soft weight; null for a hard rule. */
  weight: number | null;
  /** Units of violation (clashes, missing days, students without a seat). */
  amount: number;
  /** What it adds to the hard total. */
  hard: number;
  /** What it adds to the soft total. */
  soft: number;
  lessons: LessonRef[];
  slots: SlotRef[];
  resources: ResourceRef[];
  /** One sentence for a person. */
  message: string;
}

/** Totals per kind, for every kind the problem uses and the built-in rules, in catalog order. */
export type Breakdown = Partial<Record<Kind, Cost>>;

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

/** The evaluation of a timetable, from scratch. */
export interface Score {
  cost: Cost;
  feasible: boolean;
  breakdown: Breakdown;
  violations: Violation[];
  /** Lines of an ITC-2007 solution that were skipped (empty for other inputs). */
  warnings: Issue[];
}

/** Why a problem cannot be solved without hard violations. */
export interface Reason {
  reason: 'teacher_overbooked' | 'group_overbooked' | 'no_room' | 'no_place' | 'rooms_overbooked';
  resources: ResourceRef[];
  message: string;
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
  movesTried: number;
  movesAccepted: number;
  movesPerSecond: number;
  acceptedPerSecond: number;
  timeToFirstFeasible: number | null;
  timeOfBest: number;
  elapsed: number;
  threads: number;
}

/** The result of `solve`. */
export declare class Solution {
  private constructor();
  readonly status: SolveStatus;
  readonly cost: Cost;
  readonly feasible: boolean;
  readonly breakdown: Breakdown;
  readonly violations: Violation[];
  readonly assignments: Assignment[];
  readonly statistics: Statistics;
  /** The timetable found, to score again or to start another solve from. */
  readonly timetable: Timetable;
  /** The timetable in Horarium JSON. */
  toJson(): string;
  /** The timetable in the ITC-2007 solution format. */
  toCttSolution(): string;
}

/** A report on a running search. */
export interface Progress {
  /** Seconds since the solve started. */
  elapsed: number;
  /** The best cost found so far. */
  best: Cost;
  /** Moves tried per second per thread, since the start. */
  movesPerSecond: number;
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

/** A timetable as `score` and `initial` accept it: a string is Horarium JSON when it starts with `{`, else ITC-2007 solution lines. */
export type TimetableInput = Timetable | Solution | { assignments: Array<Partial<Assignment>> } | string;

export interface SolveOptions {
  /** Seconds; default 10. `Infinity` or `null` for none (then stop with `iterations`, `target` or `signal`). */
  timeLimit?: number | null;
  /** Moves per thread. With one thread and a time limit never reached, the result depends only on the problem, seed and iterations. */
  iterations?: number | null;
  /** Default 1. */
  seed?: number | bigint;
  /** Parallel searches sharing their best; default 1. */
  threads?: number;
  /** Stop as soon as a timetable at least this good is found. */
  target?: Partial<Cost> | null;
  /** Aborting it stops the search; the promise then resolves with the best timetable so far and status "cancelled". */
  signal?: AbortSignalLike | null;
  /** Called on the JavaScript thread about five times a second and at each improvement, never after the promise settles. */
  onProgress?: ((progress: Progress) => void) | null;
  /** A timetable to start from (warm start). */
  initial?: TimetableInput | null;
}

/**
 * Searches for a timetable off the JavaScript thread.
 * @throws InfeasibleError (as a rejection) when the pre-analysis proves the problem infeasible; no search runs.
 */
export declare function solve(problem: Problem, options?: SolveOptions): Promise<Solution>;

/** Scores a timetable from scratch, as `horarium validate` does. */
export declare function score(problem: Problem, timetable: TimetableInput): Score;

/** The pre-analysis (`horarium analyze`): reasons the problem has no feasible timetable; empty when none is found. */
export declare function analyze(problem: Problem): Reason[];
