// Speed of the WebAssembly engine outside the browser, in Node (the same V8 engine as Chromium):
// one search per seed on one thread, each for a fixed number of moves, so that the work is the
// same on every run and only the time varies. Prints moves per second and the time to the first
// timetable without hard violations. Compare with the native CLI:
//
//   node bench/speed.mjs [PROBLEM] [MOVES] [SEEDS] [PKG]
//   horarium solve PROBLEM --iterations MOVES --threads 1 --seed S --time 1000
//
// PROBLEM defaults to app/examples/school-80.json, MOVES to 3000000, SEEDS to 3, and PKG (the
// folder of wasm-bindgen's output) to app/pkg.

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [problemPath, movesArg, seedsArg, pkgArg] = process.argv.slice(2);
const problemFile = problemPath || fileURLToPath(new URL('../app/examples/school-80.json', import.meta.url));
const moves = Number(movesArg || 3_000_000);
const seeds = Number(seedsArg || 3);
const pkg = resolve(pkgArg || fileURLToPath(new URL('../app/pkg/', import.meta.url)));

const { initSync, Session } = await import(`${pkg}/horarium_wasm.js`);
initSync({ module: readFileSync(`${pkg}/horarium_wasm_bg.wasm`) });
const text = readFileSync(problemFile, 'utf8');
let t = performance.now();
const session = new Session(basename(problemFile), text);
console.log(`${basename(problemFile)}: read in ${(performance.now() - t).toFixed(0)} ms; ${moves} moves per seed, one thread`);
for (let seed = 1; seed <= seeds; seed++) {
  t = performance.now();
  const r = JSON.parse(session.solve(seed, 0, moves, undefined, () => false));
  const wall = performance.now() - t;
  const feasible = r.first_feasible_ms === null ? 'never' : `${(r.first_feasible_ms / 1000).toFixed(2)} s`;
  console.log(
    `seed ${seed}: ${(wall / 1000).toFixed(2)} s, ${Math.round(r.moves_tried / (r.elapsed_ms / 1000)).toLocaleString('en')} moves/s, ` +
      `first feasible at ${feasible}, cost hard ${r.cost.hard} soft ${r.cost.soft} (${r.status})`,
  );
}
