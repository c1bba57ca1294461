// Horarium in the browser: one engine in a Web Worker. The page (app.js) sends requests
// `{id, op, ...}` and gets `{id, ok, value}` or `{id, ok: false, error}` back; during a solve the
// worker also posts `{progress: true, ms, hard, soft, moves, fraction, mps}`.
//
// A solve blocks this worker's thread: the search runs in WebAssembly until it ends. To stop it
// early the page either sets a SharedArrayBuffer flag, read at every progress report (when the page
// is cross-origin isolated), or, without shared memory, sends `{op: 'stop'}`, which this worker
// reads between segments of about a second: the search then runs as a chain of short solves, each
// starting from the best timetable of the one before.

import init, { Session, generateSchool, version } from './pkg/horarium_wasm.js';

const SEGMENT_MS = 1000;
/** Least time between two progress messages, unless the number of hard violations changed. */
const POST_EVERY_MS = 100;

const ready = init();
let session = null;
let stopRequested = false;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.op === 'stop') {
    stopRequested = true;
    return;
  }
  try {
    await ready;
    const value = await handle(msg);
    self.postMessage({ id: msg.id, ok: true, value });
  } catch (err) {
    self.postMessage({ id: msg.id, ok: false, error: String(err && err.message ? err.message : err) });
  }
};

async function handle(msg) {
  switch (msg.op) {
    case 'version':
      return version();
    case 'load': {
      const next = new Session(msg.name, msg.text);
      if (session) session.free();
      session = next;
      return { summary: JSON.parse(session.summary()), analysis: JSON.parse(session.analyze()) };
    }
    case 'solve':
      return solve(msg);
    case 'render':
      return { html: loaded().html(msg.timetable), score: JSON.parse(loaded().score(msg.timetable)) };
    case 'score':
      return JSON.parse(loaded().score(msg.timetable));
    case 'csv':
      return loaded().csv(msg.timetable);
    case 'ics':
      return loaded().ics(msg.timetable, msg.owner || '', msg.dtstamp || '');
    case 'generate':
      return generateSchool(msg.classes, msg.seed);
    default:
      throw new Error(`unknown request ${msg.op}`);
  }
}

function loaded() {
  if (!session) throw new Error('no problem loaded');
  return session;
}

/** Posts progress, at most every POST_EVERY_MS unless the hard count changed. */
function reporter(offsetMs, flag) {
  let lastPost = -Infinity;
  let lastHard = -1;
  return (ms, hard, soft, moves, fraction, mps) => {
    const t = offsetMs + ms;
    if (hard !== lastHard || t - lastPost >= POST_EVERY_MS) {
      self.postMessage({ progress: true, ms: t, hard, soft, moves, fraction, mps });
      lastPost = t;
      lastHard = hard;
    }
    return flag ? Atomics.load(flag, 0) !== 0 : false;
  };
}

async function solve({ seed, timeLimitMs, stop }) {
  const s = loaded();
  stopRequested = false;
  if (stop) {
    const flag = new Int32Array(stop);
    return s.solve(seed, timeLimitMs, 0, undefined, reporter(0, flag));
  }
  // Compatibility mode: segments, with a pause between them in which a stop message is read.
  const start = performance.now();
  let best = null;
  let initial;
  let moves = 0;
  let accepted = 0;
  let firstFeasible = null;
  for (let k = 0; ; k++) {
    const offset = performance.now() - start;
    const remaining = timeLimitMs - offset;
    if (best && (remaining <= 0 || stopRequested)) break;
    const text = s.solve(seed + k * 7919, Math.max(1, Math.min(remaining, SEGMENT_MS)), 0, initial, reporter(offset, null));
    const r = JSON.parse(text);
    const stats = r.statistics;
    moves += stats.moves_tried;
    accepted += stats.moves_accepted;
    if (firstFeasible === null && stats.time_to_first_feasible !== null) firstFeasible = offset / 1000 + stats.time_to_first_feasible;
    const [c, b] = [r.score.cost, best && best.score.cost];
    if (!best || c.hard < b.hard || (c.hard === b.hard && c.soft <= b.soft)) {
      best = { ...r, statistics: { ...stats, time_of_best: offset / 1000 + stats.time_of_best } };
    }
    if (r.status === 'target_reached') break;
    initial = JSON.stringify(best.timetable);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // The engine's solve report, its statistics summed over the segments.
  const elapsed = (performance.now() - start) / 1000;
  const status = best.status === 'target_reached' ? best.status : stopRequested ? 'cancelled' : 'time_limit';
  const perSecond = (n) => n / Math.max(elapsed, 1e-9);
  return JSON.stringify({
    ...best,
    status,
    statistics: {
      ...best.statistics,
      moves_tried: moves,
      moves_accepted: accepted,
      moves_per_second: perSecond(moves),
      accepted_per_second: perSecond(accepted),
      time_to_first_feasible: firstFeasible,
      elapsed,
    },
  });
}
