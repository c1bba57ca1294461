// Horarium in the browser: the page. It never runs the engine itself; every call into the
// WebAssembly module happens in a Web Worker (worker.js), so the page stays responsive while the
// search runs. A solve starts one search per worker, each with its own seed; the best one wins.
//
// Stopping: when the page is cross-origin isolated (the server, or this app's service worker,
// sends COOP/COEP headers), a SharedArrayBuffer flag is read by every search at each progress
// report, so Stop takes effect at once. Otherwise the workers search in segments of about a second
// and look for a stop message between them (compatibility mode).

const $ = (id) => document.getElementById(id);
const ISOLATED = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
const MAX_DEFAULT_WORKERS = 4;

// ---------------------------------------------------------------- the page's own heartbeat
// A frame counter: the end-to-end test reads it to check that the page kept drawing frames while
// the search ran.
// It also keeps the longest time between two frames since the last reset: a page whose main
// thread is blocked draws no frame.
let frames = 0;
let lastFrame = null;
let longestGapMs = 0;
function tick(now) {
  frames += 1;
  if (lastFrame !== null) longestGapMs = Math.max(longestGapMs, now - lastFrame);
  lastFrame = now;
  if (frames % 10 === 0) $('frames').textContent = String(frames);
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

// ---------------------------------------------------------------- workers
class Engine {
  constructor(index) {
    this.index = index;
    this.nextId = 1;
    this.pending = new Map();
    this.loaded = 0; // version of the problem this worker has read
    this.onProgress = null;
    this.worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(`worker ${index + 1} failed: ${e.message || 'could not start'}`));
    };
  }

  receive(msg) {
    if (msg.progress) {
      if (this.onProgress) this.onProgress(msg);
      return;
    }
    const call = this.pending.get(msg.id);
    if (!call) return;
    this.pending.delete(msg.id);
    if (msg.ok) call.resolve(msg.value);
    else call.reject(new Error(msg.error));
  }

  failAll(error) {
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }

  call(op, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** A message the worker reads between search segments (compatibility mode); no answer. */
  tell(op) {
    this.worker.postMessage({ op });
  }

  terminate() {
    this.worker.terminate();
    this.failAll(new Error('worker stopped'));
  }
}

const pool = [];

function resizePool(n) {
  while (pool.length > n) pool.pop().terminate();
  while (pool.length < n) pool.push(new Engine(pool.length));
}

/** Replaces a worker whose WebAssembly instance trapped (a panic leaves it unusable). */
function replaceWorker(engine) {
  const i = pool.indexOf(engine);
  if (i < 0) return;
  engine.terminate();
  pool[i] = new Engine(i);
}

/** Has the worker read the current problem (once, however often it is asked). */
function ensureLoaded(engine) {
  const version = problem.version;
  if (engine.loaded === version) return Promise.resolve();
  if (engine.loading?.version !== version) {
    const promise = engine.call('load', { name: problem.name, text: problem.text }).then(() => {
      if (engine.loading?.promise === promise) engine.loaded = version;
    });
    promise.catch(() => {
      if (engine.loading?.promise === promise) engine.loading = null;
    });
    engine.loading = { version, promise };
  }
  return engine.loading.promise;
}

// ---------------------------------------------------------------- state
const problem = { version: 0, name: '', text: '', summary: null };
let run = null; // the running or last solve
let result = null; // { timetable (JSON text), cost, score, summary }

function setStatus(state, text) {
  const el = $('solve-status');
  el.dataset.state = state;
  el.textContent = text;
}

