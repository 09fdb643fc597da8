/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createToileClient, type ToileClient } from '@toile/sdk';
import './declaration-form.ts';
import type { DeclarationErrorDetail, DeclarationSubmitDetail, ToileDeclarationForm } from './declaration-form.component.ts';
import { draftKey } from './storage.ts';
import { startToileServer } from '../base/toile-server.fixture.ts';

// Every test here talks to the real API server (@toile/server on PGlite, the sample territory
// imported), started by the test runner (scripts/wtr-toile-server.mjs) and reached through the test
// page's origin.
interface Started {
  /** The server through the test page's origin. */
  api: string;
  /** The server itself, on another origin. */
  url: string;
  token: string;
  territory: string;
}

/** What a test may ask of its server. */
interface ServerRequest {
  name: string;
  corsOrigins?: string[];
  declarationLimits?: { perAddressPerHour: number; perHour: number };
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const absolute = (api: string) => new URL(api, location.href).href;

function forget(): void {
  for (const s of [localStorage, sessionStorage]) for (const k of Object.keys(s)) if (k.startsWith('toile-declaration')) s.removeItem(k);
}

const $ = <E extends Element = HTMLElement>(root: ShadowRoot, selector: string) => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

/** What has the focus inside the form: its id, else its tag and text. */
function focused(root: ShadowRoot): string {
  const el = root.activeElement as HTMLElement | null;
  if (!el) return '(none)';
  return el.id || `${el.localName}:${text(el)}`;
}

/** Presses Tab and checks where the focus lands. */
async function tabTo(el: ToileDeclarationForm, root: ShadowRoot, expected: string) {
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
  expect(focused(root)).to.equal(expected);
}

async function typed(el: ToileDeclarationForm, value: string) {
  await sendKeys({ type: value });
  await el.updateComplete;
}

async function press(el: ToileDeclarationForm, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

async function typeInto(el: ToileDeclarationForm, root: ShadowRoot, selector: string, value: string) {
  const input = $<HTMLInputElement>(root, selector);
  input.focus();
  input.select();
  await typed(el, value);
}

async function click(el: ToileDeclarationForm, root: ShadowRoot, selector: string) {
  $(root, selector).click();
  await el.updateComplete;
}

function choose(el: ToileDeclarationForm, root: ShadowRoot, selector: string, value: string) {
  const select = $<HTMLSelectElement>(root, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  return el.updateComplete;
}

/** Runs the territory search of a field and picks the result with that id. */
async function pick(el: ToileDeclarationForm, root: ShadowRoot, field: string, query: string, id: string) {
  await typeInto(el, root, `#${field}`, query);
  await press(el, 'Enter');
  await waitUntil(() => root.querySelector(`button.pick[data-id="${id}"]`), `${id} found`, { timeout: 10000 });
  await click(el, root, `button.pick[data-id="${id}"]`);
}

async function declarationsOf(client: ToileClient, territory: string) {
  return (await client.listDeclarations(territory, { status: 'pending', limit: 200 })).items;
}

describe('<toile-declaration-form> with the API server', function () {
  let server: Started;
  let agency: ToileClient;

  before(async function () {
    // PGlite's start and the sample's import take a while on two shared cores.
    this.timeout(240000);
    server = await startToileServer<Started, ServerRequest>({ name: 'default' });
    agency = createToileClient({ baseURL: absolute(server.api), token: server.token });
  });
  beforeEach(forget);
  afterEach(forget);

  async function mount(extra: { invitation?: string; lang?: string; api?: string; territory?: string } = {}) {
    const el = await fixture<ToileDeclarationForm>(
      html`<toile-declaration-form
        api=${extra.api ?? server.api}
        territory=${extra.territory ?? server.territory}
        lang=${extra.lang ?? 'fr'}
        .invitation=${extra.invitation ?? null}
      ></toile-declaration-form>`,
    );
    await el.updateComplete;
    return { el, root: el.shadowRoot! };
  }

  it('is filled in and sent with the keyboard alone: focus order, Enter and Space, the receipt read back from the server', async function () {
    this.timeout(60000);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button id="before">avant</button><toile-declaration-form api=${server.api} territory=${server.territory}></toile-declaration-form></div>`,
    );
    const el = wrapper.querySelector('toile-declaration-form')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    // The notice's levels, then the establishment: search, SIRET, name, NAF, location, confidentiality.
    await tabTo(el, root, 'summary:Les trois niveaux de confidentialité');
    await press(el, 'Enter');
    expect($<HTMLDetailsElement>(root, 'details').open).to.equal(true);
    await tabTo(el, root, 'est-search');
    await tabTo(el, root, 'button:Rechercher');
    await tabTo(el, root, 'est-siret');
    await typed(el, '44306184100047');
    await tabTo(el, root, 'est-name');
    await typed(el, 'Chaudronnerie Clavier');
    await tabTo(el, root, 'est-naf');
    await typed(el, 'structures metalliques');
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    expect(el.declaration.establishment.naf).to.match(/^25\.\d\d[A-Z]$/);
    await tabTo(el, root, 'button:×');
    for (const id of ['est-address', 'est-postcode', 'est-city', 'est-lat']) await tabTo(el, root, id);
    await typed(el, '49,4391');
    await tabTo(el, root, 'est-lon');
    await typed(el, '0,1881');
    await tabTo(el, root, 'est-conf');
    // Offers and needs: Enter on « Ajouter une offre » puts the focus in the new offer.
    await tabTo(el, root, 'add-offer');
    await press(el, 'Enter');
    const offer = el.declaration.resources![0]!.id.split('-').at(-1)!;
    expect(focused(root)).to.equal(`${offer}-direction-offer`);
    await tabTo(el, root, `${offer}-kind`);
    await typed(el, 'Cop');
    await tabTo(el, root, `${offer}-label`);
    await typed(el, 'Chutes d’inox');
    await tabTo(el, root, `${offer}-material`);
    await typed(el, '12 01 01');
    await press(el, 'Enter');
    await tabTo(el, root, 'button:×');
    await tabTo(el, root, `${offer}-value`);
    await typed(el, '12,5');
    await tabTo(el, root, `${offer}-unit`);
    await typed(el, 't/a');
    await tabTo(el, root, `${offer}-availability`);
    await tabTo(el, root, `${offer}-conf`);
    await tabTo(el, root, `${offer}-remove`);
    await tabTo(el, root, 'add-offer');
    await tabTo(el, root, 'add-need');
    // Suppliers and customers: Space on « Ajouter un client », then a named customer.
    await tabTo(el, root, 'add-supplier');
    await tabTo(el, root, 'add-customer');
    await press(el, 'Space');
    const customer = el.declaration.flows![0]!.id.split('-').at(-1)!;
    expect(focused(root)).to.equal(`${customer}-role-customer`);
    await tabTo(el, root, `${customer}-partner`);
    await tabTo(el, root, 'button:Rechercher');
    await tabTo(el, root, `${customer}-partner-name`);
    await typed(el, 'Négoce Normand des Métaux');
    await tabTo(el, root, `${customer}-partner-city`);
    await typed(el, 'Rouen');
    await tabTo(el, root, `${customer}-kind`);
    await typed(el, 'Cop');
    for (const id of ['label', 'material', 'value', 'unit', 'conf', 'remove']) await tabTo(el, root, `${customer}-${id}`);
    for (const id of ['add-supplier', 'add-customer', 'note']) await tabTo(el, root, id);
    await typed(el, 'Joignable le matin.');
    await tabTo(el, root, 'button:Envoyer la déclaration');
    const sent = oneEvent(el, 'toile-declaration-submit');
    await press(el, 'Space');
    const { detail } = (await sent) as CustomEvent<DeclarationSubmitDetail>;
    await el.updateComplete;
    expect(detail.status).to.equal('pending');
    // The establishment, the named partner, the offer, the flow.
    expect(detail.records).to.equal(4);
    expect(focused(root)).to.equal('receipt');
    expect(text($(root, '[part="receipt"]'))).to.contain(`Déclaration reçue (n° ${detail.id}, 4 éléments)`);
    expect(text($(root, '[part="status"]'))).to.contain('rien n’est publié avant sa validation');
    expect(localStorage.getItem(draftKey(absolute(server.api), server.territory, null))).to.equal(null);

    // What the agency reads: every record as typed, confidential, the flow from the company to its customer.
    const review = (await declarationsOf(agency, server.territory)).find((d) => d.id === detail.id)!;
    expect(review.note).to.equal('Joignable le matin.');
    const proposed = Object.fromEntries(
      review.records.map((r) => [r.kind === 'establishment' && r.id.endsWith('-p') ? 'partner' : r.kind, r.proposed as Record<string, unknown>]),
    );
    expect(proposed['establishment']).to.deep.include({ name: 'Chaudronnerie Clavier', siret: '44306184100047', confidentiality: 'confidential' });
    expect(proposed['establishment']!['location']).to.deep.equal({ lat: 49.4391, lon: 0.1881 });
    expect(proposed['partner']).to.deep.include({ name: 'Négoce Normand des Métaux', external: true, confidentiality: 'confidential' });
    expect(proposed['resource']).to.deep.include({ direction: 'offer', kind: 'byproduct', confidentiality: 'confidential' });
    expect(proposed['resource']!['item']).to.deep.equal({ label: 'Chutes d’inox', code: 'ewc:120101' });
    expect(proposed['resource']!['quantity']).to.deep.equal({ value: 12.5, unit: 't/yr' });
    expect(proposed['flow']).to.deep.include({ kind: 'byproduct', confidentiality: 'confidential' });
    expect(proposed['flow']!['from']).to.equal((proposed['establishment'] as { id: string }).id);
    expect(proposed['flow']!['to']).to.equal((proposed['partner'] as { id: string }).id);
  });

  it('lets a company pick itself from the territory (its id kept) and its partners from the territory or by name', async function () {
    this.timeout(60000);
    const { el, root } = await mount();
    await pick(el, root, 'est-search', 'aciérie', 'acierie');
    expect(text($(root, '[part="picked"]'))).to.contain('Aciérie de l’Estuaire');
    expect($<HTMLInputElement>(root, '#est-siret').value).to.equal('47608126200018');
    expect(focused(root)).to.equal('est-siret');
    await click(el, root, '#add-supplier');
    const supplier = el.declaration.flows![0]!.id.split('-').at(-1)!;
    // The company itself is never offered as its own partner.
    await typeInto(el, root, `#${supplier}-partner`, 'Port-Vire');
    await press(el, 'Enter');
    await waitUntil(() => root.querySelectorAll(`[data-key="${supplier}"] button.pick`).length > 0, 'partners found', { timeout: 10000 });
    expect(root.querySelector(`[data-key="${supplier}"] button.pick[data-id="acierie"]`)).to.equal(null);
    await pick(el, root, `${supplier}-partner`, 'raffinerie', 'raffinerie');
    expect(focused(root)).to.equal(`${supplier}-partner`);
    await choose(el, root, `#${supplier}-kind`, 'energy');
    await click(el, root, '#add-customer');
    const customer = el.declaration.flows![1]!.id.split('-').at(-1)!;
    await typeInto(el, root, `#${customer}-partner-name`, 'Forges de Bretagne');
    await choose(el, root, `#${customer}-kind`, 'supply');
    await choose(el, root, `#${customer}-conf`, 'partners');
    await click(el, root, '#add-need');
    const need = el.declaration.resources![0]!.id.split('-').at(-1)!;
    await choose(el, root, `#${need}-kind`, 'water');
    await typeInto(el, root, `#${need}-label`, 'Eau industrielle');

    const declaration = el.declaration;
    expect(declaration.establishment.id).to.equal('acierie');
    expect(declaration.flows!.map((f) => [f.from, f.to, f.confidentiality])).to.deep.equal([
      ['raffinerie', 'acierie', 'confidential'],
      ['acierie', declaration.partners![0]!.id, 'partners'],
    ]);
    expect(declaration.partners).to.deep.equal([
      { id: `${declaration.flows![1]!.id}-p`, name: 'Forges de Bretagne', external: true, confidentiality: 'partners' },
    ]);
    expect(declaration.resources![0]).to.deep.include({ establishment: 'acierie', direction: 'need', kind: 'water' });

    const receipt = await el.submit();
    expect(receipt?.records).to.equal(5);
    const review = (await declarationsOf(agency, server.territory)).find((d) => d.id === receipt!.id)!;
    const own = review.records.find((r) => r.kind === 'establishment' && r.id === 'acierie')!;
    expect(own.target).to.equal('acierie');
    expect(own.matchedBy).to.equal('id');
  });

  it('puts the server’s problems on their fields, in the form’s language', async function () {
    this.timeout(60000);
    const { el, root } = await mount();
    await typeInto(el, root, '#est-name', 'Atelier des Essais');
    await click(el, root, '#add-offer');
    const offer = el.declaration.resources![0]!.id.split('-').at(-1)!;
    await choose(el, root, `#${offer}-kind`, 'byproduct');
    // A code of the right shape that the European List of Waste does not have: only the server knows.
    await typeInto(el, root, `#${offer}-material`, 'ewc:999999');
    await press(el, 'Escape');
    await press(el, 'Enter');
    await click(el, root, '#add-customer');
    const customer = el.declaration.flows![0]!.id.split('-').at(-1)!;
    await typeInto(el, root, `#${customer}-partner-name`, 'Client');
    await choose(el, root, `#${customer}-kind`, 'byproduct');
    await typeInto(el, root, `#${customer}-material`, '99 99 98');
    await press(el, 'Escape');
    await press(el, 'Enter');
    expect(el.declaration.flows![0]!.item).to.deep.equal({ code: 'ewc:999998' });

    const failed = oneEvent(el, 'toile-declaration-error');
    await el.submit();
    const { detail } = (await failed) as CustomEvent<DeclarationErrorDetail>;
    await el.updateComplete;
    expect(detail.kind).to.equal('invalid');
    expect(detail.status).to.equal(422);
    expect(detail.problems.map((p) => [p.pointer, p.field])).to.deep.equal([
      ['/flows/0/item/code', `${customer}-material`],
      ['/resources/0/item/code', `${offer}-material`],
    ]);
    const summary = $(root, '[part="error-summary"]');
    expect(focused(root)).to.equal('error-summary');
    expect(text(summary)).to.contain('Le serveur a refusé la déclaration.');
    expect(text(summary)).to.contain('code déchet « ewc:999999 » absent de la liste européenne des déchets');
    const input = $<HTMLInputElement>(root, `#${offer}-material`);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(text(root.getElementById(input.getAttribute('aria-describedby')!))).to.contain('ewc:999999');
    summary.querySelectorAll<HTMLAnchorElement>('a')[1]!.click();
    expect(focused(root)).to.equal(`${offer}-material`);
    // The draft is kept for another try.
    expect(localStorage.getItem(draftKey(absolute(server.api), server.territory, null))).to.contain('ewc:999999');
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(root.querySelector('h2')) === 'Declare your exchanges, offers and needs', 'English');
    expect(text($(root, '[part="error-summary"]'))).to.contain('waste code "ewc:999999" is not in the European List of Waste');
    expect(text($(root, '[part="error-summary"]'))).to.not.contain('code déchet');
  });

  it('sends the invitation of a personal link: from the address too; 403 when it is another establishment’s', async function () {
    this.timeout(60000);
    const forSteelworks = await agency.createInvitation(server.territory, { establishment: 'acierie', label: 'Aciérie' });
    const { el, root } = await mount({ invitation: forSteelworks.token });
    await typeInto(el, root, '#est-name', 'Une autre entreprise');
    const failed = oneEvent(el, 'toile-declaration-error');
    await el.submit();
    const { detail } = (await failed) as CustomEvent<DeclarationErrorDetail>;
    await el.updateComplete;
    expect([detail.kind, detail.status]).to.deep.equal(['forbidden', 403]);
    const summary = text($(root, '[part="error-summary"]'));
    expect(summary).to.contain('L’invitation n’est pas acceptée');
    expect(summary).to.contain('cette invitation est celle de l’établissement acierie');
    expect(summary).to.not.contain('this invitation is for');
    // The same invitation, for the establishment it names: accepted, and counted on the invitation.
    await pick(el, root, 'est-search', 'aciérie', 'acierie');
    expect((await el.submit())?.status).to.equal('pending');
    el.remove();

    const open = await agency.createInvitation(server.territory, { label: 'Lien ouvert' });
    const before = location.href;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#invitation=${open.token}`);
    try {
      const viaLink = await mount();
      expect(location.href).to.not.contain(open.token);
      expect(viaLink.el.invited).to.equal(true);
      await typeInto(viaLink.el, viaLink.root, '#est-name', 'Venue par le lien');
      expect((await viaLink.el.submit())?.status).to.equal('pending');
    } finally {
      history.replaceState(history.state, '', before);
    }
    const { invitations } = await agency.listInvitations(server.territory);
    expect(invitations.find((i) => i.id === forSteelworks.id)!.declarations).to.equal(1);
    expect(invitations.find((i) => i.id === open.id)!.declarations).to.equal(1);
  });

  it('says when to try again after too many declarations without an invitation (429, Retry-After), keeping the draft', async function () {
    this.timeout(240000);
    // A server of its own, one anonymous declaration an hour: spent here.
    const limits = { perAddressPerHour: 1, perHour: 500 };
    const limited = await startToileServer<Started, ServerRequest>({ name: 'limited', declarationLimits: limits });
    const url = `${absolute(limited.api)}/territories/${limited.territory}/declarations`;
    const first = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ establishment: { id: 'spam', name: 'Spam' } }),
    });
    expect(first.status).to.equal(200);
    const el = await fixture<ToileDeclarationForm>(html`<toile-declaration-form api=${limited.api} territory=${limited.territory}></toile-declaration-form>`);
    const root = el.shadowRoot!;
    await typeInto(el, root, '#est-name', 'Trop tard');
    const failed = oneEvent(el, 'toile-declaration-error');
    await el.submit();
    const { detail } = (await failed) as CustomEvent<DeclarationErrorDetail>;
    await el.updateComplete;
    expect([detail.kind, detail.status]).to.deep.equal(['rate-limited', 429]);
    expect(detail.retryAfter).to.be.greaterThan(0);
    expect(text($(root, '[part="error-summary"]'))).to.contain(`réessayez dans ${detail.retryAfter} s`);
    expect(localStorage.getItem(draftKey(absolute(limited.api), limited.territory, null))).to.contain('Trop tard');
  });

  it('works from another origin, as on a CCI’s own site: CORS with the invitation header, Retry-After readable', async function () {
    this.timeout(240000);
    const cors = await startToileServer<Started, ServerRequest>({
      name: 'cors',
      corsOrigins: [location.origin],
      declarationLimits: { perAddressPerHour: 1, perHour: 500 },
    });
    expect(new URL(cors.url).origin).to.not.equal(location.origin);
    const direct = createToileClient({ baseURL: cors.url, token: cors.token });
    const invitation = await direct.createInvitation(cors.territory, { establishment: 'acierie' });
    const { el, root } = await mount({ api: cors.url, territory: cors.territory, invitation: invitation.token });
    expect(text($(root, '[part="notice"]'))).to.contain(new URL(cors.url).host);
    // A search and a declaration with its Toile-Invitation header (a preflighted request), across origins.
    await pick(el, root, 'est-search', 'aciérie', 'acierie');
    const receipt = await el.submit();
    expect(receipt?.status).to.equal('pending');
    const { invitations } = await direct.listInvitations(cors.territory);
    expect(invitations.find((i) => i.id === invitation.id)!.declarations).to.equal(1);
    el.remove();
    // Anonymous: the first goes through, the second is told when to try again (Retry-After, exposed to the page).
    for (const expected of ['pending', 'rate-limited'] as const) {
      const form = await fixture<ToileDeclarationForm>(html`<toile-declaration-form api=${cors.url} territory=${cors.territory}></toile-declaration-form>`);
      await form.updateComplete;
      await typeInto(form, form.shadowRoot!, '#est-name', `Anonyme ${expected}`);
      const errors: DeclarationErrorDetail[] = [];
      form.addEventListener('toile-declaration-error', (e) => errors.push(e.detail));
      const answer = await form.submit();
      if (expected === 'pending') expect(answer?.status).to.equal('pending');
      else expect(errors.map((e) => [e.kind, e.status, e.retryAfter! > 0])).to.deep.equal([['rate-limited', 429, true]]);
      form.remove();
    }
  });
});
