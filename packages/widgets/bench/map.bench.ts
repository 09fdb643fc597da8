/**
 * `<toile-network>` at scale in headless Chromium without a GPU (issue #18), run by
 * `npx tsx bench/map.bench.ts` in packages/widgets. Every figure is printed beside plain cytoscape
 * on the same graph, in the same run:
 * - 5k establishments / 20k flows (`generateMapTerritory`, default `geo` layout, CDN build): first
 *   paint, longest main-thread task and tasks over 200 ms during load, selection repaint, pan/zoom
 *   frames, elements held by cytoscape, JS heap;
 * - the force layout at 5k without preset positions: first streamed frame, last one, longest task;
 * - 10k / 40k: pan/zoom frames and fps, against plain cytoscape on the same graph and on a quarter of it;
 * - 20k / 80k and 100k / 400k: the same figures as at 5k (plain cytoscape only at 20k).
 * Nothing here asserts a time: figures are printed, targets marked met or MISSED.
 * Env: TOILE_BENCH_RUNS (page loads per case, default 3; 100k is loaded once).
 */
import { readFileSync } from 'node:fs';
import { errors, type Browser, type Page } from 'playwright-core';
import { generateMapTerritory } from '@toile/testkit';
import { buildCdn, closePage, here, launchChromium, mb, median, ms, openPage, panZoomFrames, quantile, serve, target } from './harness.ts';

const RUNS = Math.max(1, Number(process.env.TOILE_BENCH_RUNS ?? 3));
/** Pan/zoom frames per page load, and the most time they may take. */
const FRAMES = 60;
const FRAME_BUDGET_MS = 10_000;
/** How long the force layout may take to send its first frame, then to finish. */
const FIRST_LAYOUT_TIMEOUT_MS = 20_000;
const LAYOUT_DONE_TIMEOUT_MS = 60_000;
/** Load is "until ready + 1 s": long tasks and heap are read then. */
const SETTLE_MS = 1000;

// ---------------------------------------------------------------- pages and data
console.log('# <toile-network> at scale in headless Chromium, no GPU (issue #18)\n');
const cdn = await buildCdn();
console.log(`CDN bundle built into ${cdn}.`);
const cytoscapeFile = here('../node_modules/cytoscape/dist/cytoscape.esm.min.mjs');

/** Generated territories by size, as served (JSON); generated before a case is measured, dropped after. */
const territories = new Map<number, { json: string; establishments: number; flows: number }>();
function territory(n: number) {
  let t = territories.get(n);
  if (!t) {
    const doc = generateMapTerritory(n);
    t = { json: JSON.stringify(doc), establishments: doc.establishments.length, flows: doc.flows.length };
    territories.set(n, t);
  }
  return t;
}
const size = (n: number) => `${territory(n).establishments.toLocaleString('en')} / ${territory(n).flows.toLocaleString('en')}`;

/** Installed before navigation: long tasks (buffered) and a sampled maximum of the JS heap. */
const PROBES = `
window.__longtasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
window.__heapMax = 0;
setInterval(() => { const m = performance.memory; if (m && m.usedJSHeapSize > window.__heapMax) window.__heapMax = m.usedJSHeapSize; }, 200);`;

const toilePage = (q: URLSearchParams) => {
  const n = Number(q.get('n'));
  const layout = q.get('layout');
  return `<!doctype html><meta charset="utf-8"><title>toile ${n}</title>
<script type="module" src="/cdn/toile.js"></script>
<toile-data src="/map.json?n=${n}"><toile-network${layout ? ` layout="${layout}"` : ''} style="--toile-network-height: 700px"></toile-network></toile-data>
<script>
const net = document.querySelector('toile-network');
net.addEventListener('toile-network-ready', (e) => (window.__ready = { at: performance.now(), detail: e.detail }));
window.__layout = [];
net.addEventListener('toile-network-layout', (e) => window.__layout.push({ at: performance.now(), done: e.detail.done, ms: e.detail.ms }));
window.__cy = () => net.cytoscape;
window.__held = () => net.cytoscape.elements().length;
window.__select = (id) => document.querySelector('toile-data').select(id);
</script>`;
};

