// Type-checked, never run, by types.test.js (`tsc --noEmit -p test`): the definitions in
// index.d.ts describe the API as a TypeScript user calls it.
import { Problem, Timetable, Solution, Resolution, solve, resolve, score, analyze, renderHtml, renderCsv, renderIcs, ParseError, InfeasibleError } from '..';
import type { Analysis, Cost, KindTotals, Move, Progress, Reason, ResolveReport, Score, SolveOptions, SolveReport, Statistics, Violation } from '..';

async function example(): Promise<number> {
  let problem: Problem;
  try {
    problem = Problem.fromCtt('comp01.ctt');
  } catch (e) {
    if (e instanceof ParseError) console.error(e.message, e.issues[0]?.line);
    throw e;
  }
  const other: Problem = Problem.fromObject({ name: 'x' }, 'x.json');
  const analysis: Analysis = analyze(other);
  const reasons: Reason[] = analysis.reasons;
  const controller = new AbortController();
  const options: SolveOptions = {
    timeLimit: 5,
    seed: 1n,
    threads: 2,
    signal: controller.signal,
    onProgress: (p: Progress) => console.log(p.best.soft, p.fraction, p.moves_per_second),
    initial: '{"assignments": []}',
  };
  try {
    const solution: Solution = await solve(problem, options);
    const cost: Cost = solution.cost;
    const first: Violation | undefined = solution.violations[0];
    const level: 'hard' | { soft: number } | undefined = first?.level;
    const text: string = solution.toCttSolution() + solution.toJson();
    const again: Score = score(problem, solution.timetable);
    const totals: KindTotals | undefined = again.breakdown.room_capacity;
    const fromText: Timetable = Timetable.fromCttSolution(problem, text);
    const status: 'time_limit' | 'iteration_limit' | 'target_reached' | 'cancelled' = solution.status;
    const statistics: Statistics = solution.statistics;
    const report: SolveReport = solution.report();
    console.log(first?.kind, first?.resources[0]?.type, first?.cost.soft, level, totals?.violations, fromText.warnings, status, report.timetable.assignments[0]?.room);
    const resolution: Resolution = await resolve(other, solution, { moveCost: 5, iterations: 1000, seed: '7', onProgress: (p) => console.log(p.elapsed) });
    const moved: Move[] = resolution.moved;
    const full: ResolveReport = resolution.report();
    const page: string = renderHtml(problem, solution) + renderCsv(other, resolution.timetable) + renderIcs(problem, solution, { owner: { type: 'teacher', name: 'Ada' }, dtstamp: '20240101T000000Z' }) + renderIcs(other, resolution);
    console.log(moved[0]?.from?.room, moved[0]?.to?.day, full.moved.length, resolution.warnings[0]?.field, page.length);
    return cost.soft + reasons.length + statistics.moves_per_second + (statistics.time_to_first_feasible ?? 0);
  } catch (e) {
    if (e instanceof InfeasibleError) return e.reasons.length;
    throw e;
  }
}

// @ts-expect-error: timeLimit is a number of seconds.
void solve(Problem.fromJson('{}'), { timeLimit: '10' });
// @ts-expect-error: the constructor is not public.
void new Problem();
// @ts-expect-error: an owner is a teacher, a group or a room.
void renderIcs(Problem.fromJson('{}'), '', { owner: { type: 'course', name: 'x' } });
// @ts-expect-error: resolve needs the old timetable.
void resolve(Problem.fromJson('{}'));

void example;
