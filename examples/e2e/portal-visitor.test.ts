/**
 * The portal as a visitor uses it, in Chromium: the selection in the address (?id=, the back
 * button), partners as real links, the map and the card side by side with the other widgets one tab
 * away, no sideways scrolling on a phone, and widgets that leave the page's own text alone in a
 * dark system.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseInList, launchChromium, waitForData, waitForNetwork, waitForText, watchedPage, type PageLog } from './browser.ts';
import { startPortal, type Portal } from './portal-server.ts';

let portal: Portal;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  portal = await startPortal();
  base = portal.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context;
}

function expectClean(log: PageLog): void {
  expect(log.errors).toEqual([]);
  expect(log.external).toEqual([]);
  expect(log.failed).toEqual([]);
}

async function open(context: BrowserContext, path: string): Promise<{ page: Page; log: PageLog }> {
  const watched = await watchedPage(context);
  await watched.page.goto(new URL(path, base).href);
  await waitForData(watched.page);
  return watched;
}

const selected = (page: Page) => page.evaluate(() => document.querySelector('toile-data')!.selected);
const idInAddress = (page: Page) => page.evaluate(() => new URLSearchParams(location.search).get('id'));
const waitSelected = (page: Page, id: string | null) => page.waitForFunction((want) => document.querySelector('toile-data')!.selected === want, id);

/** The pages with a <toile-data>, and a visitor's way of choosing an establishment on each. */
const PAGES: { path: string; choose: (page: Page) => Promise<string> }[] = [
  { path: 'index.html', choose: (page) => chooseInNetworkList(page, 'Papeterie des Marais', 'papeterie') },
  { path: 'reseau.html', choose: (page) => chooseInNetworkList(page, 'Papeterie des Marais', 'papeterie') },
  {
    path: 'entreprise.html',
    choose: async (page) => {
      await page.locator('#picker').selectOption('sucrerie');
      return 'sucrerie';
    },
  },
  {
    path: 'synergies.html',
    choose: async (page) => {
      const row = page.locator('toile-synergy-finder [part="table"] tbody tr button').first();
      await row.click();
      await page.waitForFunction(() => document.querySelector('toile-data')!.selected !== null);
      return (await selected(page))!;
    },
  },
  { path: 'domino.html', choose: (page) => chooseInNetworkList(page, 'Sucrerie du Plateau', 'sucrerie') },
];

async function chooseInNetworkList(page: Page, name: string, id: string): Promise<string> {
  await page.locator('toile-network').scrollIntoViewIfNeeded();
  await waitForNetwork(page);
  await chooseInList(page, name);
  await waitSelected(page, id);
  return id;
}