// Plain cytoscape, default settings, on the same graph: nodes on a golden-angle spiral (hubs, the
// low ids, in the middle), not at their projected coordinates — the baseline measures cytoscape's
// cost for that many elements, not a map.
const baselinePage = (q: URLSearchParams) => `<!doctype html><meta charset="utf-8"><title>cytoscape ${q.get('n')}</title>
<div id="cy" style="width: 100%; height: 700px"></div>
<script type="module">
import cytoscape from '/cytoscape.mjs';
const doc = await (await fetch('/map.json?n=${Number(q.get('n'))}')).json();
const elements = [
  ...doc.establishments.map((e, i) => ({ group: 'nodes', data: { id: e.id }, position: { x: Math.round(12 * Math.sqrt(i) * Math.cos(i * 2.399963)), y: Math.round(12 * Math.sqrt(i) * Math.sin(i * 2.399963)) } })),
  ...doc.flows.map((f) => ({ group: 'edges', data: { id: f.id, source: f.from, target: f.to } })),
];
const cy = cytoscape({ container: document.getElementById('cy'), elements, layout: { name: 'preset' } });
cy.one('render', () => (window.__ready = { at: performance.now() }));
window.__cy = () => cy;
window.__held = () => cy.elements().length;
window.__select = (id) => { cy.elements(':selected').unselect(); if (id) cy.getElementById(id).select(); };
</script>`;

const server = await serve((path, q) => {
  if (path === '/toile.html') return toilePage(q);
  if (path === '/baseline.html') return baselinePage(q);
  if (path === '/map.json') return territories.get(Number(q.get('n')))?.json;
  if (path === '/cytoscape.mjs') return readFileSync(cytoscapeFile);
  if (path.startsWith('/cdn/') && !path.includes('..')) {
    try {
      return readFileSync(`${cdn}/${path.slice(5)}`);
    } catch {
      return undefined;
    }
  }
  return undefined;
});
// Precise (not bucketed) performance.memory figures.
const browser: Browser = await launchChromium(['--enable-precise-memory-info']);

// ---------------------------------------------------------------- one page load
type Win = {
  __ready?: { at: number; detail?: { nodes: number; edges: number; ms: number } };
  __layout: { at: number; done: boolean; ms: number }[];
  __longtasks: { start: number; duration: number }[];
  __heapMax: number;
  __held: () => number;
  __select: (id: string | null) => void;
};
/** Rethrows anything but a Playwright timeout (a timeout is a figure: "did not finish"). */
const onlyTimeout = (error: unknown) => {
  if (!(error instanceof errors.TimeoutError)) throw error;
};

interface Load {
  /** Navigation start → first frame (ms); NaN when it did not come within the timeout. */
  first: number;
  longest: number;
  over200: number;
  /** Selection repaint, each selected establishment (ms). */
  selection: number[];
  frames: number[];
  held: number;
  heap: number;
  heapMax: number;
}
const NO_LOAD: Omit<Load, 'first'> = {
  longest: Number.NaN,
  over200: Number.NaN,
  selection: [],
  frames: [],
  held: Number.NaN,
  heap: Number.NaN,
  heapMax: Number.NaN,
};

/** Long tasks in `[from, to)` (start times, ms since navigation): the longest and how many over 200 ms. */
async function tasks(page: Page, from: number, to: number): Promise<{ longest: number; over200: number }> {
  const all = await page.evaluate(() => (window as unknown as Win).__longtasks);
  const within = all.filter((t) => t.start >= from && t.start < to);
  return { longest: within.reduce((m, t) => Math.max(m, t.duration), 0), over200: within.filter((t) => t.duration > 200).length };
}

