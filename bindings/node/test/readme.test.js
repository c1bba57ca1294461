'use strict';
// The JavaScript example of the workspace README runs as shown, from the workspace root.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

test('the README example runs as an ES module from the workspace root', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, 'the README shows one JavaScript example');
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', blocks[0]], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^time_limit \{ hard: 0, soft: 0 \} \[\]\n$/);
});
