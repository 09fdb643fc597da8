/// <reference types="mocha" />
/**
 * <toile-moderation> against a real @toile/server (PGlite, the sample territory), reached through the
 * test server's `/toile-api/<name>` proxy (scripts/wtr-toile-server.mjs): declarations are submitted
 * with the SDK's client, moderated by keyboard in the widget, and the territory read back through the API.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createToileClient, ToileApiError, type BodyOf, type ToileClient } from '@toile/sdk';
import './moderation.ts';
import type { ModerationDecideDetail, ToileModeration } from './moderation.component.ts';
import { startToileServer } from '../base/toile-server.fixture.ts';

interface TestServer {
  api: string;
  token: string;
  territory: string;
}

let server: TestServer;
let agency: ToileClient;
let anonymous: ToileClient;
before(async function () {
  this.timeout(120000);
  server = await startToileServer<TestServer, { name: string }>({ name: 'moderation' });
  agency = createToileClient({ baseURL: server.api, token: server.token, retry: 0 });
  anonymous = createToileClient({ baseURL: server.api, retry: 0 });
});

const HOSTILE = 'Aciers <img src=x onerror="window.__toilePwned=1">';
let counter = 0;
const suffix = () => `${Date.now().toString(36)}-${++counter}`;

/** A new company's declaration: itself, an outside supplier, a flow from it, a flow to the steelworks, an offer. */
function newcomer(s: string): BodyOf<'submitDeclaration'> {
  return {
    establishment: { id: `mod-usine-${s}`, name: `Usinage du Quai ${s}`, naf: '25.62A', location: { lat: 49.45, lon: 0.2 } },
    partners: [{ id: `mod-fourn-${s}`, name: HOSTILE, external: true }],
    flows: [
      { id: `mod-f1-${s}`, from: `mod-fourn-${s}`, to: `mod-usine-${s}`, kind: 'supply', item: { code: 'cpa:24.10', family: 'ferrous-metals' } },
      { id: `mod-f2-${s}`, from: `mod-usine-${s}`, to: 'acierie', kind: 'service', confidentiality: 'public', item: { label: 'Usinage de pièces' } },
    ],
    resources: [{ id: `mod-r1-${s}`, establishment: `mod-usine-${s}`, direction: 'offer', kind: 'byproduct', item: { label: 'Copeaux', code: 'ewc:120101' } }],
    note: 'Bonjour <b>agence</b>',
  };
}

async function mount(template = html`<toile-moderation></toile-moderation>`): Promise<{ el: ToileModeration; root: ShadowRoot }> {
  const el = await fixture<ToileModeration>(template);
  el.api = server.api;
  el.territory = server.territory;
  el.token = server.token;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const section = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`[data-declaration="${id}"]`)!;
const record = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`.record[data-id="${id}"]`)!;
const live = (root: ShadowRoot) => text(root.querySelector('[role="status"][aria-live]'));

/** Presses Tab (or Shift+Tab) until the focused element in the widget matches. */
async function tabTo(root: ShadowRoot, match: (e: Element) => boolean, what: string, back = false): Promise<Element> {
  for (let i = 0; i < 80; i++) {
    const active = root.activeElement;
    if (active && match(active)) return active;
    await sendKeys({ press: back ? 'Shift+Tab' : 'Tab' });
  }
  throw new Error(`never reached by Tab: ${what}`);
}

const inRecord = (id: string, selector: string) => (e: Element) => e.matches(selector) && e.closest('.record')?.getAttribute('data-id') === id;
const isAction = (declaration: string, action: string) => (e: Element) =>
  e.matches(`[data-action="${action}"]`) && e.closest('[data-declaration]')?.getAttribute('data-declaration') === declaration;