/** Loads `path`, waits for the first frame (or `timeoutMs`), then measures load, selection and frames. */
async function measureLoad(path: string, n: number, timeoutMs: number, options: { select?: boolean } = {}): Promise<Load> {
  const { page } = await openPage(browser, server.origin + path, { initScripts: [PROBES] });
  try {
    try {
      await page.waitForFunction(() => (window as unknown as Win).__ready, undefined, { timeout: timeoutMs, polling: 50 });
    } catch (error) {
      onlyTimeout(error);
      return { first: Number.NaN, ...NO_LOAD };
    }
    const first = await page.evaluate(() => (window as unknown as Win).__ready!.at);
    await page.waitForFunction((until) => performance.now() >= until, first + SETTLE_MS, { polling: 50, timeout: 0 });
    const { longest, over200 } = await tasks(page, 0, first + SETTLE_MS);
    const { held, heap, heapMax } = await page.evaluate(() => {
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        held: (window as unknown as Win).__held(),
        heap: memory?.usedJSHeapSize ?? Number.NaN,
        heapMax: Math.max((window as unknown as Win).__heapMax, memory?.usedJSHeapSize ?? 0) || Number.NaN,
      };
    });
    // A hub (e0), one in the middle, the last one (the first only when it takes seconds).
    const selection = options.select
      ? await page.evaluate(
          async (ids) => {
            const out: number[] = [];
            for (const id of ids) {
              if (out.reduce((a, b) => a + b, 0) > 3000) break;
              const t0 = performance.now();
              (window as unknown as Win).__select(id);
              await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
              out.push(performance.now() - t0);
              await new Promise((resolve) => setTimeout(resolve, 400));
            }
            (window as unknown as Win).__select(null);
            await new Promise((resolve) => setTimeout(resolve, 500));
            return out;
          },
          ['e0', `e${Math.floor(n / 2)}`, `e${n - 1}`],
        )
      : [];
    await page.waitForTimeout(300);
    const frames = await panZoomFrames(page, FRAMES, FRAME_BUDGET_MS);
    return { first, longest, over200, selection, frames, held, heap, heapMax };
  } finally {
    await closePage(page);
  }
}

/** `runs` loads of a case (fewer when the first one timed out: it would again). */
async function measureRuns(path: string, n: number, timeoutMs: number, runs: number, options: { select?: boolean } = {}): Promise<Load[]> {
  const loads: Load[] = [];
  for (let r = 0; r < runs; r++) {
    const load = await measureLoad(path, n, timeoutMs, options);
    loads.push(load);
    if (Number.isNaN(load.first)) break;
  }
  return loads;
}

// ---------------------------------------------------------------- figures
interface Figures {
  timedOut: number | undefined;
  runs: number;
  first: number;
  longest: number;
  over200: number;
  selection: number;
  selectionWorst: number;
  frameMedian: number;
  frameP95: number;
  fps: number;
  frameCount: number;
  held: number;
  heap: number;
  heapMax: number;
}
function figures(loads: Load[], timeoutMs: number): Figures {
  const ok = loads.filter((l) => !Number.isNaN(l.first));
  const m = (f: (l: Load) => number) => median(ok.map(f));
  const frameMedian = m((l) => median(l.frames));
  const selections = ok.flatMap((l) => l.selection);
  return {
    timedOut: ok.length === 0 ? timeoutMs : undefined,
    runs: ok.length,
    first: m((l) => l.first),
    longest: m((l) => l.longest),
    over200: m((l) => l.over200),
    selection: median(selections),
    selectionWorst: selections.length ? Math.max(...selections) : Number.NaN,
    frameMedian,
    frameP95: m((l) => quantile(l.frames, 0.95)),
    fps: 1000 / frameMedian,
    frameCount: m((l) => l.frames.length),
    held: m((l) => l.held),
    heap: m((l) => l.heap),
    heapMax: m((l) => l.heapMax),
  };
}

/** A figure of one case, or why there is none. */
type Cell = (f: Figures) => string;
const cell = (f: Figures | string, show: Cell) => (typeof f === 'string' ? f : f.timedOut !== undefined ? `did not finish in ${f.timedOut / 1000} s` : show(f));
const count = (v: number) => (Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en'));
const fpsText = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));

