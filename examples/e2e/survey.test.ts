/**
 * Issue #14, end to end in Chromium: a company opens its invitation link and fills the declaration
 * form with the keyboard alone; the agency accepts two records and rejects one in its moderation
 * queue (keyboard too); the public page's network shows the accepted public flow and nothing of the
 * confidential one; the API server restarts and everything is still there. The whole run twice: on
 * the embedded PostgreSQL (PGlite files) and on a real PostgreSQL server.
 *
 * The pages are those of examples/survey (vite on 127.0.0.1, the API behind `/api` on their origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createToileClient, type ToileClient } from '@toile/sdk';
import { startPostgresCluster, type PostgresCluster } from '@toile/testkit/postgres';
import { startSurvey, TERRITORY, type Survey } from '../survey/serve.ts';
import { launchChromium, waitForData, waitForNetwork, watchedPage, type PageLog } from './browser.ts';

const TOKEN = 'e2e-agency-token-0123456789';

/** What has the focus, shadow roots pierced. */
interface Focused {
  id: string;
  text: string;
  value: string;
  pick: string;
  record: string;
  action: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const h = el as HTMLElement | null;
    return {
      id: h?.id ?? '',
      text: (h?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      value: (h as HTMLInputElement | null)?.value ?? '',
      pick: h?.classList.contains('pick') ? (h.dataset['id'] ?? '') : '',
      record: h?.closest('.record')?.getAttribute('data-id') ?? '',
      action: h?.dataset['action'] ?? '',
    };
  });
}

/** Presses Tab until the focused element matches (keyboard only: no click, no focus()). */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string): Promise<Focused> {
  for (let i = 0; i < 150; i++) {
    const now = await focused(page);
    if (match(now)) return now;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached by Tab: ${what}`);
}
const byId = (id: string) => (f: Focused) => f.id === id;

/** The company's part: its invitation link, the form by keyboard, the receipt. */
async function declare(page: Page, survey: Survey, invitation: string): Promise<string> {
  await page.goto(`${survey.base}declarer.html#invitation=${invitation}`);
  await page.waitForFunction(() => document.querySelector('toile-declaration-form')?.shadowRoot?.querySelector('#est-search'));
  // The token leaves the address bar at once.
  expect(page.url()).not.toContain(invitation);
  // The company finds itself in the territory.
  await tabTo(page, byId('est-search'), 'the establishment search');
  await page.keyboard.type('Brasserie des Docks');
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.pick === 'brasserie', 'the brasserie in the results');
  await page.keyboard.press('Enter');
  // A customer in the territory, public: pallets back to the reuse workshop.
  const customer = await addPartner(page, 'add-customer', 'Palettes Réemploi', 'palettes', 'Palettes de malt usagées');
  await tabTo(page, byId(`${customer}-conf`), 'the customer flow’s level');
  await page.keyboard.type('pub');
  // A supplier, left confidential (the default).
  await addPartner(page, 'add-supplier', 'Minoterie du Môle', 'minoterie', 'Son de blé');
  await tabTo(page, (f) => f.text === 'Envoyer la déclaration', 'the send button');
  await page.keyboard.press('Enter');
  const receipt = page.locator('toile-declaration-form [part="receipt"]');
  await receipt.waitFor();
  const id = /n° (decl-[0-9a-f]+)/.exec((await receipt.textContent()) ?? '')?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

/** Adds a supplier or customer picked from the territory, with a by-product flow; returns its key. */
async function addPartner(page: Page, button: string, query: string, partner: string, label: string): Promise<string> {
  await tabTo(page, byId(button), button);
  await page.keyboard.press('Enter');
  const key = (await focused(page)).id.replace(/-role-(customer|supplier)$/, '');
  await tabTo(page, byId(`${key}-partner`), 'the partner search');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.pick === partner, `${partner} in the results`);
  await page.keyboard.press('Enter');
  await tabTo(page, byId(`${key}-kind`), 'the flow’s kind');
  await page.keyboard.type('Cop');
  await tabTo(page, byId(`${key}-label`), 'the flow’s label');
  await page.keyboard.type(label);
  return key;
}