/** The 422 the server gives for a set of decisions (nothing is written by it). */
async function refusalOf(declaration: string, decisions: BodyOf<'decideDeclaration'>['decisions']): Promise<{ fr: string; en: string }> {
  try {
    await agency.decideDeclaration(server.territory, declaration, { decisions });
  } catch (error) {
    if (error instanceof ToileApiError && error.report) return error.report.problems.find((p) => p.severity === 'error')!.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('<toile-moderation>', () => {
  it('moderates a declaration by keyboard: a refused flow (422) explained, then accept all but one rejected with a comment, the territory checked', async () => {
    const s = suffix();
    const { id } = await anonymous.submitDeclaration(server.territory, newcomer(s));
    const { el, root } = await mount();
    const decl = section(root, id);
    expect(decl, 'the declaration is in the queue').not.to.equal(null);
    expect(text(decl)).to.contain('Bonjour <b>agence</b>');
    expect(text(record(root, `mod-fourn-${s}`))).to.contain(HOSTILE);
    expect(root.querySelector('img, b')).to.equal(null);
    expect(text(record(root, `mod-usine-${s}`))).to.contain('nouveau');
    expect(text(record(root, `mod-usine-${s}`).querySelector('[part="level"]'))).to.equal('Confidentialité proposée : confidentiel');
    expect(text(record(root, `mod-f2-${s}`).querySelector('[part="level"]'))).to.equal('Confidentialité proposée : public');

    // The flow to the steelworks alone: its end is not accepted, the server refuses.
    decl.querySelector('h3')!.focus();
    await tabTo(root, inRecord(`mod-f2-${s}`, 'input[value="accepted"]'), 'accept the flow');
    await sendKeys({ press: 'Space' });
    await tabTo(root, isAction(id, 'send'), 'send');
    const error = oneEvent(el, 'toile-moderation-error');
    await sendKeys({ press: 'Enter' });
    expect((await error).detail).to.deep.equal({ declaration: id, status: 422, kind: 'invalid' });
    await el.updateComplete;
    const expected = await refusalOf(id, [{ kind: 'flow', id: `mod-f2-${s}`, decision: 'accepted' }]);
    const shown = text(decl.querySelector('[part="error"]'));
    expect(shown).to.contain('Refusé : le territoire ne serait plus valide');
    expect(shown).to.contain(expected.fr);
    await waitUntil(() => live(root).includes('Refusé'), 'the refusal announced');
    expect((await agency.getTerritory(server.territory)).flows.some((f) => f.id === `mod-f2-${s}`)).to.equal(false);

    // Accept all, then the offer rejected (arrow key in its radio group) with a comment.
    decl.querySelector('h3')!.focus();
    await tabTo(root, isAction(id, 'accept-all'), 'accept all');
    await sendKeys({ press: 'Enter' });
    await tabTo(root, inRecord(`mod-r1-${s}`, 'input[type="radio"]'), 'the offer’s decision');
    await sendKeys({ press: 'ArrowRight' });
    expect((root.activeElement as HTMLInputElement).value).to.equal('rejected');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'déjà déclaré' });
    await tabTo(root, isAction(id, 'send'), 'send');
    const decided = oneEvent(el, 'toile-moderation-decide');
    await sendKeys({ press: 'Enter' });
    const detail = (await decided).detail as ModerationDecideDetail;
    expect(detail.status).to.equal('decided');
    expect(detail.decisions.map((d) => `${d.id}:${d.decision}`)).to.deep.equal([
      `mod-usine-${s}:accepted`,
      `mod-fourn-${s}:accepted`,
      `mod-f1-${s}:accepted`,
      `mod-f2-${s}:accepted`,
      `mod-r1-${s}:rejected`,
    ]);
    await el.updateComplete;
    expect(text(decl)).to.contain('Décisions enregistrées');
    expect(text(record(root, `mod-r1-${s}`).querySelector('[part="decision"]')))
      .to.contain('rejeté')
      .and.contain('« déjà déclaré »');
    await waitUntil(() => live(root).includes('4 acceptés, 1 rejeté'), 'the result announced');
    await waitUntil(() => root.activeElement === decl.querySelector('h3'), 'focus kept in the declaration');

    // The territory, read through the API.
    const doc = await agency.getTerritory(server.territory);
    expect(doc.establishments.find((e) => e.id === `mod-usine-${s}`)).to.deep.include({ sources: [id], validated: false, confidentiality: 'confidential' });
    expect(doc.flows.find((f) => f.id === `mod-f2-${s}`)).to.deep.include({ source: id, from: `mod-usine-${s}`, to: 'acierie' });
    expect((doc.resources ?? []).some((r) => r.id === `mod-r1-${s}`)).to.equal(false);
    const { entries } = await agency.getHistory(server.territory, { origin: id, kind: 'resource' });
    expect(entries[0]).to.deep.include({ op: 'reject', comment: 'déjà déclaré' });

    // The decided filter lists it.
    const select = root.querySelector('select')!;
    select.value = 'decided';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.status).to.equal('decided');
    expect(section(root, id)).not.to.equal(null);
  });

  it('shows changed records and duplicates with the fields that differ, current → proposed', async () => {
    const s = suffix();
    const { id } = await anonymous.submitDeclaration(server.territory, {
      establishment: {
        id: 'acierie',
        name: 'Aciérie de l’Estuaire',
        siret: '47608126200018',
        naf: '24.10Z',
        employees: 1500,
        location: { lat: 49.439, lon: 0.18798, address: '47 quai des Docks', postcode: '76990', city: 'Port-Vire', insee: '76991' },
      },
      partners: [{ id: `mod-dup-${s}`, name: 'Aciérie bis', siret: '47608126200018' }],
      flows: [
        {
          id: `mod-slag-${s}`,
          from: 'acierie',
          to: 'cimenterie',
          kind: 'byproduct',
          item: { code: 'ewc:100202', family: 'mineral-waste' },
          quantity: { value: 400000, unit: 't/yr' },
        },
      ],
    });
    const { root } = await mount();
    const own = record(root, 'acierie');
    expect(text(own.querySelector('[part="change"]'))).to.equal('modifié');
    const employees = own.querySelector('tr[data-field="employees"]')!;
    expect([text(employees.querySelector('.before')), text(employees.querySelector('.after'))]).to.deep.equal(['1 450', '1 500']);
    expect(text(record(root, `mod-dup-${s}`).querySelector('[part="change"]'))).to.equal('doublon de Aciérie de l’Estuaire');
    expect(text(record(root, `mod-dup-${s}`))).to.contain('reconnu par SIRET');
    const slag = record(root, `mod-slag-${s}`);
    expect(text(slag.querySelector('[part="change"]'))).to.equal('doublon de f110');
    const quantity = slag.querySelector('tr[data-field="quantity"]')!;
    expect(text(quantity)).to.contain('380 000 t/yr').and.contain('400 000 t/yr');
    const level = slag.querySelector('tr[data-field="confidentiality"]')!;
    expect([text(level.querySelector('.before')), text(level.querySelector('.after'))]).to.deep.equal(['public', 'confidential']);
    expect(text(slag.querySelector('[part="level"]'))).to.contain('confidentiel');
    expect(section(root, id)).not.to.equal(null);
  });

  it('says when a record was decided meanwhile (409) and reloads the queue', async () => {
    const s = suffix();
    const { id } = await anonymous.submitDeclaration(server.territory, newcomer(s));
    const { el, root } = await mount();
    const decl = section(root, id);
    (decl.querySelector('[data-action="reject-all"]') as HTMLButtonElement).click();
    await el.updateComplete;
    // Someone else rejects the offer first.
    await agency.decideDeclaration(server.territory, id, {
      decisions: [{ kind: 'resource', id: `mod-r1-${s}`, decision: 'rejected', comment: 'autre modérateur' }],
    });
    const error = oneEvent(el, 'toile-moderation-error');
    (decl.querySelector('[data-action="send"]') as HTMLButtonElement).click();
    expect((await error).detail).to.deep.include({ status: 409, kind: 'conflict' });
    await el.updateComplete;
    const again = section(root, id);
    const shown = text(again.querySelector('[part="error"]'));
    expect(shown).to.contain('Conflit');
    expect(shown).to.contain(`ressource mod-r1-${s} est déjà décidé`);
    expect(shown).not.to.contain('already decided');
    expect(text(record(root, `mod-r1-${s}`).querySelector('[part="decision"]'))).to.contain('« autre modérateur »');
    // The other choices are kept: sending again now goes through.
    const decided = oneEvent(el, 'toile-moderation-decide');
    (again.querySelector('[data-action="send"]') as HTMLButtonElement).click();
    expect(((await decided).detail as ModerationDecideDetail).decisions).to.have.length(4);
  });

  it('speaks English with lang="en", the server’s English half included', async () => {
    const s = suffix();
    const { id } = await anonymous.submitDeclaration(server.territory, newcomer(s));
    const { el, root } = await mount(html`<toile-moderation lang="en"></toile-moderation>`);
    const decl = section(root, id);
    expect(text(decl.querySelector('[data-action="accept-all"]'))).to.equal('Accept all');
    expect(text(record(root, `mod-usine-${s}`).querySelector('[part="change"]'))).to.equal('new');
    expect(text(record(root, `mod-usine-${s}`).querySelector('[part="level"]'))).to.equal('Proposed confidentiality: confidential');
    (record(root, `mod-f1-${s}`).querySelector('input[value="accepted"]') as HTMLInputElement).click();
    await el.updateComplete;
    const error = oneEvent(el, 'toile-moderation-error');
    (decl.querySelector('[data-action="send"]') as HTMLButtonElement).click();
    await error;
    await el.updateComplete;
    const expected = await refusalOf(id, [{ kind: 'flow', id: `mod-f1-${s}`, decision: 'accepted' }]);
    const shown = text(decl.querySelector('[part="error"]'));
    expect(shown).to.contain('Refused: the territory would no longer be valid');
    expect(shown).to.contain(expected.en);
    expect(shown).not.to.contain(expected.fr);
  });

  it('is accessible (axe), keeps the token out of the markup, and says what is missing', async () => {
    await anonymous.submitDeclaration(server.territory, newcomer(suffix()));
    const { el } = await mount();
    await expect(el).to.be.accessible();
    expect(el.outerHTML).not.to.contain(server.token);
    expect(el.hasAttribute('token')).to.equal(false);
    const bare = await fixture<ToileModeration>(html`<toile-moderation api=${server.api} territory=${server.territory}></toile-moderation>`);
    expect(text(bare.shadowRoot!.querySelector('[part="status"]'))).to.contain('jeton de l’agence');
    bare.token = 'wrong-token';
    await bare.updateComplete;
    expect(text(bare.shadowRoot!.querySelector('[part="status"]'))).to.contain('Accès refusé');
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const s = suffix();
    const { id } = await anonymous.submitDeclaration(server.territory, newcomer(s));
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 600px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/moderation/moderation.ts"></script></head>
        <body><toile-moderation api="${server.api}" territory="${server.territory}"></toile-moderation></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentWindow?.customElements.get('toile-moderation'), 'frame loaded', { timeout: 10000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-moderation') as ToileModeration;
    el.token = server.token;
    await waitUntil(() => el.shadowRoot?.querySelector(`[data-declaration="${id}"]`), 'queue under CSP', { timeout: 10000 });
    const decl = el.shadowRoot!.querySelector(`[data-declaration="${id}"]`)!;
    (decl.querySelector('[data-action="accept-all"]') as HTMLButtonElement).click();
    await el.updateComplete;
    (decl.querySelector('[data-action="send"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el.shadowRoot!.querySelector(`[data-declaration="${id}"] .notice`)).includes('5 acceptés'), 'decided under CSP', {
      timeout: 10000,
    });
    const table = el.shadowRoot!.querySelector('table')!;
    expect(frame.contentWindow!.getComputedStyle(table).borderCollapse).to.equal('collapse');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });
});
