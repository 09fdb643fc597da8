/**
 * Screenshots of the widgets for the documentation: runs the example portal (vite, 127.0.0.1, a
 * free port) in headless Chromium and writes one PNG per widget into docs/screenshots/.
 *
 *   cd examples && npx tsx scripts/screenshots.ts      (or: pnpm --filter @toile/examples run screenshots)
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { Page } from 'playwright-core';
import { launchChromium, waitForData, waitForNetwork } from '../e2e/browser.ts';
import { generateMapTerritory } from '@toile/testkit';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
await mkdir(out, { recursive: true });

const server = await createServer({
  configFile: fileURLToPath(new URL('../portal/vite.config.ts', import.meta.url)),
  logLevel: 'error',
  // No hot reload and no file watching: an edit elsewhere must not reload a page under test.
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
});
await server.listen();
const base = server.resolvedUrls!.local[0]!;
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: 'light' });
// Nothing but the portal's own host, as in the tests; a generated 20,000-establishment territory
// (the widgets' test fixture: fictional communes, sectors and flows) served beside the portal.
const GENERATED = JSON.stringify(generateMapTerritory(20_000));
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.hostname !== '127.0.0.1') return route.abort();
  if (url.pathname === '/generated-20000.toile.json') return route.fulfill({ contentType: 'application/json', body: GENERATED });
  return route.continue();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(path, base).href);
  await waitForData(page);
  return page;
}

async function shoot(page: Page, selector: string, name: string): Promise<void> {
  const element = page.locator(selector).first();
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path: `${out}${name}.png`, animations: 'disabled' });
  console.log(`docs/screenshots/${name}.png`);
}

try {
  // The home page as a visitor first sees it.
  const home = await open('index.html');
  await waitForNetwork(home);
  await home.screenshot({ path: `${out}portal.png`, animations: 'disabled' });
  console.log('docs/screenshots/portal.png');

  // <toile-network>: the geographic layout, the steelworks selected (its partners stay bright).
  await shoot(home, 'toile-network', 'network');
  await home.close();

  // <toile-network>: the value-chain layout (columns by stage along the flows).
  const chain = await open('reseau.html');
  await waitForNetwork(chain);
  await chain.locator('toile-network').evaluate((net) => net.setAttribute('layout', 'chain'));
  await chain.waitForFunction(() => ((document.querySelector('toile-network') as unknown as { shownLabels: number }).shownLabels ?? 0) > 0);
  await chain.waitForTimeout(500);
  await shoot(chain, 'toile-network', 'network-chain');
  await chain.close();

  // <toile-network> on 20,000 establishments: the aggregated view (clusters by commune).
  const large = await open('index.html');
  await large.evaluate(() => {
    const data = document.createElement('toile-data');
    data.setAttribute('src', '/generated-20000.toile.json');
    data.id = 'generated';
    const net = document.createElement('toile-network');
    net.style.setProperty('--toile-network-height', '560px');
    data.append(net);
    document.querySelector('main')!.prepend(data);
  });
  await waitForNetwork(large, '#generated toile-network');
  await large.waitForFunction(() => ((document.querySelector('#generated toile-network') as unknown as { shownLabels: number }).shownLabels ?? 0) > 0);
  await large.waitForTimeout(500);
  await shoot(large, '#generated toile-network', 'network-20k');
  await large.close();

  // <toile-company-card>: the refinery's card.
  const card = await open('entreprise.html?id=raffinerie');
  await card.locator('toile-company-card h2').waitFor();
  await shoot(card, 'toile-company-card', 'company-card');
  await card.close();

  // <toile-synergy-finder>: the steelworks' candidates.
  const synergies = await open('synergies.html');
  await synergies.locator('toile-synergy-finder [part="table"] tbody tr').first().waitFor();
  await shoot(synergies, 'toile-synergy-finder', 'synergy-finder');
  await synergies.close();

  // <toile-domino-simulator>: the refinery closed, cascade model; then the network it painted.
  const domino = await open('domino.html');
  const simulator = domino.locator('toile-domino-simulator');
  await simulator.locator('[part="form"] input[type="search"]').fill('Raffinerie');
  await simulator.locator('[part="sites"] label', { hasText: 'Raffinerie de la Vire-Marine' }).locator('input').check();
  await simulator.locator('[part="form"] input[type="search"]').fill('');
  await simulator.locator('[part="actions"] button.primary').click();
  await simulator.locator('[part="results"]').waitFor();
  await shoot(domino, 'toile-domino-simulator', 'domino-simulator');
  await domino.locator('toile-network').scrollIntoViewIfNeeded();
  await waitForNetwork(domino);
  await shoot(domino, 'toile-network', 'network-domino');
  await domino.close();
} finally {
  await browser.close();
  await server.close();
}
