/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import './declaration-form.ts';
import type { ToileDeclarationForm, DeclarationErrorDetail } from './declaration-form.component.ts';
import { draftKey } from './storage.ts';

// No API is needed here (the real server's tests are in declaration-form.submit.test.ts): nothing
// below sends a declaration or searches the territory, and the API named is never started.
const API = '/toile-api/not-started';
const API_ABS = new URL(API, location.href).href;
const TERRITORY = 'estuaire-vire-marine';
const TOKEN = 'inv_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function forget(): void {
  for (const s of [localStorage, sessionStorage]) for (const k of Object.keys(s)) if (k.startsWith('toile-declaration')) s.removeItem(k);
}

async function mount(template = html`<toile-declaration-form api=${API} territory=${TERRITORY}></toile-declaration-form>`) {
  const el = await fixture<ToileDeclarationForm>(template);
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const $ = <E extends Element = HTMLElement>(root: ShadowRoot, selector: string) => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

/** Types into a field as a user would (focus, then keys). */
async function typeInto(el: ToileDeclarationForm, root: ShadowRoot, selector: string, value: string) {
  const input = $<HTMLInputElement>(root, selector);
  input.focus();
  input.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}

async function click(el: ToileDeclarationForm, root: ShadowRoot, selector: string) {
  $(root, selector).click();
  await el.updateComplete;
}

/** Adds one offer, one need, one supplier and one customer. */
async function addOneOfEach(el: ToileDeclarationForm, root: ShadowRoot) {
  for (const id of ['#add-offer', '#add-need', '#add-supplier', '#add-customer']) await click(el, root, id);
}

describe('<toile-declaration-form>', () => {
  beforeEach(forget);
  afterEach(forget);

  it('speaks French by default and says what happens to the data: the agency, its review, each level', async () => {
    const { root } = await mount();
    expect(text($(root, 'h2'))).to.equal('Déclarer vos échanges, offres et besoins');
    const notice = text($(root, '[part="notice"]'));
    expect(notice).to.contain('envoyée à l’agence');
    expect(notice).to.contain('l’agence relit chaque élément');
    expect(notice).to.contain('« Confidentiel » par défaut');
    expect(notice).to.contain('Public : peut être publié');
    expect(notice).to.contain('Partenaires : partagé avec les seuls partenaires');
    expect(notice).to.contain('Confidentiel : ne quitte jamais l’agence');
    expect(notice).to.contain('brouillon est gardé dans ce navigateur');
    // The server the declaration goes to is named.
    expect(notice).to.contain(location.host);
    expect($<HTMLLabelElement>(root, 'label[for="est-name"]').textContent).to.contain('(obligatoire)');
  });

  it('makes every record confidential by default, and says what the level means beside each', async () => {
    const { el, root } = await mount();
    await addOneOfEach(el, root);
    const selects = [...root.querySelectorAll<HTMLSelectElement>('[part="confidentiality"] select')];
    // The establishment, two resources, two flows.
    expect(selects.length).to.equal(5);
    for (const select of selects) {
      expect(select.value).to.equal('confidential');
      const means = root.getElementById(select.getAttribute('aria-describedby')!.split(' ')[0]!)!;
      expect(text(means)).to.contain('Confidentiel : ne quitte jamais l’agence');
    }
    // Named partners inherit their exchange's level: confidential too.
    const declaration = el.declaration;
    expect(declaration.establishment.confidentiality).to.equal('confidential');
    expect(declaration.resources!.map((r) => [r.direction, r.confidentiality])).to.deep.equal([
      ['offer', 'confidential'],
      ['need', 'confidential'],
    ]);
    expect(declaration.flows!.map((f) => f.confidentiality)).to.deep.equal(['confidential', 'confidential']);
    expect(declaration.partners!.map((p) => p.confidentiality)).to.deep.equal(['confidential', 'confidential']);
    // Choosing another level changes that record alone, and its explanation.
    selects[1]!.value = 'public';
    selects[1]!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.declaration.resources![0]!.confidentiality).to.equal('public');
    expect(el.declaration.resources![1]!.confidentiality).to.equal('confidential');
    expect(text(root.getElementById('r1-conf-means'))).to.contain('Public : peut être publié');
  });

  it('removes a record on request: it says so, gives the focus back, and the other records keep their ids', async () => {
    const { el, root } = await mount();
    await click(el, root, '#add-offer');
    await click(el, root, '#add-need');
    await click(el, root, '#add-offer');
    const ids = el.declaration.resources!.map((r) => r.id);
    expect(root.activeElement?.id).to.equal('r3-direction-offer');
    await click(el, root, '#r2-remove');
    expect(el.declaration.resources!.map((r) => r.id)).to.deep.equal([ids[0], ids[2]]);
    expect([...root.querySelectorAll('[part="resource"] > legend')].map((l) => text(l))).to.deep.equal(['Offre ou besoin n° 1', 'Offre ou besoin n° 2']);
    expect(root.activeElement?.id).to.equal('add-offer');
    expect(text($(root, '[part="status"]'))).to.equal('Élément retiré.');
    await click(el, root, '#add-need');
    expect(el.declaration.resources!.at(-1)!.id).to.match(/-r4$/);
  });

  it('speaks English with lang="en"', async () => {
    const { el, root } = await mount(html`<toile-declaration-form lang="en" api=${API} territory=${TERRITORY}></toile-declaration-form>`);
    await addOneOfEach(el, root);
    expect(text($(root, 'h2'))).to.equal('Declare your exchanges, offers and needs');
    expect(text($(root, '[part="notice"]'))).to.contain('the agency reviews each item');
    expect(text($(root, 'label[for="est-name"]'))).to.equal('Name of the establishment (required)');
    expect(text($(root, '[part="resource"] legend'))).to.equal('Offer or need no. 1');
    expect(text(root.getElementById('r1-conf-means'))).to.contain('Confidential: never leaves the agency');
    expect(text($(root, '[part="submit"]'))).to.equal('Send the declaration');
    const kinds = [...$<HTMLSelectElement>(root, '#r1-kind').options].map((o) => o.textContent);
    expect(kinds).to.include('By-products and reused waste');
    el.submit();
    await el.updateComplete;
    expect(text($(root, '[part="error-summary"]'))).to.contain('Give the name of the establishment.');
  });

  it('checks the form before sending: an error summary whose links move to each field, SIRET checksums with La Poste’s exception', async () => {
    const { el, root } = await mount();
    await click(el, root, '#add-offer');
    await click(el, root, '#add-supplier');
    await typeInto(el, root, '#est-siret', '443 061 841 00048');
    await typeInto(el, root, '#est-lat', '49,44');
    await typeInto(el, root, '#r1-value', '-3');
    const failed = oneEvent(el, 'toile-declaration-error');
    $<HTMLButtonElement>(root, '[part="submit"]').click();
    const { detail } = (await failed) as CustomEvent<DeclarationErrorDetail>;
    await el.updateComplete;
    expect(detail.kind).to.equal('invalid');
    expect(detail.status).to.equal(0);
    expect(detail.problems.map((p) => p.field)).to.deep.equal(['est-name', 'est-siret', 'est-lon', 'r1-kind', 'r1-value', 'r1-label', 'f2-kind', 'f2-partner']);
    const summary = $(root, '[part="error-summary"]');
    // Focus moved to the summary, which names its problems as links.
    expect(root.activeElement).to.equal(summary);
    expect(text(summary)).to.contain('8 problèmes à corriger');
    expect(text(summary)).to.contain('Ce SIRET n’existe pas (sa clé de contrôle est fausse)');
    const links = [...summary.querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.length).to.equal(8);
    const hashBefore = location.hash;
    links[1]!.click();
    expect(root.activeElement?.id).to.equal('est-siret');
    expect(location.hash).to.equal(hashBefore);
    links[7]!.click();
    expect(root.activeElement?.id).to.equal('f2-partner');
    expect(root.activeElement?.getAttribute('aria-invalid')).to.equal('true');
    // Each field is invalid and described by its message.
    const siret = $<HTMLInputElement>(root, '#est-siret');
    expect(siret.getAttribute('aria-invalid')).to.equal('true');
    expect(text(root.getElementById(siret.getAttribute('aria-describedby')!))).to.contain('clé de contrôle');
    // Fixing a field clears its problem; La Poste's establishments follow their own rule.
    await typeInto(el, root, '#est-siret', '35600000000001');
    expect(siret.hasAttribute('aria-invalid')).to.equal(false);
    await typeInto(el, root, '#est-name', 'Bureau de poste');
    await typeInto(el, root, '#est-lon', '0,19');
    el.submit();
    await el.updateComplete;
    expect([...root.querySelectorAll('[part="error-summary"] a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      '#r1-kind',
      '#r1-value',
      '#r1-label',
      '#f2-kind',
      '#f2-partner',
    ]);
    expect(el.declaration.establishment).to.deep.include({ siret: '35600000000001', location: { lat: 49.44, lon: 0.19 } });
  });

  it('searches NAF activities in French, by keyboard, and reads a code typed in full', async () => {
    const { el, root } = await mount();
    await typeInto(el, root, '#est-naf', 'siderurgie');
    const options = [...root.querySelectorAll('#est-naf-list [role="option"]')].map((o) => text(o));
    expect(options[0]).to.contain('24.10Z — Sidérurgie');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.declaration.establishment.naf).to.equal('24.10Z');
    expect($<HTMLInputElement>(root, '#est-naf').value).to.equal('24.10Z — Sidérurgie');
    // Accents and case ignored, words of the class and division searched too.
    await typeInto(el, root, '#est-naf', 'boulangerie patisserie');
    expect(text(root.querySelector('#est-naf-list [role="option"]'))).to.contain('10.71');
    await sendKeys({ press: 'Escape' });
    await typeInto(el, root, '#est-naf', '2030z');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.declaration.establishment.naf).to.equal('20.30Z');
  });

  it('searches materials by EWC code or in French, families first, and keeps a six-digit code typed in full', async () => {
    const { el, root } = await mount();
    await click(el, root, '#add-offer');
    await typeInto(el, root, '#r1-material', '10 02 02');
    expect(text(root.querySelector('#r1-material-list [role="option"]'))).to.contain('10 02 02 — laitiers non traités');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.declaration.resources![0]!.item).to.deep.equal({ code: 'ewc:100202' });
    await typeInto(el, root, '#r1-material', 'bois');
    const first = text(root.querySelector('#r1-material-list [role="option"]'));
    expect(first).to.contain('famille');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.declaration.resources![0]!.item).to.deep.equal({ family: 'wood' });
  });

  it('keeps a draft in this browser: restored after re-mounting, apart per territory and invitation, cleared on request', async () => {
    const { el, root } = await mount();
    await typeInto(el, root, '#est-name', 'Chaudronnerie du Port');
    await click(el, root, '#add-need');
    await typeInto(el, root, '#r1-label', 'Vapeur basse pression');
    const key = draftKey(API_ABS, TERRITORY, null);
    expect(JSON.parse(localStorage.getItem(key)!).establishment.name).to.equal('Chaudronnerie du Port');
    const ids = el.declaration.resources!.map((r) => r.id);
    expect(ids[0]).to.match(/^decl-[0-9a-f]{8}-r1$/);
    el.remove();

    // A new element on the same API and territory resumes where the company left off, same ids.
    const again = await mount();
    expect($<HTMLInputElement>(again.root, '#est-name').value).to.equal('Chaudronnerie du Port');
    expect($<HTMLInputElement>(again.root, '#r1-label').value).to.equal('Vapeur basse pression');
    expect(again.el.declaration.resources!.map((r) => r.id)).to.deep.equal(ids);
    expect(text($(again.root, '[part="status"]'))).to.contain('Brouillon repris');
    again.el.remove();

    // Another territory, or another invitation, starts blank.
    const other = await mount(html`<toile-declaration-form api=${API} territory="autre"></toile-declaration-form>`);
    expect($<HTMLInputElement>(other.root, '#est-name').value).to.equal('');
    other.el.remove();
    const invited = await mount(html`<toile-declaration-form api=${API} territory=${TERRITORY} .invitation=${TOKEN}></toile-declaration-form>`);
    expect($<HTMLInputElement>(invited.root, '#est-name').value).to.equal('');
    // The invitation's draft is keyed by a tag of the token, never the token itself.
    await typeInto(invited.el, invited.root, '#est-name', 'Invitée');
    expect(Object.keys(localStorage).some((k) => k.includes(TOKEN))).to.equal(false);
    expect(localStorage.getItem(draftKey(API_ABS, TERRITORY, TOKEN))).to.contain('Invitée');
    invited.el.remove();

    // Clearing asks first, then empties the form and forgets the draft.
    const last = await mount();
    await click(last.el, last.root, '#clear-draft');
    expect(last.root.activeElement?.id).to.equal('clear-yes');
    await click(last.el, last.root, '#clear-no');
    expect(localStorage.getItem(key)).to.not.equal(null);
    await click(last.el, last.root, '#clear-draft');
    await click(last.el, last.root, '#clear-yes');
    expect(localStorage.getItem(key)).to.equal(null);
    expect($<HTMLInputElement>(last.root, '#est-name').value).to.equal('');
    expect(last.root.querySelectorAll('[part="resource"]').length).to.equal(0);
    expect(text($(last.root, '[part="status"]'))).to.equal('Brouillon effacé.');
  });

  it('ignores a stored draft that is not one (anything unexpected dropped, text never run)', async () => {
    const key = draftKey(API_ABS, TERRITORY, null);
    localStorage.setItem(
      key,
      JSON.stringify({
        v: 1,
        prefix: 'decl-0badc0de',
        seq: 'x',
        establishment: { name: '<img src=x onerror="window.__toilePwned=1">', confidentiality: 'everyone', lat: 7 },
        resources: [{ key: 'r1', direction: 'offer', kind: 'teleport', confidentiality: 'public' }, { key: '<b>' }, 'nope'],
        flows: { not: 'a list' },
      }),
    );
    const { el, root } = await mount();
    expect($<HTMLInputElement>(root, '#est-name').value).to.equal('<img src=x onerror="window.__toilePwned=1">');
    expect(root.querySelector('img')).to.equal(null);
    expect((window as { __toilePwned?: number }).__toilePwned).to.equal(undefined);
    const declaration = el.declaration;
    // An unreadable level is the strictest; an unknown kind is no kind; the bad items are gone.
    expect(declaration.establishment.confidentiality).to.equal('confidential');
    expect(declaration.resources!.map((r) => [r.id, r.confidentiality, r.kind])).to.deep.equal([['decl-0badc0de-r1', 'public', '']]);
    expect(declaration.flows).to.equal(undefined);
    // New items never reuse a number.
    await click(el, root, '#add-customer');
    expect(el.declaration.flows![0]!.id).to.equal('decl-0badc0de-f2');
  });

  it('reads the invitation from the page’s address, removes it from the address bar at once and keeps it for this tab', async () => {
    const before = location.href;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#step=2&invitation=${TOKEN}`);
    try {
      const { el, root } = await mount();
      expect(location.hash).to.equal('#step=2');
      expect(location.href).to.not.contain(TOKEN);
      expect(el.invited).to.equal(true);
      expect(text($(root, '[part="notice"]'))).to.contain('Vous déclarez avec votre invitation personnelle.');
      expect(sessionStorage.getItem(`toile-declaration-invitation:v1:${API_ABS}|${TERRITORY}`)).to.equal(TOKEN);
      await typeInto(el, root, '#est-name', 'Par invitation');
      el.remove();
      // A reload (a new element, no fragment any more) still declares with it, and finds its draft.
      const again = await mount();
      expect(again.el.invited).to.equal(true);
      expect($<HTMLInputElement>(again.root, '#est-name').value).to.equal('Par invitation');
    } finally {
      history.replaceState(history.state, '', before);
    }
    // Something that is not a token is removed from the address bar all the same, and not used.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#invitation=%3Cscript%3E`);
    forget();
    try {
      const { el } = await mount();
      expect(location.hash).to.equal('');
      expect(el.invited).to.equal(false);
    } finally {
      history.replaceState(history.state, '', before);
    }
  });

  it('calls no host the page did not configure: no geocoder, no map, no Leaflet by default', async () => {
    const { root } = await mount();
    expect(root.querySelector('#geocode')).to.equal(null);
    expect(root.querySelector('#map-toggle')).to.equal(null);
    const requested = performance.getEntriesByType('resource').map((r) => r.name);
    expect(requested.some((u) => /leaflet|geocoder|tile\.png/.test(u))).to.equal(false);
  });

  it('looks an address up with the configured geocoder and fills the location (answers shown as text)', async () => {
    const { el, root } = await mount(html`<toile-declaration-form api=${API} territory=${TERRITORY} geocoder="/geocoder/search"></toile-declaration-form>`);
    await typeInto(el, root, '#est-address', '47 quai des Docks');
    await click(el, root, '#geocode');
    await waitUntil(() => root.querySelectorAll('.geocoder .results button').length === 2, 'addresses found');
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.geocoder .results button')];
    expect(text(buttons[1])).to.equal('<img src=x onerror=alert(1)> Quai des Docks');
    expect(root.querySelector('img')).to.equal(null);
    buttons[0]!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.declaration.establishment.location).to.deep.equal({
      lat: 49.43917,
      lon: 0.18812,
      address: '47 Quai des Docks 76990 Port-Vire',
      postcode: '76990',
      city: 'Port-Vire',
      insee: '76991',
    });
    expect(root.activeElement?.id).to.equal('est-postcode');
    const asked = performance.getEntriesByType('resource').filter((r) => r.name.includes('/geocoder/search'));
    expect(new URL(asked.at(-1)!.name).searchParams.get('q')).to.equal('47 quai des Docks');
  });

  it('places the establishment on the map: Leaflet loaded when the map opens, a click or Enter places the point', async () => {
    const tiles = `${location.origin}/packages/widgets/fixtures/tile.png?{z}/{x}/{y}`;
    const { el, root } = await mount(
      html`<toile-declaration-form
        api=${API}
        territory=${TERRITORY}
        basemap=${tiles}
        basemap-attribution=${'© Tuiles <b>locales</b>'}
      ></toile-declaration-form>`,
    );
    await typeInto(el, root, '#est-lat', '49.44');
    await typeInto(el, root, '#est-lon', '0.19');
    // Every fetch is recorded (the test page raises the buffer first): not fetched means not fetched.
    expect(performance.getEntriesByType('resource').length).to.be.below(10000);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('leaflet'))).to.equal(false);
    await click(el, root, '#map-toggle');
    await waitUntil(() => el.leafletMap && root.querySelector('[part="map"] img'), 'map drawn', { timeout: 10000 });
    expect($(root, '#map-toggle').getAttribute('aria-expanded')).to.equal('true');
    expect(text($(root, '[part="attribution"]'))).to.equal('© Tuiles <b>locales</b>');
    const map = $(root, '[part="map"]');
    expect(map.getAttribute('role')).to.equal('application');
    expect(text(root.getElementById(map.getAttribute('aria-describedby')!))).to.contain('Entrée pour placer le point');
    // A click 40 px right and 30 px below the centre: the point Leaflet reads there.
    map.scrollIntoView({ block: 'center' });
    const box = map.getBoundingClientRect();
    const x = Math.round(box.left + box.width / 2 + 40);
    const y = Math.round(box.top + box.height / 2 + 30);
    const expected = el.leafletMap!.containerPointToLatLng([x - box.left, y - box.top]);
    await sendMouse({ type: 'click', position: [x, y] });
    await el.updateComplete;
    const placed = el.declaration.establishment.location!;
    expect(placed.lat).to.be.closeTo(expected.lat, 1e-4);
    expect(placed.lon).to.be.closeTo(expected.lng, 1e-4);
    expect(text($(root, '[part="status"]'))).to.contain('Point placé');
    expect(root.querySelector('[part="map"] path.point')).to.not.equal(null);
    // By keyboard: the map takes the focus, Enter places the point at the centre.
    map.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const centre = el.leafletMap!.getCenter();
    expect(el.declaration.establishment.location!.lat).to.be.closeTo(centre.lat, 1e-4);
    expect(el.declaration.establishment.location!.lon).to.be.closeTo(centre.lng, 1e-4);
    await click(el, root, '#map-toggle');
    expect(root.querySelector('[part="map"]')).to.equal(null);
  });

  it('is accessible (axe): empty, with one record of each kind, and with its error summary', async () => {
    const { el, root } = await mount(html`<toile-declaration-form api=${API} territory=${TERRITORY} geocoder="/geocoder/search"></toile-declaration-form>`);
    await expect(el).to.be.accessible();
    await addOneOfEach(el, root);
    await expect(el).to.be.accessible();
    await el.submit();
    await el.updateComplete;
    expect(root.querySelector('[part="error-summary"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await typeInto(el, root, '#r1-material', 'laitier');
    expect(root.querySelectorAll('[role="option"]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('says it is not configured, and sends nothing, without a valid api and territory', async () => {
    const { el, root } = await mount(html`<toile-declaration-form api="javascript:alert(1)" territory=${TERRITORY}></toile-declaration-form>`);
    expect(text($(root, '[role="alert"]'))).to.contain('Formulaire non configuré');
    await typeInto(el, root, '#est-name', 'X');
    expect(await el.submit()).to.equal(undefined);
    await el.updateComplete;
    expect(text($(root, '[part="error-summary"]'))).to.contain('Formulaire non configuré');
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";
    const tiles = `${location.origin}/packages/widgets/fixtures/tile.png?{z}/{x}/{y}`;
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 700px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/declaration-form/declaration-form.ts"></script></head>
        <body><toile-declaration-form api="${API}" territory="csp-test" basemap="${tiles}" geocoder="/geocoder/search"></toile-declaration-form></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentDocument?.querySelector('toile-declaration-form')?.shadowRoot?.querySelector('form'), 'form under CSP', {
      timeout: 8000,
    });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-declaration-form') as ToileDeclarationForm;
    const root = el.shadowRoot!;
    await click(el, root, '#add-offer');
    await click(el, root, '#map-toggle');
    await waitUntil(() => root.querySelector('[part="map"] img'), 'map under CSP', { timeout: 10000 });
    await el.submit();
    await el.updateComplete;
    // Styles came through constructable stylesheets: the summary is drawn by the component's CSS.
    expect(frame.contentWindow!.getComputedStyle($(root, '[part="error-summary"]')).borderTopWidth).to.equal('3px');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
    for (const k of Object.keys(frame.contentWindow!.localStorage)) if (k.startsWith('toile-declaration')) frame.contentWindow!.localStorage.removeItem(k);
  });
});
