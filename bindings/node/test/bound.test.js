'use strict';
// bound(): the exact layer's lower bound, as `horarium bound --json` reports it.

const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');

const { Problem, bound, solve } = require('..');
const { fixtures, runCli } = require('./helpers');

const more = path.join(fixtures, 'ctt', 'more_working_days_than_days.ctt');
const triangle = {
  name: 'triangle',
  calendar: { days: 1, periods_per_day: 2 },
  teachers: [{ name: 'T1' }, { name: 'T2' }, { name: 'T3' }],
  rooms: [{ name: 'R', capacity: 30 }],
  courses: [
    { name: 'A', teachers: ['T1', 'T3'], lessons: 1 },
    { name: 'B', teachers: ['T1', 'T2'], lessons: 1 },
    { name: 'C', teachers: ['T2', 'T3'], lessons: 1 },
  ],
  constraints: [{ kind: 'clashes', level: 'hard' }],
};

function withoutSeconds(report) {
  const { seconds, ...rest } = report;
  assert.equal(typeof seconds, 'number');
  return rest;
}

test('bound is the CLI bound, and a solution meeting it is optimal', async () => {
  const found = await bound(Problem.fromCtt(more), 5);
  assert.equal(found.soft, 15);
  assert.equal(found.exact, true);
  const cli = runCli(['bound', more, '--time', '5', '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(withoutSeconds(JSON.parse(cli.stdout)), withoutSeconds(found));
  const solution = await solve(Problem.fromCtt(more), { timeLimit: 5, iterations: 20000 });
  assert.deepEqual([solution.cost.hard, solution.cost.soft], [0, found.soft]);
});

test('an infeasible problem has no bound', async () => {
  const found = await bound(Problem.fromJson(JSON.stringify(triangle)), 5);
  assert.equal(found.feasible, false);
  assert.equal(found.soft, null);
});

test('a bad time is a RangeError', async () => {
  for (const seconds of [0, -1, Number.NaN, '5']) {
    await assert.rejects(bound(Problem.fromJson(JSON.stringify(triangle)), seconds), RangeError);
  }
});
