'use strict';
// Rendering: the same HTML page, CSV and iCalendar file as the CLI's `render`.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { Problem, Timetable, renderHtml, renderCsv, renderIcs } = require('..');
const { fixtures, runCli } = require('./helpers');

const cases = [
  [path.join(fixtures, 'json', 'school-small.json'), path.join(fixtures, 'json', 'school-small.timetable.json')],
  [path.join(fixtures, 'json', 'school-worked-example.json'), path.join(fixtures, 'json', 'school-worked-example.timetable.json')],
  [path.join(fixtures, 'ctt', 'room_stability.ctt'), path.join(fixtures, 'ctt', 'room_stability.sol')],
];

test('renderHtml and renderCsv write what `horarium render` writes', () => {
  for (const [problemFile, timetableFile] of cases) {
    const p = Problem.fromFile(problemFile);
    const text = fs.readFileSync(timetableFile, 'utf8');
    for (const [format, render] of [['html', renderHtml], ['csv', renderCsv]]) {
      const r = runCli(['render', problemFile, timetableFile, '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(render(p, text), r.stdout, `${format} of ${timetableFile}`);
    }
  }
});

test('every form of a timetable renders the same', () => {
  const p = Problem.fromFile(cases[0][0]);
  const text = fs.readFileSync(cases[0][1], 'utf8');
  const page = renderHtml(p, text);
  assert.ok(page.startsWith('<!DOCTYPE html>'));
  assert.equal(renderHtml(p, JSON.parse(text)), page);
  assert.equal(renderHtml(p, Timetable.fromJson(p, text)), page);
  assert.equal(renderCsv(p, { assignments: [] }), 'course,lesson,day,day_label,period,period_label,length,room,teachers,groups,violations\n');
  assert.throws(() => renderCsv(p, 5), TypeError);
  assert.throws(() => renderCsv(p, Timetable.fromJson(Problem.fromFile(cases[0][0]), text)), /another Problem object/);
});

test('renderIcs writes what `horarium render --format ics` writes, for everyone or one owner', () => {
  const [problemFile, timetableFile] = cases[0];
  const p = Problem.fromFile(problemFile);
  const text = fs.readFileSync(timetableFile, 'utf8');
  for (const owner of [null, { type: 'teacher', name: 'Adams' }, { type: 'group', name: '5A' }, { type: 'room', name: 'Lab' }]) {
    const flags = owner ? [`--${owner.type}`, owner.name] : [];
    const r = runCli(['render', problemFile, timetableFile, '--format', 'ics', '--dtstamp', '20250301T120000Z', ...flags]);
    assert.equal(r.status, 0, r.stderr);
    const calendar = renderIcs(p, text, { owner, dtstamp: '20250301T120000Z' });
    assert.equal(calendar, r.stdout, JSON.stringify(owner));
    assert.ok(calendar.startsWith('BEGIN:VCALENDAR\r\n'));
  }
  const stamps = new Set([...renderIcs(p, text).matchAll(/^DTSTAMP:(\d{8}T\d{6}Z)\r$/gm)].map((m) => m[1]));
  assert.equal(stamps.size, 1, 'now, in UTC, when not given');
  assert.throws(() => renderIcs(p, text, { dtstamp: 'yesterday' }), { name: 'RangeError', message: 'DTSTAMP "yesterday" is not a UTC date-time such as 20240101T120000Z' });
  assert.throws(() => renderIcs(p, text, { owner: { type: 'teacher', name: 'Nobody' } }), (e) => e instanceof RangeError && /has no teacher named "Nobody"$/.test(e.message));
  assert.throws(() => renderIcs(p, text, { owner: { type: 'course', name: 'Maths-5A' } }), RangeError);
  assert.throws(() => renderIcs(p, text, { owner: 'Adams' }), TypeError);
});
