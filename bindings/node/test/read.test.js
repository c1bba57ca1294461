'use strict';
// Reading problems and timetables, reader errors, and scoring, checked against the CLI.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { Problem, Timetable, score, analyze, ParseError } = require('..');
const { fixtures, instancesDir, itc, runCli, cliError, tempDir, overbooked } = require('./helpers');

const tmp = tempDir();
const jsonProblems = fs
  .readdirSync(path.join(fixtures, 'json'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.timetable.json'))
  .map((f) => path.join(fixtures, 'json', f));

test('fromCtt reads comp01 from the shared instances', () => {
  const p = Problem.fromCtt(itc('comp01'));
  assert.equal(p.name, 'Fis0506-1');
  assert.deepEqual(p.summary, {
    name: 'Fis0506-1',
    days: 5,
    periodsPerDay: 6,
    teachers: 24,
    groups: 14,
    rooms: 6,
    courses: 30,
    lessons: 160,
    constraints: p.summary.constraints,
  });
  assert.deepEqual(analyze(p), { feasible: true, reasons: [] });
});

test('fromCtt reads every ITC-2007 instance, named as in its header', () => {
  const dir = path.join(instancesDir(), 'itc2007');
  const files = fs.readdirSync(dir).filter((f) => /^comp\d\d\.ctt$/.test(f));
  assert.equal(files.length, 21);
  for (const f of files) {
    const file = path.join(dir, f);
    const header = fs.readFileSync(file, 'utf8').match(/^Name:\s*(\S+)/m)[1];
    assert.equal(Problem.fromCtt(file).name, header, f);
  }
});

test('fromCttText, fromFile and fromCtt read the same problem', () => {
  const file = path.join(fixtures, 'ctt', 'tiny.ctt');
  const a = Problem.fromCtt(file).toJson();
  assert.equal(Problem.fromFile(file).toJson(), a);
  assert.equal(Problem.fromCttText(fs.readFileSync(file, 'utf8')).toJson(), a);
});

test('fromJson, fromObject and fromFile read every problem in fixtures/json', () => {
  assert.ok(jsonProblems.length >= 3);
  for (const file of jsonProblems) {
    const text = fs.readFileSync(file, 'utf8');
    const p = Problem.fromJson(text, file);
    assert.equal(Problem.fromObject(JSON.parse(text)).toJson(), p.toJson(), file);
    assert.equal(Problem.fromFile(file).toJson(), p.toJson(), file);
    // What toJson writes reads back to the same problem.
    assert.equal(Problem.fromJson(p.toJson()).toJson(), p.toJson(), file);
    assert.ok(p.summary.lessons > 0);
  }
});

test('a missing file throws ParseError with the CLI message', () => {
  const file = path.join(tmp, 'missing.ctt');
  const expected = cliError(['analyze', file]);
  assert.throws(() => Problem.fromCtt(file), (e) => {
    assert.ok(e instanceof ParseError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'ParseError');
    assert.equal(e.message, expected);
    assert.match(e.message, /missing\.ctt: /);
    return true;
  });
  assert.throws(() => Problem.fromFile(file), { name: 'ParseError', message: expected });
});

test('a malformed .ctt file throws ParseError with the CLI message and every issue', () => {
  const file = path.join(tmp, 'bad.ctt');
  const text = 'Name: Bad\nCourses: x\nRooms: 1\n';
  fs.writeFileSync(file, text);
  const expected = cliError(['analyze', file]);
  assert.throws(() => Problem.fromCtt(file), (e) => {
    assert.ok(e instanceof ParseError);
    assert.equal(e.message, expected);
    assert.equal(e.issues.length, expected.split('\n').length);
    assert.deepEqual(e.issues[0], { line: 2, field: 'Courses', message: 'expected an integer, found "x"' });
    return true;
  });
  // The same text under the same name gives the same message.
  assert.throws(() => Problem.fromCttText(text, file), { name: 'ParseError', message: expected });
});

test('malformed and inconsistent JSON throw ParseError with the CLI message', () => {
  const cases = {
    'syntax.json': '{"name": "x", "calendar": {"days": 1, }',
    'missing.json': '{"name": "x", "calendar": {"days": 1}}',
    'reference.json': JSON.stringify({ ...overbooked, courses: [{ name: 'Maths', teachers: ['Bob'], lessons: 3 }] }, null, 2),
  };
  for (const [name, text] of Object.entries(cases)) {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    const expected = cliError(['analyze', file]);
    assert.throws(() => Problem.fromJson(text, file), { name: 'ParseError', message: expected }, name);
    assert.throws(() => Problem.fromFile(file), { name: 'ParseError', message: expected }, name);
  }
  assert.throws(() => Problem.fromJson('{'), (e) => e instanceof ParseError && e.message.startsWith('<json>:1: '));
});

test('fromObject reports type errors and unknown references', () => {
  assert.throws(() => Problem.fromObject({ ...overbooked, calendar: { days: 'one', periods_per_day: 2 } }), (e) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /^<object>:1: invalid type: string "one", expected u16 \(column \d+\)$/);
    return true;
  });
  assert.throws(() => Problem.fromObject({ ...overbooked, courses: [{ name: 'Maths', teachers: ['Bob'], lessons: 3 }] }), (e) => {
    assert.ok(e instanceof ParseError);
    assert.equal(e.issues.length, 1);
    assert.equal(e.issues[0].line, null);
    assert.match(e.issues[0].field, /^courses\[0\]\.teachers\[0\]$/);
    assert.match(e.message, /^<object>: field "courses\[0\]\.teachers\[0\]": .*Bob/);
    return true;
  });
});

