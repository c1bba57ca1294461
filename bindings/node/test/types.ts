// Type-checked, never run, by types.test.js (`tsc --noEmit -p test`): the definitions in
// index.d.ts describe the API as a TypeScript user calls it.
import { Problem, Timetable, Solution, solve, score, analyze, ParseError, InfeasibleError } from '..';
import type { Cost, Progress, Reason, Score, SolveOptions, Violation } from '..';

async function example(): Promise<number> {
  let problem: Problem;
  try {
    problem = Problem.fromCtt('comp01.ctt');
  } catch (e) {
    if (e instanceof ParseError) console.error(e.message, e.issues[0]?.line);
    throw e;
  }
  const other: Problem = Problem.fromObject({ name: 'x' }, 'x.json');
  const reasons: Reason[] = analyze(other);
  const controller = new AbortController();
  const options: SolveOptions = {
    timeLimit: 5,
    seed: 1n,
    threads: 2,
    signal: controller.signal,
    onProgress: (p: Progress) => console.log(p.best.soft, p.fraction),
    initial: '{"assignments": []}',
  };
  try {
    const solution: Solution = await solve(problem, options);
    const cost: Cost = solution.cost;
    const first: Violation | undefined = solution.violations[0];
    const text: string = solution.toCttSolution() + solution.toJson();
    const again: Score = score(problem, solution.timetable);
    const fromText: Timetable = Timetable.fromCttSolution(problem, text);
    const status: 'time_limit' | 'iteration_limit' | 'target_reached' | 'cancelled' = solution.status;
    console.log(first?.kind, first?.resources[0]?.type, again.breakdown.room_capacity?.soft, fromText.warnings, status);
    return cost.soft + reasons.length + solution.statistics.movesPerSecond;
  } catch (e) {
    if (e instanceof InfeasibleError) return e.reasons.length;
    throw e;
  }
}

// @ts-expect-error: timeLimit is a number of seconds.
void solve(Problem.fromJson('{}'), { timeLimit: '10' });
// @ts-expect-error: the constructor is not public.
void new Problem();

void example;
