/**
 * What the widget benchmarks share: statistics and formatting, the CDN build, a tiny HTTP server on
 * 127.0.0.1, headless Chromium (no GPU) and pages in it, and pan/zoom frame times. Used by
 * map.bench.ts (widgets.bench.ts still has its own copies).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// ---------------------------------------------------------------- statistics and formatting
export const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const quantile = (xs: readonly number[], q: number): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => (Number.isNaN(bytes) ? '–' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
export const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const ratio = (value: number, base: number) => (value >= base ? `${(value / base).toFixed(2)}× the baseline` : `${(base / value).toFixed(2)}× faster`);
/** `met` or `MISSED` against an upper bound (`–` when there is no figure). */
export const target = (value: number, max: number, unit = 'ms') =>
  Number.isNaN(value) ? `– (≤ ${max} ${unit})` : `${value <= max ? 'met' : 'MISSED'} (≤ ${max} ${unit})`;

// ---------------------------------------------------------------- the CDN bundle
/** Builds the CDN bundle (vite.cdn.config.ts) into a fresh temporary folder and returns it. */
export async function buildCdn(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'toile-bench-cdn-'));
  await build({ configFile: here('../vite.cdn.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true, sourcemap: false } });
  return out;
}

/** Every file under `dir`, recursively. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

// ---------------------------------------------------------------- the HTTP server
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };

/** What the server answers for a path and its query: a body, or undefined for 404. */
export type Route = (path: string, query: URLSearchParams) => string | Buffer | undefined;

/** Serves `route` on 127.0.0.1 (a free port); content types by extension. */
export async function serve(route: Route): Promise<{ origin: string; close: () => void }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = url.pathname === '/favicon.ico' ? '' : route(url.pathname, url.searchParams);
    if (body === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', TYPES[extname(url.pathname)] ?? 'application/octet-stream');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

// ---------------------------------------------------------------- Chromium
/** The flags of every benchmark browser: headless, no GPU (software rendering), no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium with {@link CHROMIUM_ARGS} and `extraArgs`. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/find-chromium.mjs` (installs Debian chromium as root) or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface OpenOptions {
  /** Scripts run in the page before any of its own (after the `__name` shim). */
  initScripts?: readonly string[];
  /** Navigation timeout (ms; default 60 s). */
  timeout?: number;
}

/**
 * A new page (its own context: nothing cached from an earlier load) at `origin + path`, with page
 * errors and console errors printed. Close it with `page.context().close()`.
 */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // tsx compiles benchmarks with esbuild's keepNames: functions sent to page.evaluate call __name.
  await page.addInitScript('globalThis.__name = (target) => target;');
  for (const script of options.initScripts ?? []) await page.addInitScript(script);
  const requested: string[] = [];
  const path = new URL(url).pathname + new URL(url).search;
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => console.error(`  page error on ${path}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`  console error on ${path}: ${m.text()}`));
  await page.goto(url, { timeout: options.timeout ?? 60_000 });
  return { page, requested };
}

/** Closes a page from {@link openPage} and its context; never hangs the benchmark on a busy page. */
export async function closePage(page: Page): Promise<void> {
  await Promise.race([page.context().close(), new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(() => undefined);
}

// ---------------------------------------------------------------- frames
/**
 * Frame intervals (ms) while the page pans and zooms the graph of `window.__cy()` (a cytoscape
 * core) for `frames` frames, or until `budgetMs` have passed (whichever comes first).
 */
export async function panZoomFrames(page: Page, frames = 90, budgetMs = Number.POSITIVE_INFINITY): Promise<number[]> {
  return page.evaluate(
    ([n, budget]) =>
      new Promise<number[]>((resolve) => {
        const cy = (window as unknown as { __cy: () => { panBy(p: object): void; zoom(v?: number): number } }).__cy();
        const gaps: number[] = [];
        const t0 = performance.now();
        let last = t0;
        let k = 0;
        const step = () => {
          const now = performance.now();
          if (k > 0) gaps.push(now - last);
          last = now;
          if (k % 2) cy.panBy({ x: 7, y: 4 });
          else cy.zoom(cy.zoom() * (k % 20 < 10 ? 1.03 : 1 / 1.03));
          if (++k <= n && now - t0 < budget) requestAnimationFrame(step);
          else resolve(gaps);
        };
        requestAnimationFrame(step);
      }),
    [frames, budgetMs] as const,
  );
}