function showError(text) {
  const el = $('problem-error');
  el.textContent = text;
  el.hidden = !text;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : /(s|ch)$/.test(word) ? 'es' : 's'}`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

// ---------------------------------------------------------------- reading a problem
async function loadProblem(name, text) {
  showError('');
  setBusy(true);
  const version = problem.version + 1;
  try {
    const engine = pool[0];
    const { summary, analysis } = await engine.call('load', { name, text });
    Object.assign(problem, { version, name, text, summary });
    engine.loaded = version;
    result = null;
    $('result-panel').hidden = true;
    showTimetable(null);
    showSummary(summary, analysis);
    setStatus('ready', `Ready to solve ${summary.name}.`);
    // The other workers read it meanwhile, so that a solve starts at once.
    for (const other of pool.slice(1)) ensureLoaded(other).catch(() => undefined);
  } catch (err) {
    showError(`Could not read ${name}: ${err.message}`);
  } finally {
    setBusy(false);
  }
}

function showSummary(s, analysis) {
  $('problem-summary').hidden = false;
  $('problem-name').textContent = s.name;
  $('problem-counts').textContent = [
    `${s.days} days × ${s.periods_per_day} periods`,
    plural(s.groups, 'group'),
    plural(s.teachers, 'teacher'),
    plural(s.rooms, 'room'),
    plural(s.courses, 'course'),
    plural(s.lessons, 'lesson'),
    plural(s.constraints, 'constraint'),
  ].join(', ');
  const a = $('analysis');
  a.replaceChildren();
  if (analysis.reasons.length === 0) {
    a.className = 'ok';
    a.textContent = 'The pre-analysis found no reason why it could not be solved without hard violations.';
  } else {
    a.className = 'error';
    a.append('This problem cannot be solved without hard violations:');
    const ul = document.createElement('ul');
    for (const r of analysis.reasons) {
      const li = document.createElement('li');
      li.textContent = r;
      ul.append(li);
    }
    a.append(ul);
  }
  const select = $('ics-owner');
  select.replaceChildren(new Option('the whole school', ''));
  const kinds = [['class', 'Classes'], ['teacher', 'Teachers'], ['room', 'Rooms']];
  for (const [kind, label] of kinds) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const o of s.owners.filter((o) => o.kind === kind)) {
      group.append(new Option('\u00a0\u00a0'.repeat(o.depth) + o.name, o.id));
    }
    if (group.children.length) select.append(group);
  }
}

function setBusy(busy) {
  for (const id of ['load-example', 'file', 'generate']) $(id).disabled = busy || Boolean(run?.running);
  $('solve').disabled = busy || !problem.version || Boolean(run?.running);
}

// ---------------------------------------------------------------- solving
async function solve() {
  if (!problem.version || run?.running) return;
  const n = Math.max(1, Math.min(16, Number($('workers').value) || defaultWorkers()));
  const timeLimitMs = Math.max(1, Number($('time-limit').value) || 30) * 1000;
  const baseSeed = Math.max(0, Math.floor(Number($('seed').value) || 0));
  resizePool(n);
  run = {
    running: true,
    start: performance.now(),
    stop: ISOLATED ? new Int32Array(new SharedArrayBuffer(4)) : null,
    stopped: false,
    timeLimitMs,
    best: pool.map(() => null),
    rates: pool.map(() => 0),
    states: pool.map(() => 'starting'),
    seeds: pool.map((_, i) => baseSeed + i),
    series: [],
    firstFeasibleMs: null,
  };
  result = null;
  $('stop').disabled = false;
  setBusy(false);
  $('result-panel').hidden = false;
  showTimetable(null);
  $('first-feasible').textContent = '';
  $('by-kind').tBodies[0].replaceChildren();
  setExportsEnabled(false);
  showCost(null);
  updateWorkersTable();
  setStatus('solving', `Solving with ${plural(n, 'search')} in parallel…`);
  const thisRun = run;
  const outcomes = await Promise.all(
    pool.map(async (engine, i) => {
      engine.onProgress = (p) => progress(thisRun, i, p);
      try {
        await ensureLoaded(engine);
        thisRun.states[i] = 'searching';
        updateWorkersTable();
        const text = await engine.call('solve', { seed: thisRun.seeds[i], timeLimitMs, stop: thisRun.stop ? thisRun.stop.buffer : null });
        const r = JSON.parse(text);
        thisRun.states[i] = r.status;
        progress(thisRun, i, { hard: r.score.cost.hard, soft: r.score.cost.soft, mps: r.statistics.moves_per_second });
        return { engine, r, text };
      } catch (err) {
        thisRun.states[i] = `failed: ${err.message}`;
        if (/unreachable|RuntimeError|memory/i.test(err.message)) replaceWorker(engine);
        return null;
      } finally {
        engine.onProgress = null;
        updateWorkersTable();
      }
    }),
  );
  thisRun.running = false;
  thisRun.end = performance.now();
  $('stop').disabled = true;
  const done = outcomes.filter(Boolean);
  if (done.length === 0) {
    setStatus('failed', 'Every search failed; see the Searches tab.');
    setBusy(false);
    return;
  }
  done.sort((a, b) => a.r.score.cost.hard - b.r.score.cost.hard || a.r.score.cost.soft - b.r.score.cost.soft);
  const best = done[0];
  const timetable = JSON.stringify(best.r.timetable);
  const wall = thisRun.end - thisRun.start;
  const why = thisRun.stopped ? 'stopped' : best.r.status === 'target_reached' ? 'perfect timetable found' : 'time limit reached';
  setStatus('rendering', `Done (${why}) after ${seconds(wall)}; drawing the timetable…`);
  try {
    const engine = pool[pool.indexOf(best.engine)] === best.engine ? best.engine : pool[0];
    await ensureLoaded(engine);
    const rendered = await engine.call('render', { timetable });
    result = { timetable, score: rendered.score, engine };
    showScore(rendered.score);
    showTimetable(rendered.html);
    setExportsEnabled(true);
    const feasibleAt = thisRun.firstFeasibleMs === null ? '' : `; no hard violation after ${seconds(thisRun.firstFeasibleMs)}`;
    setStatus('done', `Done (${why}) after ${seconds(wall)}: best of ${plural(done.length, 'search')}, seed ${thisRun.seeds[pool.indexOf(best.engine)] ?? '?'}${feasibleAt}.`);
  } catch (err) {
    setStatus('failed', `The timetable could not be drawn: ${err.message}`);
  }
  setBusy(false);
}

function defaultWorkers() {
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, navigator.hardwareConcurrency || 2));
}

function stop() {
  if (!run?.running) return;
  run.stopped = true;
  $('stop').disabled = true;
  if (run.stop) Atomics.store(run.stop, 0, 1);
  else for (const engine of pool) engine.tell('stop');
  setStatus('stopping', 'Stopping: keeping the best timetable found…');
}

function progress(r, i, p) {
  r.best[i] = { hard: p.hard, soft: p.soft };
  if (p.mps !== undefined) r.rates[i] = p.mps;
  const global = r.best.reduce((a, b) => (!b ? a : !a || b.hard < a.hard || (b.hard === a.hard && b.soft < a.soft) ? b : a), null);
  const t = performance.now() - r.start;
  const last = r.series[r.series.length - 1];
  if (!last || last.hard !== global.hard || last.soft !== global.soft || t - last.t > 250) {
    r.series.push({ t, hard: global.hard, soft: global.soft });
  }
  if (global.hard === 0 && r.firstFeasibleMs === null) {
    r.firstFeasibleMs = t;
    $('first-feasible').textContent = `(no hard violation after ${seconds(t)})`;
  }
  // Nothing beats a cost of zero: stop the other searches.
  if (global.hard === 0 && global.soft === 0 && !r.perfect) {
    r.perfect = true;
    if (r.stop) Atomics.store(r.stop, 0, 1);
    else for (const engine of pool) engine.tell('stop');
  }
  showCost(global);
  scheduleDraw();
  scheduleWorkersTable();
}

function showCost(cost) {
  $('live-hard').textContent = cost ? String(cost.hard) : '–';
  $('live-soft').textContent = cost ? String(cost.soft) : '–';
  $('hard-count').textContent = cost ? String(cost.hard) : '–';
  $('hard-label').textContent = cost && cost.hard === 1 ? 'hard violation' : 'hard violations';
  $('soft-cost').textContent = cost ? String(cost.soft) : '–';
  const verdict = $('hard-count').parentElement;
  verdict.classList.toggle('good', Boolean(cost) && cost.hard === 0);
  verdict.classList.toggle('bad', Boolean(cost) && cost.hard > 0);
}

function showScore(score) {
  showCost(score.cost);
  const hard = score.violations.filter((v) => v.level === 'hard').length;
  const soft = score.violations.length - hard;
  $('placed').textContent = `${score.placed} of ${score.lessons} lessons placed · ${plural(hard, 'hard violation')} and ${plural(soft, 'soft violation')} in the list below the grid`;
  const body = $('by-kind').tBodies[0];
  body.replaceChildren();
  for (const [kind, k] of Object.entries(score.breakdown)) {
    const tr = document.createElement('tr');
    if (k.violations === 0) tr.className = 'zero';
    for (const v of [kind, k.violations, k.hard, k.soft]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.append(td);
    }
    body.append(tr);
  }
}

let workersQueued = false;
function scheduleWorkersTable() {
  if (workersQueued) return;
  workersQueued = true;
  setTimeout(() => {
    workersQueued = false;
    updateWorkersTable();
  }, 250);
}

function updateWorkersTable() {
  const body = $('workers-table').tBodies[0];
  if (!run) return;
  const rows = run.seeds.map((seed, i) => {
    const tr = document.createElement('tr');
    const b = run.best[i];
    for (const v of [i + 1, seed, b ? b.hard : '–', b ? b.soft : '–', run.rates[i] ? Math.round(run.rates[i]).toLocaleString('en') : '–', run.states[i]]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.append(td);
    }
    return tr;
  });
  body.replaceChildren(...rows);
}

// ---------------------------------------------------------------- the chart
let drawQueued = false;
function scheduleDraw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    drawChart();
  });
}

function niceCeil(x) {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function drawChart() {
  const canvas = $('chart');
  const ratio = window.devicePixelRatio || 1;
  const cssWidth = canvas.clientWidth || 900;
  const cssHeight = canvas.clientHeight || 280;
  if (canvas.width !== Math.round(cssWidth * ratio)) {
    canvas.width = Math.round(cssWidth * ratio);
    canvas.height = Math.round(cssHeight * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  const pad = { left: 52, right: 60, top: 12, bottom: 30 };
  const w = cssWidth - pad.left - pad.right;
  const h = cssHeight - pad.top - pad.bottom;
  const series = run ? run.series : [];
  const now = run ? (run.running ? performance.now() : run.end ?? performance.now()) - run.start : 0;
  const tMax = Math.max(1000, now) / 1000;
  const feasible = series.filter((p) => p.hard === 0);
  const hardMax = niceCeil(Math.max(1, ...series.map((p) => p.hard)));
  const softMax = niceCeil(Math.max(1, ...(feasible.length ? feasible : series).map((p) => p.soft)));
  const x = (t) => pad.left + (t / 1000 / tMax) * w;
  const yHard = (v) => pad.top + h - (v / hardMax) * h;
  const ySoft = (v) => pad.top + h - (Math.min(v, softMax) / softMax) * h;
  ctx.font = '12px system-ui, sans-serif';
  ctx.strokeStyle = '#ddd';
  ctx.fillStyle = '#555';
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const y = pad.top + (h * k) / 4;
    ctx.beginPath();
    ctx.moveTo(pad.left, y);
    ctx.lineTo(pad.left + w, y);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillStyle = '#b00020';
    ctx.fillText(String(Math.round(hardMax * (1 - k / 4))), pad.left - 6, y + 4);
    ctx.textAlign = 'left';
    ctx.fillStyle = '#1f5fbf';
    ctx.fillText(String(Math.round(softMax * (1 - k / 4))), pad.left + w + 6, y + 4);
  }
  ctx.fillStyle = '#555';
  ctx.textAlign = 'center';
  const step = niceCeil(tMax / 6);
  for (let t = 0; t <= tMax + 1e-9; t += step) {
    ctx.fillText(`${Number(t.toFixed(2))} s`, pad.left + (t / tMax) * w, pad.top + h + 18);
  }
  if (series.length === 0) {
    ctx.fillText(run ? 'Waiting for the first timetable…' : 'The best cost will be drawn here while the search runs.', pad.left + w / 2, pad.top + h / 2);
    return;
  }
  const line = (color, y, pick, width) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    series.forEach((p, k) => {
      if (k === 0) ctx.moveTo(x(p.t), y(pick(p)));
      else {
        ctx.lineTo(x(p.t), y(pick(series[k - 1])));
        ctx.lineTo(x(p.t), y(pick(p)));
      }
    });
    ctx.lineTo(x(now), y(pick(series[series.length - 1])));
    ctx.stroke();
  };
  line('#1f5fbf', ySoft, (p) => p.soft, 2);
  line('#d0021b', yHard, (p) => p.hard, 2);
  if (run.firstFeasibleMs !== null) {
    ctx.strokeStyle = '#17692b';
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(x(run.firstFeasibleMs), pad.top);
    ctx.lineTo(x(run.firstFeasibleMs), pad.top + h);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (run.running) scheduleDraw();
}

/**
 * Shows `render::html`'s page in the frame, from a blob: URL (in a srcdoc frame the page's own
 * links to its grids, `#teacher-3`, would point at this page instead).
 */