test('wrong argument types throw TypeError, not ParseError', () => {
  assert.throws(() => Problem.fromCtt(42), TypeError);
  assert.throws(() => Problem.fromJson({}), TypeError);
  assert.throws(() => Problem.fromObject('{}'), TypeError);
  assert.throws(() => new Problem({}), TypeError);
  assert.throws(() => score({}, ''), TypeError);
});

test('analyze lists the reasons of an overbooked teacher, as the CLI does', () => {
  const analysis = analyze(Problem.fromObject(overbooked));
  assert.deepEqual(Object.keys(analysis), ['feasible', 'reasons']);
  assert.equal(analysis.feasible, false);
  const reasons = analysis.reasons;
  assert.equal(reasons.length, 1);
  assert.equal(reasons[0].reason, 'teacher_overbooked');
  assert.deepEqual(reasons[0].resources, [{ type: 'teacher', name: 'Ada' }]);
  assert.equal(reasons[0].message, 'teacher Ada has 3 periods of lessons but can teach in only 2 slots');
  const file = path.join(tmp, 'overbooked.json');
  fs.writeFileSync(file, JSON.stringify(overbooked));
  const r = runCli(['analyze', file, '--json']);
  assert.equal(r.status, 3, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), analysis);
});

/** The CLI's `validate --json` of a problem and a timetable file. */
function validate(problemFile, timetableFile) {
  const r = runCli(['validate', problemFile, timetableFile, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The engine's violation report: the fields of `details` in `horarium validate --json`. */
const violationKeys = ['kind', 'constraint', 'level', 'amount', 'cost', 'lessons', 'slots', 'resources', 'message'];

function assertSameAsCli(s, cli, what) {
  assert.equal(s.cost.hard, cli.violations, what);
  assert.equal(s.cost.soft, cli.cost, what);
  assert.equal(s.feasible, cli.feasible, what);
  assert.equal(s.violations.length, cli.details.length, what);
  s.violations.forEach((v, i) => {
    assert.deepEqual(Object.keys(v), violationKeys, what);
    for (const key of violationKeys) assert.deepEqual(v[key], cli.details[i][key], `${what}: ${key} of ${v.message}`);
  });
  assert.equal(s.warnings.length, cli.warnings.length, what);
}

test('score of every fixture solution equals the CLI validator', () => {
  const dir = path.join(fixtures, 'ctt');
  const sols = fs.readdirSync(dir).filter((f) => f.endsWith('.sol'));
  assert.ok(sols.length >= 8);
  for (const sol of sols) {
    const problemFile = path.join(dir, sol.replace(/\.sol$/, '.ctt'));
    const p = Problem.fromCtt(problemFile);
    const text = fs.readFileSync(path.join(dir, sol), 'utf8');
    const s = score(p, text);
    assertSameAsCli(s, validate(problemFile, path.join(dir, sol)), sol);
    // Every kind the problem uses is in the breakdown, and the totals add up.
    const sum = Object.values(s.breakdown).reduce((a, c) => ({ hard: a.hard + c.hard, soft: a.soft + c.soft }), { hard: 0, soft: 0 });
    assert.deepEqual(sum, s.cost, sol);
    assert.deepEqual(score(p, Timetable.fromCttSolution(p, text)), s, sol);
  }
});

test('score of a school timetable, as JSON text, object or Timetable, equals the CLI validator', () => {
  const problemFile = path.join(fixtures, 'json', 'school-small.json');
  const timetableFile = path.join(fixtures, 'json', 'school-small.timetable.json');
  const p = Problem.fromFile(problemFile);
  const text = fs.readFileSync(timetableFile, 'utf8');
  const s = score(p, text);
  assertSameAsCli(s, validate(problemFile, timetableFile), 'school-small');
  assert.deepEqual(score(p, JSON.parse(text)), s);
  const t = Timetable.fromJson(p, text);
  assert.deepEqual(score(p, t), s);
  assert.deepEqual(score(p, t.toJson()), s);
  assert.deepEqual(Object.keys(s), ['cost', 'feasible', 'breakdown', 'violations', 'warnings']);
  for (const [kind, totals] of Object.entries(s.breakdown)) {
    assert.deepEqual(Object.keys(totals), ['hard', 'soft', 'violations'], kind);
    assert.equal(totals.violations, s.violations.filter((v) => v.kind === kind).length, kind);
  }
  const v = s.violations[0];
  assert.deepEqual(Object.keys(v), violationKeys);
  assert.ok(v.level === 'hard' || (typeof v.level === 'object' && v.level.soft >= 1));
  assert.ok(v.resources.every((r) => ['teacher', 'group', 'room', 'course'].includes(r.type) && typeof r.name === 'string'));
});

test('a solution file with malformed lines scores with warnings, as the validator skips them', () => {
  const p = Problem.fromCtt(path.join(fixtures, 'ctt', 'tiny.ctt'));
  const t = Timetable.fromCttSolution(p, 'Alg R1 0 0\nAlg R9 1 0\nnonsense\n');
  assert.equal(t.warnings.length, 2);
  assert.deepEqual(t.warnings[0], { line: 2, field: 'room', message: 'unknown room "R9"' });
  assert.deepEqual(t.assignments, [{ course: 'Alg', lesson: 0, day: 0, period: 0, room: 'R1' }]);
  const s = score(p, t);
  assert.equal(s.warnings.length, 2);
  assert.equal(s.cost.hard, 4); // four lessons unplaced
});

test('a timetable in JSON naming an unknown course throws ParseError; one for another problem object is refused', () => {
  const p = Problem.fromCtt(path.join(fixtures, 'ctt', 'tiny.ctt'));
  assert.throws(() => Timetable.fromObject(p, { assignments: [{ course: 'Nope', day: 0, period: 0 }] }), (e) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /^<object>: field "assignments\[0\]\.course": unknown course "Nope"/);
    return true;
  });
  const other = Problem.fromCtt(path.join(fixtures, 'ctt', 'tiny.ctt'));
  const t = Timetable.fromCttSolution(other, 'Alg R1 0 0\n');
  assert.throws(() => score(p, t), /another Problem object/);
});

test('FET files read as the CLI converts them, and unsupported types are refused unless skipped', () => {
  const file = path.join(fixtures, 'fet', 'small.fet');
  const problem = Problem.fromFile(file);
  const text = fs.readFileSync(file, 'utf8');
  assert.equal(Problem.fromFetText(text, 'small.fet').toJson(), problem.toJson());
  assert.deepEqual(JSON.parse(problem.toJson()), JSON.parse(runCli(['convert', file, '--to', 'json']).stdout));
  const extra = '<ConstraintActivitiesOccupyMinTimeSlotsFromSelection><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>0</Number_of_Activities><Active>true</Active></ConstraintActivitiesOccupyMinTimeSlotsFromSelection>\n';
  const withExtra = text.replace('</Time_Constraints_List>', `${extra}</Time_Constraints_List>`);
  assert.throws(() => Problem.fromFetText(withExtra, 'x.fet'), { name: 'ParseError', message: /ConstraintActivitiesOccupyMinTimeSlotsFromSelection \(1\)/ });
  assert.equal(Problem.fromFetText(withExtra, 'x.fet', { skipUnsupported: true }).toJson(), problem.toJson());
});
