'use strict';
// The TypeScript definitions (index.d.ts) type-check a small program written against them.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const tsc = path.join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');

test('index.d.ts type-checks test/types.ts', { skip: !fs.existsSync(tsc) && 'typescript is not installed' }, () => {
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', __dirname], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