interface Row {
  figure: string;
  show: Cell;
  /** The target, given toile's figures (empty: none). */
  target?: (toile: Figures) => string;
}
const ROWS = {
  first: { figure: 'first paint ms (navigation start → first frame)', show: (f) => ms(f.first), target: (f) => target(f.first, 1500) },
  longest: { figure: 'longest main-thread task during load ms (until first frame + 1 s)', show: (f) => ms(f.longest), target: (f) => target(f.longest, 200) },
  over200: {
    figure: 'main-thread tasks > 200 ms during load',
    show: (f) => count(f.over200),
    target: (f) => (Number.isNaN(f.over200) ? '– (none)' : `${f.over200 === 0 ? 'met' : 'MISSED'} (none)`),
  },
  selection: {
    figure: 'selection repainted ms (select(id) → two frames; median, worst)',
    show: (f) => (Number.isNaN(f.selection) ? '–' : `${ms(f.selection)} (worst ${ms(f.selectionWorst)})`),
    target: (f) => target(f.selection, 100),
  },
  frameMedian: { figure: 'pan/zoom frame median ms', show: (f) => ms(f.frameMedian) },
  frameP95: { figure: 'pan/zoom frame p95 ms', show: (f) => ms(f.frameP95) },
  fps: {
    figure: 'pan/zoom frames per second (1000 / median)',
    show: (f) => `${fpsText(f.fps)} (${count(f.frameCount)} frame${f.frameCount === 1 ? '' : 's'})`,
    target: (f) => (Number.isNaN(f.fps) ? '– (≥ 15)' : `${f.fps >= 15 ? 'met' : 'MISSED'} (≥ 15)`),
  },
  held: { figure: 'elements held by cytoscape', show: (f) => count(f.held) },
  heldAggregated: {
    figure: 'elements held by cytoscape',
    show: (f) => count(f.held),
    target: (f) => (Number.isNaN(f.held) ? '– (≤ 5,000)' : `${f.held <= 5000 ? 'met' : 'MISSED'} (≤ 5,000: a few thousand)`),
  },
  heap: { figure: 'JS heap after load (max sampled during load)', show: (f) => (Number.isNaN(f.heap) ? '–' : `${mb(f.heap)} (${mb(f.heapMax)})`) },
} satisfies Record<string, Row>;

function table(title: string, columns: { name: string; figures: Figures | string }[], rows: Row[], toile: Figures | string): void {
  console.log(`\n## ${title}`);
  console.log(`| figure | ${columns.map((c) => c.name).join(' | ')} | target (toile) |`);
  console.log(`| --- | ${columns.map(() => '---:').join(' | ')} | --- |`);
  for (const row of rows) {
    const goal = row.target ? (typeof toile === 'string' || toile.timedOut !== undefined ? 'MISSED (no figure)' : row.target(toile)) : '';
    console.log(`| ${row.figure} | ${columns.map((c) => cell(c.figures, row.show)).join(' | ')} | ${goal} |`);
  }
}

const started = performance.now();
const runsNote = (runs: number) => `median of ${runs} page load${runs > 1 ? 's' : ''}`;
const toilePath = (n: number, layout?: string) => `/toile.html?n=${n}${layout ? `&layout=${layout}` : ''}`;
const baselinePath = (n: number) => `/baseline.html?n=${n}`;