describe('the portal as a visitor uses it', () => {
  it('every page: ?id= selects that establishment, each choice goes into the address, the back button returns to the previous one', async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    for (const { path, choose } of PAGES) {
      // An address with ?id= opens on that establishment.
      const { page, log } = await open(context, `${path}?id=laiterie`);
      await waitSelected(page, 'laiterie');
      const before = await page.evaluate(() => history.length);
      // A visitor's choice is a new history entry with the new id.
      const chosen = await choose(page);
      expect(chosen, path).not.toBe('laiterie');
      await page.waitForFunction((want) => new URLSearchParams(location.search).get('id') === want, chosen);
      expect(await page.evaluate(() => history.length), path).toBe(before + 1);
      // Back: the previous selection, in the address and in every widget.
      await page.goBack();
      await waitSelected(page, 'laiterie');
      expect(await idInAddress(page), path).toBe('laiterie');
      // Forward again.
      await page.goForward();
      await waitSelected(page, chosen);
      expectClean(log);
      await page.close();
    }
  }, 240_000);

  it('home: back to the page’s own default selection when the address has no ?id=; an unknown id falls back to it', async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const { page, log } = await open(context, 'index.html');
    expect(await selected(page)).toBe('acierie');
    expect(await idInAddress(page)).toBe(null);
    await chooseInNetworkList(page, 'Papeterie des Marais', 'papeterie');
    await waitForText(page, 'toile-company-card h2', 'Papeterie des Marais');
    expect(await idInAddress(page)).toBe('papeterie');
    await page.goBack();
    await waitSelected(page, 'acierie');
    await waitForText(page, 'toile-company-card h2', 'Aciérie de l’Estuaire');
    expect(await idInAddress(page)).toBe(null);
    await page.goto(new URL('index.html?id=nowhere', base).href);
    await waitForData(page);
    await waitSelected(page, 'acierie');
    expect(await idInAddress(page)).toBe(null);
    expectClean(log);
    await page.close();
  });

  it('partners in the card are links: ?id=… in their href, a new tab with ctrl+click, in place with a plain click', async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const { page, log } = await open(context, 'entreprise.html?id=sucrerie');
    await waitForText(page, 'toile-company-card h2', 'Sucrerie du Plateau');
    const link = page.locator('toile-company-card li[data-partner="cooperative"] a.partner').first();
    await expect(link.getAttribute('href')).resolves.toBe('?id=cooperative');
    // Ctrl+click: a new tab on the partner's card; this page keeps its selection.
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).searchParams.get('id')).toBe('cooperative');
    await waitForData(tab);
    await waitForText(tab, 'toile-company-card h2', 'Coopérative');
    expect(await selected(page)).toBe('sucrerie');
    expect(await idInAddress(page)).toBe('sucrerie');
    await tab.close();
    // Middle click: a new tab too.
    const [middle] = await Promise.all([context.waitForEvent('page'), link.click({ button: 'middle' })]);
    expect(new URL(middle.url()).searchParams.get('id')).toBe('cooperative');
    await middle.close();
    expect(await selected(page)).toBe('sucrerie');
    // Plain click: selected in place (same document), the address follows, back returns.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await link.click();
    await waitSelected(page, 'cooperative');
    await waitForText(page, 'toile-company-card h2', 'Coopérative');
    expect(await idInAddress(page)).toBe('cooperative');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.goBack();
    await waitSelected(page, 'sucrerie');
    expectClean(log);
    await page.close();
  });

  it('home at 1366×900: the map and the card side by side at the top, synergies and domino one tab away', async () => {
    const context = await newContext({ viewport: { width: 1366, height: 900 } });
    const { page, log } = await open(context, 'index.html');
    await waitForNetwork(page);
    await waitForText(page, 'toile-company-card h2', 'Aciérie de l’Estuaire');
    const box = (selector: string) => page.locator(selector).first().boundingBox();
    const map = (await box('toile-network'))!;
    const card = (await box('toile-company-card'))!;
    // Side by side: the card to the right of the map, their tops in the first screen, overlapping rows.
    expect(card.x).toBeGreaterThanOrEqual(map.x + map.width);
    expect(map.y).toBeLessThan(900 - 200);
    expect(card.y).toBeLessThan(900 - 200);
    expect(card.y).toBeLessThan(map.y + map.height);
    expect(map.width).toBeGreaterThan(600);
    // The other widgets: tabs beside the card, in the first screen.
    const tabs = page.locator('[role="tab"]');
    await expect(tabs.count()).resolves.toBe(3);
    expect((await box('[role="tablist"]'))!.y).toBeLessThan(900);
    await expect(page.locator('toile-synergy-finder').isVisible()).resolves.toBe(false);
    await page.locator('[role="tab"]', { hasText: 'Synergies' }).click();
    await page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
    const finder = (await box('toile-synergy-finder'))!;
    expect(finder.y).toBeLessThan(900);
    expect(finder.x).toBeGreaterThanOrEqual(map.x + map.width);
    await expect(page.locator('toile-company-card').isVisible()).resolves.toBe(false);
    expect(new URL(page.url()).hash).toBe('#synergies');
    // Keyboard: arrows move between tabs (ARIA tabs pattern).
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[role="tab"][aria-selected="true"]').textContent()).resolves.toContain('Effet domino');
    await expect(page.locator('toile-domino-simulator').isVisible()).resolves.toBe(true);
    // An address with #domino opens that tab.
    await page.goto(new URL('index.html#domino', base).href);
    await waitForData(page);
    await expect(page.locator('toile-domino-simulator').isVisible()).resolves.toBe(true);
    await expect(page.locator('toile-company-card').isVisible()).resolves.toBe(false);
    expectClean(log);
    await page.close();
  });

  it('at 390×844 no page scrolls sideways once its widgets are drawn (every tab of the home page, a domino result)', async () => {
    const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
    for (const path of ['index.html', 'reseau.html', 'entreprise.html', 'synergies.html', 'domino.html', 'integrer.html']) {
      const watched = await watchedPage(context);
      const { page } = watched;
      await page.goto(new URL(path, base).href);
      if (path !== 'integrer.html') await waitForData(page);
      if (await page.locator('toile-network').count()) {
        await page.locator('toile-network').scrollIntoViewIfNeeded();
        await waitForNetwork(page);
      }
      // Pages that open on an establishment: its card is drawn.
      if (path === 'index.html' || path === 'entreprise.html') await page.locator('toile-company-card h2').first().waitFor({ state: 'attached' });
      if (path === 'synergies.html') {
        await page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
        // The table scrolls in its own box; its "show" buttons stay on screen without scrolling it.
        const show = (await page.locator('toile-synergy-finder [part="table"] tbody tr button').first().boundingBox())!;
        expect(show.x).toBeGreaterThanOrEqual(0);
        expect(show.x + show.width).toBeLessThanOrEqual(390);
      }
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(390);
      if (path === 'index.html') {
        // On a phone the tabs sit under the map: a shortcut above the map opens one and goes to it.
        await page.evaluate(() => window.scrollTo(0, 0));
        const shortcut = page.locator('nav.jump a', { hasText: 'Synergies' });
        expect((await shortcut.boundingBox())!.y).toBeLessThan(844);
        await shortcut.click();
        await page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
        const finder = (await page.locator('toile-synergy-finder').boundingBox())!;
        expect(finder.y).toBeLessThan(844);
        expect(finder.y + finder.height).toBeGreaterThan(0);
        expect(await scrollWidth(page), 'index.html#synergies').toBeLessThanOrEqual(390);
        await page.locator('[role="tab"]', { hasText: 'Effet domino' }).click();
      }
      if (path === 'index.html' || path === 'domino.html') {
        const simulator = page.locator('toile-domino-simulator');
        await simulator.locator('[part="form"] input[type="search"]').fill('Raffinerie');
        await simulator.locator('[part="sites"] label', { hasText: 'Raffinerie de la Vire-Marine' }).locator('input').check();
        await simulator.locator('[part="actions"] button', { hasText: 'Lancer la simulation' }).click();
        await simulator.locator('[part="results"]').waitFor();
        expect(await scrollWidth(page), `${path} with a domino result`).toBeLessThanOrEqual(390);
      }
      expectClean(watched.log);
      await page.close();
    }
  }, 240_000);

  it('in a dark system the page’s own text keeps its colour inside and around every widget, and the light portal keeps light widgets', async () => {
    const read = async (colorScheme: 'light' | 'dark') => {
      const context = await newContext({ viewport: { width: 1366, height: 900 }, colorScheme });
      const readings: Record<string, unknown> = {};
      // The home page holds all four widgets inside its <toile-data>, with the page's text between them.
      for (const path of ['index.html', 'reseau.html', 'entreprise.html', 'domino.html']) {
        const { page, log } = await open(context, path);
        await page.waitForFunction(() =>
          [...document.querySelectorAll('toile-company-card, toile-network, toile-synergy-finder, toile-domino-simulator')].every(
            (w) => w.shadowRoot?.childElementCount,
          ),
        );
        readings[path] = await page.evaluate(() => {
          const text = [...document.querySelectorAll('main p, main li, main h2, main label, main td')].map((el) => {
            const s = getComputedStyle(el);
            return `${el.closest('toile-data') ? 'inside' : 'around'}: ${s.color} ${s.fontFamily} ${s.fontSize}`;
          });
          const widgets = [...document.querySelectorAll('toile-company-card, toile-network, toile-synergy-finder, toile-domino-simulator')].map(
            (w) => `${w.localName}: ${getComputedStyle(w).backgroundColor} ${getComputedStyle(w).color}`,
          );
          return { text, widgets, inside: text.filter((t) => t.startsWith('inside')).length };
        });
        expectClean(log);
        await page.close();
      }
      return readings;
    };
    const light = await read('light');
    const dark = await read('dark');
    expect(dark).toEqual(light);
    // The check saw the page's text inside <toile-data> on the pages that have some.
    expect((light['index.html'] as { inside: number }).inside).toBeGreaterThan(3);
    expect((light['reseau.html'] as { widgets: string[] }).widgets).toEqual(['toile-network: rgb(255, 255, 255) rgb(29, 36, 48)']);
  }, 240_000);

  it('a page that declares dark (data-theme on <html>) gets dark widgets; the page text is untouched', async () => {
    const context = await newContext({ viewport: { width: 1366, height: 900 } });
    const { page, log } = await open(context, 'index.html');
    const paragraph = () => page.evaluate(() => getComputedStyle(document.querySelector('toile-data p.intro')!).color);
    const before = await paragraph();
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('toile-company-card')!).backgroundColor === 'rgb(18, 22, 29)');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('toile-network')!).backgroundColor === 'rgb(18, 22, 29)');
    expect(await paragraph()).toBe(before);
    expectClean(log);
    await page.close();
  });
});
