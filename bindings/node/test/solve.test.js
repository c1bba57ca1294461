'use strict';
// Solving: results, progress, cancellation, the event loop, and identity with the CLI.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { Problem, Solution, Timetable, solve, score, InfeasibleError } = require('..');
const { fixtures, itc, runCli, tempDir, overbooked } = require('./helpers');

const tmp = tempDir();
const tiny = () => Problem.fromCtt(path.join(fixtures, 'ctt', 'tiny.ctt'));

test('solve finds a feasible timetable and reports it in full', async () => {
  const p = tiny();
  const s = await solve(p, { iterations: 20000, seed: 3 });
  assert.ok(s instanceof Solution);
  assert.equal(s.status, 'iteration_limit');
  assert.equal(s.cost.hard, 0);
  assert.equal(s.feasible, true);
  assert.equal(s.assignments.length, p.summary.lessons);
  assert.deepEqual(Object.keys(s.assignments[0]), ['course', 'lesson', 'day', 'period', 'room']);
  assert.deepEqual(Object.keys(s.statistics), [
    'moves_tried',
    'moves_accepted',
    'moves_per_second',
    'accepted_per_second',
    'time_to_first_feasible',
    'time_of_best',
    'elapsed',
    'threads',
    'repairs',
    'repairs_improved',
  ]);
  assert.equal(s.statistics.moves_tried, 20000);
  assert.equal(s.statistics.threads, 1);
  assert.ok(s.statistics.elapsed >= 0 && s.statistics.time_of_best <= s.statistics.elapsed);
  assert.equal(typeof s.statistics.time_to_first_feasible, 'number');
  // The engine's whole report; the rest is taken from it.
  const report = s.report();
  assert.deepEqual(Object.keys(report), ['status', 'statistics', 'score', 'timetable']);
  assert.equal(report.status, s.status);
  assert.deepEqual(report.statistics, s.statistics);
  assert.deepEqual(report.score, s.score);
  assert.deepEqual(s.score, { cost: s.cost, feasible: s.feasible, breakdown: s.breakdown, violations: s.violations });
  assert.deepEqual(report.timetable, JSON.parse(s.toJson()));
  // The reported score is the core scorer's, whichever form the timetable comes back in.
  const again = score(p, s);
  assert.deepEqual({ ...again, warnings: undefined }, { ...s.score, warnings: undefined });
  assert.deepEqual(again.cost, s.cost);
  assert.deepEqual(again.breakdown, s.breakdown);
  assert.deepEqual(again.violations, s.violations);
  assert.deepEqual(score(p, s.toCttSolution()).cost, s.cost);
  assert.deepEqual(score(p, s.toJson()).cost, s.cost);
  assert.deepEqual(s.timetable.assignments, s.assignments);
});

test('solve calls onProgress on the JavaScript thread while it searches', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const reports = [];
  let settled = false;
  const s = await solve(p, {
    timeLimit: 0.6,
    onProgress: (r) => {
      assert.equal(settled, false, 'no report after the promise settled');
      reports.push(r);
    },
  });
  settled = true;
  assert.equal(s.status, 'time_limit');
  assert.ok(reports.length >= 3, `only ${reports.length} reports`);
  for (const r of reports) {
    assert.deepEqual(Object.keys(r), ['elapsed', 'best', 'moves_per_second', 'iterations', 'fraction']);
    assert.ok(r.fraction >= 0 && r.fraction <= 1);
    assert.ok(Number.isInteger(r.best.hard) && Number.isInteger(r.best.soft));
  }
  // The best cost never gets worse, and the last report is the result's.
  for (let i = 1; i < reports.length; i++) {
    const [a, b] = [reports[i - 1].best, reports[i].best];
    assert.ok(b.hard < a.hard || (b.hard === a.hard && b.soft <= a.soft));
  }
  assert.deepEqual(reports.at(-1).best, s.cost);
  await new Promise((resolve) => setTimeout(resolve, 50));
});

test('aborting the signal resolves quickly with the best timetable so far and status "cancelled"', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const controller = new AbortController();
  const started = performance.now();
  let abortedAt;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, 300);
  const s = await solve(p, { timeLimit: 60, signal: controller.signal });
  const latency = performance.now() - abortedAt;
  assert.equal(s.status, 'cancelled');
  assert.ok(latency < 250, `resolved ${latency.toFixed(0)} ms after the abort`);
  assert.ok(performance.now() - started < 2000);
  assert.equal(s.cost.hard, 0);
  assert.deepEqual(score(p, s).cost, s.cost);
  assert.ok(s.statistics.moves_tried > 0);
});

test('an already aborted signal returns the constructed timetable at once', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const started = performance.now();
  const s = await solve(p, { timeLimit: 60, signal: AbortSignal.abort() });
  assert.equal(s.status, 'cancelled');
  assert.equal(s.statistics.moves_tried, 0);
  assert.equal(s.assignments.length, p.summary.lessons);
  assert.ok(performance.now() - started < 1000);
});

test('the event loop keeps running during a solve', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const ticks = [];
  const timer = setInterval(() => ticks.push(performance.now()), 10);
  const started = performance.now();
  try {
    await solve(p, { timeLimit: 1 });
  } finally {
    clearInterval(timer);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 950, `the solve took ${elapsed} ms`);
  // A 10 ms interval over 1 s: about 100 ticks when nothing blocks the loop.
  assert.ok(ticks.length >= 50, `only ${ticks.length} ticks in ${elapsed.toFixed(0)} ms`);
  const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
  assert.ok(Math.max(...gaps) < 250, `the loop stalled for ${Math.max(...gaps).toFixed(0)} ms`);
});