// ---------------------------------------------------------------- 5k / 20k
{
  const n = 5000;
  territory(n);
  const toile = figures(await measureRuns(toilePath(n), n, 60_000, RUNS, { select: true }), 60_000);
  const base = figures(await measureRuns(baselinePath(n), n, 60_000, RUNS, { select: true }), 60_000);
  table(
    `5k — ${size(n)} establishments / flows, geo layout, CDN build (${runsNote(RUNS)})`,
    [
      { name: 'toile: <toile-data> + <toile-network>', figures: toile },
      { name: 'plain cytoscape (same graph)', figures: base },
    ],
    [ROWS.first, ROWS.longest, ROWS.over200, ROWS.selection, ROWS.frameMedian, ROWS.frameP95, ROWS.fps, ROWS.held, ROWS.heap],
    toile,
  );
  console.log(
    '(Plain cytoscape: default settings, nodes on a golden-angle spiral rather than at their projected coordinates; its "selection" is cytoscape\'s own `select()` of the node. Frames: pan and zoom through `cytoscape` in requestAnimationFrame.)',
  );

  // ---------------------------------------------------------------- force layout at 5k
  type Force = {
    first: number;
    firstFrame: number;
    done: number;
    longest: number;
    over200: number;
    frames: number;
    status: 'streamed' | 'not implemented' | 'not done' | 'no first paint';
  };
  const forceRuns: Force[] = [];
  for (let r = 0; r < RUNS; r++) {
    const { page } = await openPage(browser, server.origin + toilePath(n, 'force'), { initScripts: [PROBES] });
    try {
      const run: Force = {
        first: Number.NaN,
        firstFrame: Number.NaN,
        done: Number.NaN,
        longest: Number.NaN,
        over200: Number.NaN,
        frames: 0,
        status: 'no first paint',
      };
      try {
        await page.waitForFunction(() => (window as unknown as Win).__ready, undefined, { timeout: 60_000, polling: 50 });
        run.first = await page.evaluate(() => (window as unknown as Win).__ready!.at);
        try {
          await page.waitForFunction(() => (window as unknown as Win).__layout.length > 0, undefined, { timeout: FIRST_LAYOUT_TIMEOUT_MS, polling: 50 });
          try {
            await page.waitForFunction(() => (window as unknown as Win).__layout.some((e) => e.done), undefined, {
              timeout: LAYOUT_DONE_TIMEOUT_MS,
              polling: 100,
            });
            run.status = 'streamed';
          } catch (error) {
            onlyTimeout(error);
            run.status = 'not done';
          }
        } catch (error) {
          onlyTimeout(error);
          run.status = 'not implemented';
        }
      } catch (error) {
        // No first paint within a minute.
        onlyTimeout(error);
      }
      const events = await page.evaluate(() => (window as unknown as Win).__layout);
      run.frames = events.length;
      run.firstFrame = events[0]?.at ?? Number.NaN;
      run.done = events.find((e) => e.done)?.at ?? Number.NaN;
      if (!Number.isNaN(run.first)) {
        const end = Number.isNaN(run.done) ? await page.evaluate(() => performance.now()) : run.done;
        Object.assign(run, await tasks(page, run.first, end));
      }
      forceRuns.push(run);
      // Without streamed frames (not implemented yet), further loads would only wait as long again.
      if (run.status === 'not implemented' || run.status === 'no first paint') break;
    } finally {
      await closePage(page);
    }
  }
  const fm = (key: 'first' | 'firstFrame' | 'done' | 'longest' | 'over200' | 'frames') => median(forceRuns.map((r) => r[key]));
  const status = forceRuns[0]!.status;
  const noFrame = status === 'not implemented' ? 'no streamed frame (not implemented)' : status === 'no first paint' ? 'no first paint in 60 s' : undefined;
  console.log(`\n## Force layout at 5k — ${size(n)}, layout="force", no preset positions (${runsNote(forceRuns.length)})`);
  console.log('| figure | toile | target |');
  console.log('| --- | ---: | --- |');
  console.log(`| first paint ms (navigation start → first frame, before the layout) | ${ms(fm('first'))} | |`);
  console.log(
    `| first streamed layout frame ms (navigation start → first \`toile-network-layout\`: first usable picture) | ${noFrame ?? ms(fm('firstFrame'))} | ${noFrame ? 'MISSED (≤ 2000 ms)' : target(fm('firstFrame'), 2000)} |`,
  );
  console.log(
    `| layout done ms (navigation start → \`toile-network-layout\` with done: true) | ${noFrame ?? (status === 'not done' ? `not done ${LAYOUT_DONE_TIMEOUT_MS / 1000} s after the first frame` : `${ms(fm('done'))} (${count(fm('frames'))} frames)`)} | |`,
  );
  const span = noFrame ? `first frame → ${FIRST_LAYOUT_TIMEOUT_MS / 1000} s later, waiting for a streamed frame` : 'first frame → layout done';
  console.log(`| longest main-thread task ms (${span}) | ${ms(fm('longest'))} (${count(fm('over200'))} over 200 ms) | ${target(fm('longest'), 200)} |`);
}
territories.delete(5000);