/** The agency's part: its token typed in, then accept both flows and reject the establishment's change. */
async function moderate(page: Page, survey: Survey, declaration: string, agency: ToileClient): Promise<{ open: string; closed: string }> {
  const review = (await agency.listDeclarations(TERRITORY, { limit: 200 })).items.find((d) => d.id === declaration)!;
  const flows = review.records.filter((r) => r.kind === 'flow');
  const open = flows.find((r) => r.proposed.confidentiality === 'public')!.id;
  const closed = flows.find((r) => r.proposed.confidentiality === 'confidential')!.id;
  expect(review.records.map((r) => `${r.kind}:${r.change}`)).toEqual(['establishment:changed', 'flow:new', 'flow:new']);
  await page.goto(`${survey.base}agence.html`);
  await tabTo(page, byId('token'), 'the token field');
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  await page.locator(`toile-moderation [data-declaration="${declaration}"]`).waitFor();
  // The establishment's change (its level, made confidential by default) is rejected: arrow to « Rejeter ».
  await tabTo(page, (f) => f.record === 'brasserie' && f.value === 'accepted', 'the establishment’s decision');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.type('fiche déjà à jour');
  for (const id of [open, closed]) {
    await tabTo(page, (f) => f.record === id && f.value === 'accepted', `accept ${id}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, (f) => f.action === 'send', 'send the decisions');
  await page.keyboard.press('Enter');
  await page.locator('toile-moderation [role="status"]', { hasText: '2 acceptés, 1 rejeté' }).waitFor();
  return { open, closed };
}

/** The public page: what its `<toile-data>` (read from the API, no token) holds and its network draws. */
async function publicView(page: Page, survey: Survey): Promise<{ flows: string[]; text: string; edges: string[] }> {
  await page.goto(`${survey.base}publique.html`);
  await waitForData(page);
  await waitForNetwork(page);
  return page.evaluate(() => {
    const data = document.querySelector('toile-data') as HTMLElement & { value?: { document: { flows: { id: string }[] } } };
    const network = document.querySelector('toile-network') as HTMLElement & {
      cytoscape?: { edges(): { map<T>(f: (e: { data(k: string): string }) => T): T[] } };
    };
    const doc = data.value!.document;
    return {
      flows: doc.flows.map((f) => f.id),
      text: JSON.stringify(doc),
      edges: network.cytoscape?.edges().map((e) => `${e.data('source')}>${e.data('target')}`) ?? [],
    };
  });
}

function expectClean(log: PageLog): void {
  expect(log.errors).toEqual([]);
  expect(log.violations).toEqual([]);
  expect(log.external).toEqual([]);
}

for (const engine of ['pglite', 'postgres'] as const) {
  describe(`a survey, from the invitation to the public page (${engine})`, () => {
    let cluster: PostgresCluster | undefined;
    let survey: Survey;
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      if (engine === 'postgres') cluster = await startPostgresCluster();
      survey = await startSurvey({ token: TOKEN, database: cluster?.url });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(30_000);
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await survey?.close();
      cluster?.stop();
    });

    it('a company declares by keyboard, the agency moderates, the public sees only what is public, a restart keeps it all', async () => {
      const agency = createToileClient({ baseURL: survey.api, token: TOKEN, retry: 0 });
      const invitation = await agency.createInvitation(TERRITORY, { establishment: 'brasserie', label: 'Brasserie des Docks' });

      const company = await watchedPage(context);
      const declaration = await declare(company.page, survey, invitation.token);
      expectClean(company.log);

      const agent = await watchedPage(context);
      const { open, closed } = await moderate(agent.page, survey, declaration, agency);
      expectClean(agent.log);

      // The territory: both flows in, with the declaration as source; the establishment unchanged (still public).
      const doc = await agency.getTerritory(TERRITORY);
      expect(doc.flows.find((f) => f.id === open)).toMatchObject({
        from: 'brasserie',
        to: 'palettes',
        source: declaration,
        validated: false,
        confidentiality: 'public',
      });
      expect(doc.flows.find((f) => f.id === closed)).toMatchObject({ from: 'minoterie', to: 'brasserie', confidentiality: 'confidential' });
      expect(doc.establishments.find((e) => e.id === 'brasserie')?.confidentiality).toBeUndefined();

      const visitor = await watchedPage(context);
      const seen = await publicView(visitor.page, survey);
      expect(seen.flows).toContain(open);
      expect(seen.flows).not.toContain(closed);
      expect(seen.text).not.toContain('Son de blé');
      expect(seen.edges).toContain('brasserie>palettes');
      expect(seen.edges).not.toContain('minoterie>brasserie');
      expectClean(visitor.log);

      // The API server stops and starts again on the same database: nothing is lost.
      await survey.stopApi();
      await survey.restartApi();
      const again = await publicView(visitor.page, survey);
      expect(again.flows).toEqual(seen.flows);
      const history = await agency.getHistory(TERRITORY, { origin: declaration });
      expect(history.entries.map((e) => `${e.op}:${e.id}`).sort()).toEqual(
        [`create:${closed}`, `create:${open}`, 'reject:brasserie', `update:${TERRITORY}`].sort(),
      );
      expect(history.entries.find((e) => e.id === 'brasserie')?.comment).toBe('fiche déjà à jour');
    }, 240_000);
  });
}