test('the same seed and iterations give the CLI timetable, for .ctt and for JSON', async () => {
  const cases = [
    { file: itc('comp01'), iterations: 300000, seed: 7, out: 'comp01.sol', write: (s) => s.toCttSolution() },
    { file: path.join(fixtures, 'json', 'school-small.json'), iterations: 100000, seed: 3, out: 'school.json', write: (s) => s.toJson() + '\n' },
  ];
  for (const c of cases) {
    const out = path.join(tmp, c.out);
    const r = runCli(['solve', c.file, '--iterations', String(c.iterations), '--seed', String(c.seed), '--threads', '1', '-o', out, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const cliCost = r.stderr.match(/^cost: hard (\d+) soft (\d+)$/m);
    const s = await solve(Problem.fromFile(c.file), { iterations: c.iterations, seed: c.seed, threads: 1 });
    assert.equal(s.status, 'iteration_limit');
    assert.deepEqual(s.cost, { hard: Number(cliCost[1]), soft: Number(cliCost[2]) }, c.file);
    assert.equal(c.write(s), fs.readFileSync(out, 'utf8'), c.file);
  }
});

test('an infeasible problem rejects with InfeasibleError before any search', async () => {
  const p = Problem.fromObject(overbooked);
  let reports = 0;
  await assert.rejects(solve(p, { onProgress: () => reports++ }), (e) => {
    assert.ok(e instanceof InfeasibleError);
    assert.equal(e.name, 'InfeasibleError');
    assert.equal(e.reasons.length, 1);
    assert.equal(e.reasons[0].reason, 'teacher_overbooked');
    assert.deepEqual(e.reasons[0].resources, [{ type: 'teacher', name: 'Ada' }]);
    assert.equal(e.message, 'the problem has no timetable without hard violations:\n  - teacher Ada has 3 periods of lessons but can teach in only 2 slots');
    return true;
  });
  assert.equal(reports, 0);
});

test('a warm start from a solution stays at least as good', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const first = await solve(p, { iterations: 200000, seed: 1 });
  for (const initial of [first, first.timetable, first.toCttSolution(), { assignments: first.assignments }]) {
    const second = await solve(p, { iterations: 20000, seed: 2, initial });
    assert.equal(second.cost.hard, 0);
    assert.ok(second.cost.soft <= first.cost.soft, `${second.cost.soft} > ${first.cost.soft}`);
  }
});

test('threads, target and a bigint or string seed are passed through', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const two = await solve(p, { timeLimit: 0.3, threads: 2, seed: 2n ** 64n - 1n });
  assert.equal(two.statistics.threads, 2);
  const [a, b] = await Promise.all([solve(p, { iterations: 5000, seed: '18446744073709551615' }), solve(p, { iterations: 5000, seed: 2n ** 64n - 1n })]);
  assert.equal(a.toJson(), b.toJson());
  const target = await solve(p, { timeLimit: 30, target: { hard: 0, soft: 10000 } });
  assert.equal(target.status, 'target_reached');
  assert.ok(target.statistics.elapsed < 5);
});

test('an error thrown by onProgress cancels the search and rejects the promise', async () => {
  const p = Problem.fromCtt(itc('comp01'));
  const started = performance.now();
  await assert.rejects(solve(p, { timeLimit: 30, onProgress: () => { throw new Error('boom'); } }), /boom/);
  assert.ok(performance.now() - started < 2000);
});

test('options out of the engine\'s bounds are refused with its message, before searching', async () => {
  const p = tiny();
  const refused = async (options, type, message) => {
    await assert.rejects(solve(p, options), (e) => {
      assert.ok(e instanceof type, `${Object.keys(options)}: ${e}`);
      if (message !== undefined) assert.equal(e.message, message);
      return true;
    });
  };
  await refused({ threads: 0 }, RangeError, 'threads must be from 1 to 256, not 0');
  await refused({ threads: 257 }, RangeError, 'threads must be from 1 to 256, not 257');
  await refused({ timeLimit: -1 }, RangeError, 'time_limit must be a positive number of seconds up to 604800, not -1');
  await refused({ timeLimit: 1e9 }, RangeError, 'time_limit must be a positive number of seconds up to 604800, not 1000000000');
  await refused({ timeLimit: null }, RangeError, 'time_limit or iterations must be given: a search needs a limit');
  await refused({ timeLimit: NaN }, RangeError, 'timeLimit must be a finite number, not NaN');
  await refused({ iterations: 1.5 }, RangeError, 'iterations: invalid type: floating point `1.5`, expected u64');
  await refused({ iterations: -1 }, RangeError);
  await refused({ threads: 1.5 }, RangeError);
  await refused({ seed: -1 }, RangeError, 'seed must be an integer from 0 to 2^64-1, not "-1"');
  await refused({ seed: 2n ** 64n }, RangeError, 'seed must be an integer from 0 to 2^64-1, not "18446744073709551616"');
  await refused({ seed: 'one' }, RangeError);
  await refused({ timeLimit: '10' }, TypeError);
  await refused({ threads: '2' }, TypeError);
  await refused({ seed: {} }, TypeError);
  await refused({ target: 5 }, TypeError);
  await refused({ onProgress: 'no' }, TypeError);
  await refused({ signal: {} }, TypeError);
  await assert.rejects(solve({}, {}), TypeError);
  const other = tiny();
  const t = Timetable.fromCttSolution(other, 'Alg R1 0 0\n');
  await assert.rejects(solve(p, { initial: t, iterations: 10 }), /another Problem object/);
});