// ---------------------------------------------------------------- 10k / 40k: pan and zoom
{
  const n = 10_000;
  const quarter = 2500;
  territory(n);
  territory(quarter);
  const toile = figures(await measureRuns(toilePath(n), n, 90_000, RUNS, { select: true }), 90_000);
  const base = figures(await measureRuns(baselinePath(n), n, 90_000, RUNS), 90_000);
  const small = figures(await measureRuns(baselinePath(quarter), quarter, 60_000, RUNS), 60_000);
  table(
    `10k — ${size(n)} establishments / flows: pan and zoom (${runsNote(RUNS)}); plain cytoscape also on a quarter of the size (${size(quarter)})`,
    [
      { name: `toile ${n / 1000}k`, figures: toile },
      { name: `plain cytoscape ${n / 1000}k`, figures: base },
      { name: `plain cytoscape ${quarter / 1000}k`, figures: small },
    ],
    [ROWS.frameMedian, ROWS.frameP95, ROWS.fps, ROWS.first, ROWS.longest, ROWS.selection, ROWS.held, ROWS.heap],
    toile,
  );
  territories.delete(n);
  territories.delete(quarter);
}

// ---------------------------------------------------------------- 20k / 80k and 100k / 400k
{
  const BIG_RUNS = 1;
  territory(20_000);
  const toile20 = figures(await measureRuns(toilePath(20_000), 20_000, 120_000, RUNS, { select: true }), 120_000);
  const base20 = figures(await measureRuns(baselinePath(20_000), 20_000, 90_000, RUNS, { select: true }), 90_000);
  const size20 = size(20_000);
  territories.delete(20_000);
  territory(100_000);
  const toile100 = figures(await measureRuns(toilePath(100_000), 100_000, 180_000, BIG_RUNS, { select: true }), 180_000);
  const size100 = size(100_000);
  const size100Elements = territory(100_000).establishments + territory(100_000).flows;
  territories.delete(100_000);
  const skipped = `${base20.timedOut !== undefined ? `did not finish at 20k in ${base20.timedOut / 1000} s` : `${ms(base20.first)} ms to first paint at 20k`}, and it would hold ${size100Elements.toLocaleString('en')} elements`;
  const title = `20k — ${size20} and 100k — ${size100} establishments / flows, geo layout (20k: ${runsNote(RUNS)}; 100k: one load)`;
  console.log(`\n## ${title}`);
  const columns = [
    { name: 'toile 20k', figures: toile20 as Figures | string },
    { name: 'plain cytoscape 20k', figures: base20 as Figures | string },
    { name: 'toile 100k', figures: toile100 as Figures | string },
    { name: 'plain cytoscape 100k', figures: 'skipped' },
  ];
  console.log(`| figure | ${columns.map((c) => c.name).join(' | ')} | target (toile 20k) | target (toile 100k) |`);
  console.log(`| --- | ${columns.map(() => '---:').join(' | ')} | --- | --- |`);
  const goal = (row: Row, f: Figures) => (row.target ? (f.timedOut !== undefined ? 'MISSED (no figure)' : row.target(f)) : '');
  for (const row of [ROWS.first, ROWS.longest, ROWS.over200, ROWS.selection, ROWS.frameMedian, ROWS.frameP95, ROWS.fps, ROWS.heldAggregated, ROWS.heap]) {
    console.log(`| ${row.figure} | ${columns.map((c) => cell(c.figures, row.show)).join(' | ')} | ${goal(row, toile20)} | ${goal(row, toile100)} |`);
  }
  console.log(
    `(The 5k budgets apply here too: the view aggregates so that loading and navigation stay under them. Plain cytoscape is skipped at 100k: ${skipped}.)`,
  );
}

console.log(`\nTotal: ${((performance.now() - started) / 1000).toFixed(0)} s of measurements.`);
await browser.close();
server.close();
