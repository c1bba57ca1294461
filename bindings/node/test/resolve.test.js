'use strict';
// Re-solving a changed problem: nothing moves when nothing changed, what must move moves, and the
// same timetable as the CLI's `resolve`.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { Problem, Solution, Resolution, Timetable, solve, resolve, score, InfeasibleError } = require('..');
const { fixtures, runCli, tempDir, overbooked } = require('./helpers');

const tmp = tempDir();
const tiny = () => Problem.fromCtt(path.join(fixtures, 'ctt', 'tiny.ctt'));
const schoolFile = path.join(fixtures, 'json', 'school-small.json');
const schoolTimetableFile = path.join(fixtures, 'json', 'school-small.timetable.json');
const schoolTimetable = fs.readFileSync(schoolTimetableFile, 'utf8');

/**
 * school-small with Maths-5A one lesson shorter, and Adams, who teaches it, unavailable wherever
 * the fixture timetable places the first two of its other lessons.
 */
function changedSchool() {
  const problem = JSON.parse(fs.readFileSync(schoolFile, 'utf8'));
  problem.courses.find((c) => c.name === 'Maths-5A').lessons -= 1;
  const taken = JSON.parse(schoolTimetable).assignments.filter((a) => a.course === 'Maths-5A' && a.lesson <= 1);
  assert.equal(taken.length, 2);
  const slots = taken.map((a) => ({ day: a.day, period: a.period }));
  problem.constraints.push({ kind: 'unavailable', level: 'hard', resource: { teacher: 'Adams' }, slots });
  return problem;
}

/** The warning for Maths-5A's lesson 3, which the changed school no longer has, at its index in `assignments`. */
function leftOutWarning(assignments) {
  const index = assignments.findIndex((a) => a.course === 'Maths-5A' && a.lesson === 3);
  assert.ok(index >= 0);
  return { line: null, field: `assignments[${index}].lesson`, message: 'course "Maths-5A" has 3 lessons; lesson 3 does not exist' };
}

const key = (lesson) => `${lesson.course}#${lesson.lesson}`;

test('nothing moves when nothing changed', async () => {
  const p = tiny();
  const s = await solve(p, { iterations: 20000, seed: 1 });
  assert.deepEqual(s.cost, { hard: 0, soft: 0 });
  const again = await resolve(p, s, { iterations: 20000, seed: 2 });
  assert.ok(again instanceof Resolution && again instanceof Solution);
  assert.deepEqual(again.moved, []);
  assert.deepEqual(again.warnings, []);
  assert.deepEqual(again.assignments, s.assignments);
  // The fixture school's timetable (soft cost 6, less than one move): nothing is worth moving.
  const school = Problem.fromFile(schoolFile);
  for (const old of [schoolTimetable, JSON.parse(schoolTimetable), Timetable.fromJson(school, schoolTimetable)]) {
    const r = await resolve(school, old, { iterations: 20000, seed: 1 });
    assert.deepEqual(r.moved, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.cost, score(school, schoolTimetable).cost);
  }
});

test('after a change the result is feasible, moves what must move, and is scored on the changed problem alone', async () => {
  const oldProblem = Problem.fromFile(schoolFile);
  const old = Timetable.fromJson(oldProblem, schoolTimetable);
  const p = Problem.fromObject(changedSchool());
  const reports = [];
  const r = await resolve(p, old, { iterations: 50000, seed: 1, onProgress: (report) => reports.push(report) });
  assert.equal(r.status, 'iteration_limit');
  assert.equal(r.feasible, true, JSON.stringify(r.violations));
  assert.ok(reports.length > 0);
  assert.deepEqual(Object.keys(reports[0]), ['elapsed', 'best', 'moves_per_second', 'iterations', 'fraction']);
  // Maths-5A's last lesson is gone, which the old timetable placed: left out, with a warning.
  // (Carried over by names, the old timetable lists its lessons in the old problem's order.)
  assert.deepEqual(r.warnings, [leftOutWarning(old.assignments)]);
  assert.ok(r.moved.length > 0, 'two lessons of Maths-5A sit where Adams is no longer available');
  for (const m of r.moved) {
    assert.deepEqual(Object.keys(m), ['lesson', 'from', 'to']);
    assert.notDeepEqual(m.from, m.to);
  }
  const moved = new Map(r.moved.map((m) => [key(m.lesson), m]));
  assert.ok(moved.has('Maths-5A#0') && moved.has('Maths-5A#1'));
  // Whatever did not move is where it was; what moved went where the timetable says.
  const before = new Map(old.assignments.map((a) => [key(a), { day: a.day, period: a.period, room: a.room }]));
  for (const a of r.assignments) {
    const place = { day: a.day, period: a.period, room: a.room };
    const m = moved.get(key(a));
    if (m === undefined) assert.deepEqual(place, before.get(key(a)), key(a));
    else {
      assert.deepEqual(m.to, place);
      assert.deepEqual(m.from, before.get(key(a)));
    }
  }
  assert.deepEqual(score(p, r).cost, r.cost);
  const report = r.report();
  assert.deepEqual(Object.keys(report), ['status', 'statistics', 'score', 'timetable', 'moved']);
  assert.deepEqual(report.moved, r.moved);
  assert.deepEqual(report.score, r.score);
  assert.deepEqual(report.timetable, JSON.parse(r.toJson()));
});

