/**
 * The example portal in a real browser: `npm start` serves it with vite (here on 127.0.0.1, a free
 * port, a fresh dependency cache), and each page is loaded, read and used as a visitor would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseInList, launchChromium, networkListSize, waitForData, waitForNetwork, waitForText, watchedPage, type PageLog } from './browser.ts';
import { startPortal, type Portal } from './portal-server.ts';

let portal: Portal;
let browser: Browser;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  portal = await startPortal();
  base = portal.base;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

/** Nothing went wrong on the page: no console error, no uncaught exception, no request elsewhere, no 4xx/5xx. */
function expectClean(log: PageLog): void {
  expect(log.errors).toEqual([]);
  expect(log.external).toEqual([]);
  expect(log.failed).toEqual([]);
}

async function open(path: string, inContext = context): Promise<{ page: Page; log: PageLog }> {
  const watched = await watchedPage(inContext);
  await watched.page.goto(new URL(path, base).href);
  await waitForData(watched.page);
  return watched;
}

describe('the example portal', () => {
  it('home: header, key figures, the network drawn with data and the card of the preselected company', async () => {
    const { page, log } = await open('index.html');
    await expect(page.title()).resolves.toContain('CCI Estuaire Vire-Marine');
    // Navigation to the five other pages, the current one marked.
    await expect(page.locator('.site-nav a').count()).resolves.toBe(6);
    await expect(page.locator('.site-nav a[aria-current="page"]').getAttribute('href')).resolves.toBe('./index.html');
    // Figures counted from the public part of the sample territory.
    await page.waitForFunction(() => document.querySelector('[data-figure="establishments"]')?.textContent !== '—');
    const establishments = Number((await page.locator('[data-figure="establishments"]').textContent())!.replace(/\D/g, ''));
    expect(establishments).toBeGreaterThan(50);
    await waitForNetwork(page);
    const nodes = await page.evaluate(() => document.querySelector('toile-network')!.cytoscape!.nodes().length);
    expect(nodes).toBeGreaterThan(80);
    // page.locator pierces shadow roots: the network's list and canvas, the card's heading.
    expect(await networkListSize(page)).toBeGreaterThan(80);
    await expect(page.locator('toile-network canvas').count()).resolves.toBeGreaterThan(0);
    await waitForText(page, 'toile-company-card h2', 'Aciérie de l’Estuaire');
    expectClean(log);
    await page.close();
  });

  it('selecting a company in the network list updates the company card', async () => {
    const { page, log } = await open('index.html');
    await chooseInList(page, 'Papeterie des Marais');
    await waitForText(page, 'toile-company-card h2', 'Papeterie des Marais');
    await expect(page.locator('toile-data').getAttribute('selected')).resolves.toBe('papeterie');
    // The card lists the company's partners as links; a plain click opens the partner's card in place.
    const partner = page.locator('toile-company-card a.partner').first();
    const name = (await partner.textContent())!.trim();
    await partner.click();
    await waitForText(page, 'toile-company-card h2', name);
    expectClean(log);
    await page.close();
  });

  it('switches to English: lang on <main>, page text and widgets in English, back to French', async () => {
    // Its own context: the choice is stored (localStorage) and must not leak into the other tests.
    const own = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, log } = await open('index.html', own);
    await waitForNetwork(page);
    await page.locator('button[data-set-lang="en"]').click();
    await expect(page.locator('main').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1 [lang="en"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('h1 [lang="fr"]').isVisible()).resolves.toBe(false);
    await waitForText(page, 'toile-network label.search', 'Search an establishment');
    await waitForText(page, 'toile-company-card h3', /^Suppliers$/);
    // The choice is kept when moving to another page.
    await page.goto(new URL('entreprise.html', base).href);
    await waitForData(page);
    await expect(page.locator('main').getAttribute('lang')).resolves.toBe('en');
    await waitForText(page, 'toile-company-card h3', /^Suppliers$/);
    await page.locator('button[data-set-lang="fr"]').click();
    await waitForText(page, 'toile-company-card h3', /^Fournisseurs$/);
    expectClean(log);
    await own.close();
  });

  it('network page: the whole web, two levels around the selection; the layout attribute redraws it', async () => {
    const { page, log } = await open('reseau.html');
    await waitForNetwork(page, '#toile');
    type Net = HTMLElement & { cytoscape: { nodes(): unknown[]; getElementById(id: string): { position(): { x: number; y: number } } } };
    expect(await page.evaluate(() => (document.getElementById('toile') as Net).cytoscape.nodes().length)).toBeGreaterThan(80);
    const geo = await page.evaluate(() => (document.getElementById('toile') as Net).cytoscape.getElementById('raffinerie').position());
    // The layout is an attribute: a host page may change it as well as the widget's own menu.
    await page.locator('#toile').evaluate((el) => el.setAttribute('layout', 'sector'));
    await page.waitForFunction((before) => {
      const p = (document.getElementById('toile') as Net).cytoscape.getElementById('raffinerie').position();
      return p.x !== before.x || p.y !== before.y;
    }, geo);
    expectClean(log);
    await page.close();
  });

  it('company page: a picker and an address per card (?id=)', async () => {
    const { page, log } = await open('entreprise.html?id=papeterie');
    await waitForText(page, 'toile-company-card h2', 'Papeterie des Marais');
    await expect(page.locator('#picker').inputValue()).resolves.toBe('papeterie');
    await page.locator('#picker').selectOption('sucrerie');
    await waitForText(page, 'toile-company-card h2', 'Sucrerie du Plateau');
    expectClean(log);
    await page.close();
  });

  it(`synergy finder, on the home page and its own page, lists candidates`, async () => {
    // On the home page the finder is one tab away from the card; #synergies opens its tab.
    const { page, log } = await open('index.html#synergies');
    await page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
    expect(await page.locator('toile-synergy-finder [part="table"] tbody tr').count()).toBeGreaterThan(0);
    await page.close();
    const own = await open('synergies.html');
    await own.page.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
    await expect(own.page.locator('#finder').getAttribute('establishment')).resolves.toBe('acierie');
    await waitForText(own.page, 'toile-synergy-finder [part="table"] caption', 'Aciérie de l’Estuaire');
    // The establishment is an attribute: the host page may change it.
    await own.page.locator('#finder').evaluate((el) => el.setAttribute('establishment', 'papeterie'));
    await waitForText(own.page, 'toile-synergy-finder [part="table"] caption', 'Papeterie des Marais');
    // Choosing a candidate selects the partner: the card beside the finder shows it.
    await own.page.locator('toile-synergy-finder [part="table"] tbody tr button').first().click();
    await own.page.waitForFunction(() => document.querySelector('toile-data')!.selected !== null);
    await own.page.locator('toile-company-card h2').waitFor();
    expectClean(log);
    expectClean(own.log);
    await own.page.close();
  });

  it(`domino simulator: closing the refinery paints the network of the same source`, async () => {
    for (const path of ['index.html#domino', 'domino.html']) {
      const { page, log } = await open(path);
      const simulator = page.locator('toile-domino-simulator');
      // The network draws when it comes into view (on domino.html, below the simulator).
      await page.locator('toile-network').scrollIntoViewIfNeeded();
      await waitForNetwork(page);
      const refineryColour = () =>
        page.evaluate(() => String(document.querySelector('toile-network')!.cytoscape!.getElementById('raffinerie').style('background-color')));
      const before = await refineryColour();
      // As a visitor: search the site, tick it, run.
      await simulator.locator('[part="form"] input[type="search"]').fill('Raffinerie');
      await simulator.locator('[part="sites"] label', { hasText: 'Raffinerie de la Vire-Marine' }).locator('input').check();
      await simulator.locator('[part="actions"] button', { hasText: 'Lancer la simulation' }).click();
      await simulator.locator('[part="results"]').waitFor();
      // The closed refinery carries the overlay's top value (1) and is repainted from its sector
      // colour to the overlay's (the palette itself is the network's business).
      await page.waitForFunction(() => document.querySelector('toile-network')!.overlayValues?.get('raffinerie') === 1);
      await page.waitForFunction(
        (was) => String(document.querySelector('toile-network')!.cytoscape!.getElementById('raffinerie').style('background-color')) !== was,
        before,
      );
      await waitForText(simulator, '[part="status"]', /\d/);
      expectClean(log);
      await page.close();
    }
  });

  it('embedding page: the snippets are shown as text, none of them runs', async () => {
    const watched = await watchedPage(context);
    await watched.page.goto(new URL('integrer.html', base).href);
    const snippets = await watched.page.locator('pre code').allTextContents();
    expect(snippets.length).toBeGreaterThanOrEqual(6);
    expect(snippets.join('\n')).toContain('<script type="module" src="/toile/toile.js"></script>');
    expect(snippets.join('\n')).toContain('<toile-data src="/donnees/toile-estuaire.json">');
    // Shown, not rendered: the page holds no Toile element.
    expect(await watched.page.evaluate(() => document.querySelectorAll('toile-data, toile-network').length)).toBe(0);
    expectClean(watched.log);
    await watched.page.close();
  });

  it('every page answers and loads without errors', async () => {
    for (const path of ['reseau.html', 'entreprise.html', 'synergies.html', 'domino.html']) {
      const { page, log } = await open(path);
      await expect(page.locator('.site-nav a[aria-current="page"]').getAttribute('href')).resolves.toBe(`./${path}`);
      expectClean(log);
      await page.close();
    }
  });
});
