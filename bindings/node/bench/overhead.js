'use strict';
// The cost of going through Node: the same solve run by the `horarium` CLI and by this binding,
// alternately, one thread each.
//
//   node bench/overhead.js [--instance comp01] [--time 10] [--iterations 30000000] [--runs 3] [--seed 1]
//
// Part 1, equal wall time: `solve --time T` against solve({timeLimit: T}); moves per second.
// Part 2, fixed iterations: `solve --iterations N` against solve({iterations: N}); the cost
// (identical by determinism) and the wall time of the search.
// The CLI is target/release/horarium, built by cargo when missing or stale. Results in
// BENCHMARKS.md at the workspace root.

const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { Problem, solve } = require('..');
const { itc, runCli, cli } = require('../test/helpers');

const { values: args } = parseArgs({
  options: {
    instance: { type: 'string', default: 'comp01' },
    time: { type: 'string', default: '10' },
    iterations: { type: 'string', default: '30000000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
  },
});
const file = itc(args.instance);
const time = Number(args.time);
const iterations = Number(args.iterations);
const runs = Number(args.runs);
const seed = Number(args.seed);
const out = path.join(os.tmpdir(), `horarium-overhead-${process.pid}.sol`);

/** Runs the CLI's solve and reads its summary line and final cost from standard error. */
function cliSolve(extra) {
  const r = runCli(['solve', file, '--seed', String(seed), '--threads', '1', '-o', out, '--quiet', ...extra]);
  if (r.status !== 0) throw new Error(r.stderr);
  const summary = r.stderr.match(/after [\d.]+ s; (\d+) moves \((\d+)\/s/);
  const cost = r.stderr.match(/^cost: hard (\d+) soft (\d+)$/m);
  // The line rounds the time to a tenth of a second; moves over rate gives it exactly.
  const [moves, perSecond] = [Number(summary[1]), Number(summary[2])];
  return { elapsed: moves / perSecond, moves, perSecond, cost: { hard: Number(cost[1]), soft: Number(cost[2]) } };
}

async function nodeSolve(options) {
  const s = await solve(Problem.fromCtt(file), { seed, threads: 1, ...options });
  const st = s.statistics;
  return { elapsed: st.elapsed, moves: st.moves_tried, perSecond: st.moves_per_second, cost: s.cost };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (r) => `${r.elapsed.toFixed(2)} s  ${r.moves} moves  ${Math.round(r.perSecond)}/s  cost ${r.cost.hard}/${r.cost.soft}`;

async function main() {
  cli();
  console.log(`${args.instance}, seed ${seed}, 1 thread, ${runs} runs each, alternating; node ${process.version}, ${os.cpus().length} cores`);

  console.log(`\n1. equal wall time: --time ${time}`);
  const rate = { cli: [], node: [] };
  for (let i = 0; i < runs; i++) {
    const c = cliSolve(['--time', String(time)]);
    console.log(`  cli  ${fmt(c)}`);
    const n = await nodeSolve({ timeLimit: time });
    console.log(`  node ${fmt(n)}`);
    rate.cli.push(c.perSecond);
    rate.node.push(n.perSecond);
  }
  const [rc, rn] = [median(rate.cli), median(rate.node)];
  console.log(`  median moves/s: cli ${Math.round(rc)}, node ${Math.round(rn)}: node/cli = ${(rn / rc).toFixed(3)}`);

  console.log(`\n2. fixed iterations: --iterations ${iterations} (time limit ${10 * time} s, never reached)`);
  const wall = { cli: [], node: [] };
  for (let i = 0; i < runs; i++) {
    const c = cliSolve(['--iterations', String(iterations), '--time', String(10 * time)]);
    console.log(`  cli  ${fmt(c)}`);
    const n = await nodeSolve({ iterations, timeLimit: 10 * time });
    console.log(`  node ${fmt(n)}`);
    if (c.cost.hard !== n.cost.hard || c.cost.soft !== n.cost.soft) throw new Error('the costs differ');
    wall.cli.push(c.elapsed);
    wall.node.push(n.elapsed);
  }
  const [wc, wn] = [median(wall.cli), median(wall.node)];
  console.log(`  same cost every run; median search time: cli ${wc.toFixed(2)} s, node ${wn.toFixed(2)} s: node/cli = ${(wn / wc).toFixed(3)}`);
  spawnSync('rm', ['-f', out]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
