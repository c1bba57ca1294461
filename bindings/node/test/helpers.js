'use strict';
// Shared by the tests: where the data is, and the `horarium` CLI to compare against.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The workspace root: bindings/node/test/../../.. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repoRoot, 'fixtures');

/**
 * The shared benchmark instances: $HORARIUM_INSTANCES, or ../shared/instances beside the
 * workspace, as for the Rust tests (fixtures/src/lib.rs). Fails, naming the setting, when absent.
 */
function instancesDir() {
  const dir = process.env.HORARIUM_INSTANCES
    ? path.resolve(process.env.HORARIUM_INSTANCES)
    : path.resolve(repoRoot, '..', 'shared', 'instances');
  assert.ok(
    fs.existsSync(path.join(dir, 'itc2007')),
    `benchmark instances not found at ${dir} (set HORARIUM_INSTANCES to the folder holding itc2007/ and xhstt/)`,
  );
  return dir;
}

/** The path of one ITC-2007 instance, such as comp01. */
function itc(name) {
  return path.join(instancesDir(), 'itc2007', `${name}.ctt`);
}

let cliPath;
/**
 * The `horarium` binary of this checkout, built with cargo when needed ($HORARIUM_CLI
 * overrides it). Built every time the tests run (a no-op when it is fresh), so that the
 * comparison is with the same source.
 */
function cli() {
  if (cliPath) return cliPath;
  if (process.env.HORARIUM_CLI) {
    cliPath = process.env.HORARIUM_CLI;
    return cliPath;
  }
  const build = spawnSync('cargo', ['build', '--release', '--quiet', '-p', 'horarium', '--bin', 'horarium'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  assert.equal(build.status, 0, 'cargo build --release -p horarium failed');
  cliPath = path.join(repoRoot, 'target', 'release', process.platform === 'win32' ? 'horarium.exe' : 'horarium');
  return cliPath;
}

/** Runs the CLI; returns {status, stdout, stderr}. */
function runCli(args) {
  const r = spawnSync(cli(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The message the CLI prints for a reading error: its standard error less `error: ` and the newline. */
function cliError(args) {
  const r = runCli(args);
  assert.equal(r.status, 2, `expected the CLI to fail reading: ${r.stderr}`);
  assert.ok(r.stderr.startsWith('error: '), r.stderr);
  return r.stderr.slice('error: '.length).replace(/\n$/, '');
}

/** A fresh temporary folder, removed when the process ends. */
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'horarium-node-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A problem whose one teacher has 3 lessons but only 2 slots (from core/src/analysis.rs). */
const overbooked = {
  name: 'overbooked',
  calendar: { days: 1, periods_per_day: 2 },
  teachers: [{ name: 'Ada' }],
  rooms: [{ name: 'R', capacity: 30 }],
  courses: [{ name: 'Maths', teachers: ['Ada'], lessons: 3 }],
  constraints: [{ kind: 'clashes', level: 'hard' }],
};

module.exports = { repoRoot, fixtures, instancesDir, itc, cli, runCli, cliError, tempDir, overbooked };