test('the same seed and iterations give the CLI re-solve, to the byte, with the same moves and warnings', async (t) => {
  if (!runCli(['resolve', '--help']).stdout.includes('--iterations')) {
    t.skip("the CLI's resolve has no --iterations option: its result depends on the time it is given");
    return;
  }
  const problemFile = path.join(tmp, 'changed.json');
  fs.writeFileSync(problemFile, JSON.stringify(changedSchool(), null, 2));
  for (const [seed, iterations] of [[3, 30000], [8, 60000]]) {
    const out = path.join(tmp, `resolved-${seed}.json`);
    const cli = runCli(['resolve', problemFile, '--from', schoolTimetableFile, '--iterations', String(iterations), '--seed', String(seed), '--threads', '1', '-o', out]);
    assert.equal(cli.status, 0, cli.stderr);
    const r = await resolve(Problem.fromFile(problemFile), schoolTimetable, { iterations, seed, threads: 1 });
    assert.equal(r.toJson() + '\n', fs.readFileSync(out, 'utf8'));
    const cost = cli.stderr.match(/^cost: hard (\d+) soft (\d+)$/m);
    assert.deepEqual(r.cost, { hard: Number(cost[1]), soft: Number(cost[2]) });
    assert.equal(Number(cli.stderr.match(/^(\d+) of \d+ lessons moved/m)[1]), r.moved.length);
    const cliMoved = [...cli.stderr.matchAll(/^moved: (.+) lesson (\d+): /gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(cliMoved, r.moved.map((m) => [m.lesson.course, m.lesson.lesson + 1]));
    const warnings = cli.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    assert.deepEqual(r.warnings, [leftOutWarning(JSON.parse(schoolTimetable).assignments)]);
    assert.deepEqual(warnings, r.warnings.map((w) => `warning: ${schoolTimetableFile}: field "${w.field}": ${w.message} (left out)`));
  }
});

test('an infeasible changed problem rejects with InfeasibleError, and an abort resolves with the old timetable', async () => {
  await assert.rejects(resolve(Problem.fromObject(overbooked), { assignments: [] }), (e) => {
    assert.ok(e instanceof InfeasibleError);
    assert.equal(e.reasons[0].reason, 'teacher_overbooked');
    return true;
  });
  const p = Problem.fromObject(changedSchool());
  const r = await resolve(p, schoolTimetable, { timeLimit: 60, signal: AbortSignal.abort() });
  assert.equal(r.status, 'cancelled');
  assert.equal(r.statistics.moves_tried, 0);
});

test('bad arguments are refused before searching', async () => {
  const p = tiny();
  await assert.rejects(resolve(p, '{"assignments": []}', { moveCost: 0 }), RangeError);
  await assert.rejects(resolve(p, '{"assignments": []}', { moveCost: 1.5 }), RangeError);
  await assert.rejects(resolve(p, '{"assignments": []}', { moveCost: '10' }), TypeError);
  await assert.rejects(resolve(p, '{"assignments": []}', { threads: 0 }), { name: 'RangeError', message: 'threads must be from 1 to 256, not 0' });
  await assert.rejects(resolve(p, 5), TypeError);
  await assert.rejects(resolve(p, '{'), { name: 'ParseError' });
});
