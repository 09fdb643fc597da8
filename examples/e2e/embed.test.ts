/**
 * The embedding recipes of examples/embed in a real browser: the CDN bundle built from
 * packages/widgets/vite.cdn.config.ts, the React and Vue pages built with vite, all served on
 * 127.0.0.1 by examples/embed/server.ts (csp.html, react.html and vue.html with a strict CSP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildEmbed, serveEmbed, type EmbedBuild, type EmbedServer } from '../embed/server.ts';
import { chooseInList, launchChromium, networkListSize, waitForData, waitForNetwork, waitForText, watchedPage, type PageLog } from './browser.ts';

let built: EmbedBuild;
let server: EmbedServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  built = await buildEmbed();
  server = await serveEmbed(built);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await built?.dispose();
});

async function open(path: string): Promise<{ page: Page; log: PageLog; requests: string[] }> {
  const { page, log } = await watchedPage(context);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const response = await page.goto(server.url + path);
  expect(response?.status()).toBe(200);
  await waitForData(page);
  return { page, log, requests };
}

function expectClean(log: PageLog): void {
  expect(log.violations).toEqual([]);
  expect(log.errors).toEqual([]);
  expect(log.external).toEqual([]);
  expect(log.failed).toEqual([]);
}

/** The network and the card render with the sample data; choosing in the list updates the card. */
async function expectCoreWidgetsWork(page: Page): Promise<void> {
  await waitForNetwork(page);
  expect(await networkListSize(page)).toBeGreaterThan(80);
  await expect(page.locator('toile-network canvas').count()).resolves.toBeGreaterThan(0);
  await waitForText(page, 'toile-company-card h2', 'Aciérie de l’Estuaire');
  await chooseInList(page, 'Sucrerie du Plateau');
  await waitForText(page, 'toile-company-card h2', 'Sucrerie du Plateau');
}

async function expectSynergiesListed(page: Page): Promise<void> {
  await page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
  expect(await page.locator('toile-synergy-finder [part="table"] tbody tr').count()).toBeGreaterThan(0);
}

/** Closes the refinery with the simulator's own controls; the network gets painted. */
async function expectDominoPaints(page: Page): Promise<string | undefined> {
  const simulator = page.locator('toile-domino-simulator');
  await simulator.locator('[part="form"] input[type="search"]').fill('Raffinerie');
  await simulator.locator('[part="sites"] label', { hasText: 'Raffinerie de la Vire-Marine' }).locator('input').check();
  await simulator.locator('[part="actions"] button.primary').click();
  await simulator.locator('[part="results"]').waitFor();
  await page.locator('toile-network').scrollIntoViewIfNeeded();
  await waitForNetwork(page);
  const colour = await page.evaluate(() => {
    return String(document.querySelector('toile-network')!.cytoscape!.getElementById('raffinerie').style('background-color'));
  });
  // The overlay's top value on its cividis scale (the network's overlay palette: pale to dark).
  expect(colour).toBe('rgb(0,32,81)');
  return page.evaluate(() => document.querySelector('toile-domino-simulator')!.lastRunIn);
}

/** Computed styles inside the widgets that a host page's CSS must not change. */
async function insideStyles(page: Page): Promise<Record<string, string>> {
  await waitForNetwork(page);
  await page.locator('toile-company-card h2').waitFor();
  return page.evaluate(() => {
    const pick = (host: string, selector: string) => {
      const el = document.querySelector(host)!.shadowRoot!.querySelector(selector)!;
      const s = getComputedStyle(el);
      return `${s.fontFamily}|${s.fontSize}|${s.fontStyle}|${s.fontWeight}|${s.color}|${s.backgroundColor}|${s.textTransform}|${s.letterSpacing}|${s.lineHeight}|${s.display}|${s.borderTopWidth}|${s.paddingTop}|${s.boxSizing}`;
    };
    const canvas = document.querySelector('toile-network')!.shadowRoot!.querySelector('[part="canvas"]')!;
    return {
      listButton: pick('toile-network', '[part="list"] button'),
      toolbar: pick('toile-network', '[part="toolbar"]'),
      canvas: pick('toile-network', '[part="canvas"]'),
      cardTitle: pick('toile-company-card', 'h2'),
      cardPartner: pick('toile-company-card', 'a.partner'),
      canvasHeight: String(Math.round(canvas.getBoundingClientRect().height)),
    };
  });
}