let timetableUrl = null;
function showTimetable(html) {
  const frame = $('timetable');
  if (timetableUrl) URL.revokeObjectURL(timetableUrl);
  timetableUrl = html === null ? null : URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  if (timetableUrl) frame.src = timetableUrl;
  else frame.removeAttribute('src');
}

// ---------------------------------------------------------------- exports
function setExportsEnabled(on) {
  for (const id of ['export-csv', 'export-ics', 'export-json', 'ics-owner']) $(id).disabled = !on;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileStem() {
  return (problem.summary?.name || 'timetable').replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** The current time as an iCalendar UTC date-time, 20261122T101500Z. */
function dtstamp() {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function exportWith(op, args, name, type) {
  if (!result) return;
  try {
    const engine = pool.includes(result.engine) ? result.engine : pool[0];
    await ensureLoaded(engine);
    download(name, await engine.call(op, { timetable: result.timetable, ...args }), type);
  } catch (err) {
    setStatus('failed', `Export failed: ${err.message}`);
  }
}

// ---------------------------------------------------------------- wiring
function selectTab(id) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === id;
    tab.classList.toggle('active', on);
    tab.setAttribute('aria-selected', String(on));
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  if (id === 'tab-chart') scheduleDraw();
  else updateWorkersTable();
}

async function main() {
  $('workers').value = String(defaultWorkers());
  $('offline-status').textContent = ISOLATED ? '· instant stop' : '· compatibility mode (stop within a second)';
  setExportsEnabled(false);
  drawChart();
  resizePool(defaultWorkers());
  try {
    const version = await pool[0].call('version');
    $('version').textContent = version;
    $('engine-status').textContent = `Engine ${version} ready`;
  } catch (err) {
    $('engine-status').textContent = `The engine could not start: ${err.message}`;
    return;
  }
  $('load-example').addEventListener('click', async () => {
    const url = $('example').value;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await loadProblem(url.split('/').pop(), await response.text());
    } catch (err) {
      showError(`Could not fetch ${url}: ${err.message}`);
    }
  });
  $('file').addEventListener('change', async () => {
    const file = $('file').files[0];
    if (file) await loadProblem(file.name, await file.text());
  });
  $('generate-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const classes = Number($('gen-classes').value);
    const seed = Number($('gen-seed').value);
    try {
      setBusy(true);
      const text = await pool[0].call('generate', { classes, seed });
      await loadProblem(`school-${classes}-classes-seed-${seed}.json`, text);
    } catch (err) {
      showError(err.message);
    } finally {
      setBusy(false);
    }
  });
  $('solve-form').addEventListener('submit', (e) => {
    e.preventDefault();
    solve();
  });
  $('stop').addEventListener('click', stop);
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => selectTab(tab.id));
  $('export-csv').addEventListener('click', () => exportWith('csv', {}, `${fileStem()}.csv`, 'text/csv'));
  $('export-ics').addEventListener('click', () => {
    const owner = $('ics-owner').value;
    const suffix = owner ? `-${$('ics-owner').selectedOptions[0].textContent.trim().replace(/[^A-Za-z0-9._-]+/g, '-')}` : '';
    exportWith('ics', { owner, dtstamp: dtstamp() }, `${fileStem()}${suffix}.ics`, 'text/calendar');
  });
  $('export-json').addEventListener('click', () => {
    if (result) download(`${fileStem()}.timetable.json`, result.timetable, 'application/json');
  });
  window.addEventListener('resize', scheduleDraw);
  // Start with the first example, so that Solve works at once.
  $('load-example').click();
}

if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').then(
    () => navigator.serviceWorker.ready.then(() => {
      $('offline-status').textContent += ' · works offline';
    }),
    (err) => console.warn('service worker not registered:', err),
  );
}

// For the end-to-end test and the curious: the page's state, read-only.
window.horarium = {
  get frames() {
    return frames;
  },
  /** The longest time between two frames, in milliseconds, since the last call of `resetFrameGap`. */
  get longestFrameGapMs() {
    return longestGapMs;
  },
  resetFrameGap() {
    longestGapMs = 0;
    lastFrame = null;
  },
  get isolated() {
    return ISOLATED;
  },
  get run() {
    return run && { running: run.running, firstFeasibleMs: run.firstFeasibleMs, series: run.series.length, states: [...run.states] };
  },
  get result() {
    return result && { cost: result.score.cost, placed: result.score.placed, lessons: result.score.lessons };
  },
};

main();