describe('embedding recipes', () => {
  it('cdn.html: one script tag; the bundle loads its chunks from its own folder', async () => {
    const { page, log, requests } = await open('cdn.html');
    await expectCoreWidgetsWork(page);
    expect(requests).toContain('/kit/toile.js');
    // cytoscape arrives as a lazily loaded chunk next to the bundle.
    expect(requests.some((r) => /^\/kit\/chunks\/cytoscape[^/]*\.js$/.test(r))).toBe(true);
    expectClean(log);
    await page.close();
  });

  it(`cdn.html: synergy finder and domino simulator`, async () => {
    const { page, log } = await open('cdn.html');
    await expectSynergiesListed(page);
    await expectDominoPaints(page);
    expectClean(log);
    await page.close();
  });

  it('hostile-css.html: global resets, huge fonts and !important rules do not reach inside the widgets', async () => {
    const clean = await open('cdn.html');
    const reference = await insideStyles(clean.page);
    await clean.page.close();
    const { page, log } = await open('hostile-css.html');
    const hostile = await insideStyles(page);
    expect(hostile).toEqual(reference);
    await expectCoreWidgetsWork(page);
    // z-index war: the page's sticky banner and cookie bar stay above the network's canvases.
    await page.locator('toile-network').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 5));
    const topmost = await page.evaluate(() => {
      const banner = document.querySelector('.banner')!.getBoundingClientRect();
      const cookie = document.querySelector('.cookie')!.getBoundingClientRect();
      const at = (x: number, y: number) => document.elementFromPoint(x, y)?.className ?? '';
      return { banner: at(banner.left + 300, banner.top + banner.height / 2), cookie: at(cookie.left + 300, cookie.top + cookie.height / 2) };
    });
    expect(topmost).toEqual({ banner: 'banner', cookie: 'cookie' });
    expectClean(log);
    await page.close();
  });

  it('csp.html: served with a strict Content-Security-Policy, no violation, no error', async () => {
    const { page, log } = await open('csp.html');
    const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(header).toContain("script-src 'self'");
    expect(header).not.toContain('unsafe');
    await expectCoreWidgetsWork(page);
    expectClean(log);
    await page.close();
  });

  it(`csp.html: synergy finder, and the domino simulator in its worker, under the strict CSP`, async () => {
    const { page, log } = await open('csp.html');
    await expectSynergiesListed(page);
    // worker-threshold="0" on this page: the simulation runs in the bundle's worker file.
    await expect(expectDominoPaints(page)).resolves.toBe('worker');
    expectClean(log);
    await page.close();
  });

  it('two-kits.html: two copies of the bundle at two URLs; the first wins, the second only warns', async () => {
    const { page, log, requests } = await open('two-kits.html');
    await expectCoreWidgetsWork(page);
    expect(requests).toContain('/kit/toile.js');
    expect(requests).toContain('/kit-b/toile.js');
    expect(log.warnings.some((w) => w.includes('already defined by another copy of the kit'))).toBe(true);
    expectClean(log);
    await page.close();
  });

  for (const [framework, selection] of [
    ['react', '#react-selection'],
    ['vue', '#vue-selection'],
  ] as const) {
    it(`${framework}.html: properties and events through ${framework === 'react' ? 'React 19' : 'Vue 3'}, under the strict CSP`, async () => {
      const { page, log } = await open(`${framework}.html`);
      // The document was given as a property (parsed JSON), not as an attribute.
      await expect(page.locator('toile-data').getAttribute('data')).resolves.toBe(null);
      await expectCoreWidgetsWork(page);
      // The widget's event reached the framework's state…
      await waitForText(page, selection, /^Sucrerie du Plateau$/);
      // …and the framework's state reaches the widgets (the `selected` property).
      await page.locator('main > p button').click();
      await waitForText(page, 'toile-company-card h2', 'Papeterie des Marais');
      await waitForText(page, selection, /^Papeterie des Marais$/);
      expectClean(log);
      await page.close();
    });
  }
});
