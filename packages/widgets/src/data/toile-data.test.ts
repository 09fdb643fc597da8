/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from './toile-data.component.ts';
import type { ToileNetwork } from '../network/network.component.ts';

// The test server serves the repository: the sample territories are real files over HTTP.
const MINI = '/examples/data/mini.toile.json';

describe('<toile-data>', () => {
  it('loads a document from src over HTTP, validates it and builds the index once', async () => {
    const el = await fixture<ToileData>(html`<toile-data src=${MINI}></toile-data>`);
    if (!el.value) await oneEvent(el, 'toile-data-change');
    expect(el.value!.document.establishments.length).to.equal(12);
    expect(el.value!.index.nodeCount).to.equal(12);
    expect(el.value!.report.valid).to.equal(true);
  });

  it('loads a CSV data package from the URL of its datapackage.json, with its levels', async () => {
    // The template's cement plant is a partners-level establishment (its confidentiality column).
    const el = await fixture<ToileData>(html`<toile-data audience="partners" src="/packages/schema/templates/datapackage.json"></toile-data>`);
    if (!el.value) await oneEvent(el, 'toile-data-change');
    expect(el.value!.document.establishments.map((e) => e.id)).to.deep.equal(['acierie', 'cimenterie']);
    expect(el.value!.document.flows.length).to.equal(1);
    const pub = await fixture<ToileData>(html`<toile-data src="/packages/schema/templates/datapackage.json"></toile-data>`);
    if (!pub.value) await oneEvent(pub, 'toile-data-change');
    expect(pub.value!.document.establishments.map((e) => e.id)).to.deep.equal(['acierie']);
  });

  it('loads a territory from the HTTP API with api + territory', async () => {
    const el = await fixture<ToileData>(html`<toile-data api="/api" territory="estuaire-vire-marine"></toile-data>`);
    if (!el.value) await oneEvent(el, 'toile-data-change');
    expect(el.value!.document.territory.id).to.equal('estuaire-vire-marine');
    expect(el.value!.document.establishments.length).to.be.greaterThan(50);
  });

  it('says when the API does not know the territory', async () => {
    const el = await fixture<ToileData>(html`<toile-data api="/api" territory="nowhere"></toile-data>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-error]'), 'no error shown');
    expect(el.shadowRoot!.querySelector('[data-error]')!.textContent).to.contain('HTTP 404');
  });

  it('announces toile-data-change once value is readable', async () => {
    const el = document.createElement('toile-data') as ToileData;
    el.src = MINI;
    const seen = new Promise<number | undefined>((resolve) =>
      el.addEventListener('toile-data-change', () => resolve(el.value?.document.establishments.length), { once: true }),
    );
    document.body.append(el);
    expect(await seen).to.equal(12);
    el.remove();
  });

  it('lets the widgets say the data is unavailable when the load fails', async () => {
    const el = await fixture<ToileData>(
      html`<toile-data src="/nope-widgets.json"
        ><toile-company-card establishment="a"></toile-company-card><toile-synergy-finder></toile-synergy-finder
      ></toile-data>`,
    );
    if (!el.failed) expect((await oneEvent(el, 'toile-data-error')).detail.message).to.be.a('string');
    expect(el.failed).to.equal(true);
    const card = el.querySelector('toile-company-card')!;
    const finder = el.querySelector('toile-synergy-finder')!;
    await waitUntil(() => card.shadowRoot!.textContent!.includes('Données indisponibles'), 'card says so');
    await waitUntil(() => finder.shadowRoot!.textContent!.includes('Données indisponibles'), 'finder says so');
  });

  it('names the place of the first problem: set-aside records, or a document it cannot use', async () => {
    const broken = {
      toile: '1.0',
      territory: { id: 't', name: 'T' },
      meta: { title: 'x' },
      establishments: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      flows: [{ id: 'f1', from: 'a', to: 'nowhere', kind: 'supply' }],
    };
    const el = await fixture<ToileData>(html`<toile-data audience="internal" .data=${broken}></toile-data>`);
    if (!el.value) await oneEvent(el, 'toile-data-change');
    await el.updateComplete;
    const line = el.shadowRoot!.querySelector('[data-problems]')!;
    expect(line.textContent).to.contain('/flows/0');
    expect(el.value!.document.establishments.length).to.equal(2);
    const unusable = await fixture<ToileData>(html`<toile-data .data=${{ toile: '1.0', establishments: 'none' }}></toile-data>`);
    await waitUntil(() => unusable.shadowRoot!.querySelector('[data-error]'), 'error shown');
    expect(unusable.shadowRoot!.querySelector('[data-error]')!.textContent).to.match(/illisibles — \//);
  });

  it('follows a language change on an ancestor', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fr"><toile-data src="/nope-lang.json"></toile-data></div>`);
    const el = host.querySelector('toile-data')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[data-error]'), 'error shown');
    expect(el.shadowRoot!.textContent).to.contain('Impossible de charger');
    host.setAttribute('lang', 'en');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('could not be loaded'), 'switched to English');
  });

  it('shares a highlight asked by any nested widget', async () => {
    const el = await fixture<ToileData>(html`<toile-data src=${MINI}><div id="child"></div></toile-data>`);
    const changed = oneEvent(el, 'toile-highlight-change');
    el.querySelector('#child')!.dispatchEvent(new CustomEvent('toile-highlight', { detail: { ids: ['a', 'b'] }, bubbles: true, composed: true }));
    expect((await changed).detail.ids).to.deep.equal(['a', 'b']);
    expect(el.highlighted).to.deep.equal(['a', 'b']);
  });

  it('shares an overlay with its networks at once; the own overlay of a network stays until the shared one changes', async () => {
    const el = await fixture<ToileData>(html`<toile-data src=${MINI}><toile-network></toile-network></toile-data>`);
    if (!el.value) await oneEvent(el, 'toile-data-change');
    const net = el.querySelector('toile-network') as ToileNetwork;
    const events: unknown[] = [];
    el.addEventListener('toile-overlay-change', (e) => events.push((e as CustomEvent).detail.overlay));
    // Clearing when nothing is shown says nothing.
    el.setOverlay(undefined);
    expect(events).to.deep.equal([]);
    // A network's own overlay (setOverlay on it) is left alone...
    const own = new Map([['b', 0.5]]);
    net.setOverlay(own);
    expect(net.overlayValues).to.equal(own);
    // ...until the shared one is set: painted as soon as setOverlay returns, with its legend.
    const values = new Map([['a', 1]]);
    el.setOverlay(values, { title: 'Part touchée', low: 'intact', high: 'à l’arrêt' });
    expect(el.overlay!.values).to.equal(values);
    expect(el.overlay!.legend.title).to.equal('Part touchée');
    expect(events).to.deep.equal([el.overlay]);
    expect(net.overlayValues).to.equal(values);
    await net.updateComplete;
    expect(net.shadowRoot!.querySelector('[part="overlay-legend"]')!.textContent).to.contain('Part touchée');
    el.setOverlay(undefined);
    expect(el.overlay).to.equal(undefined);
    expect(events.length).to.equal(2);
    expect(net.overlayValues).to.equal(undefined);
  });

  it('keeps confidential flows out by default, shows them with audience="internal"', async () => {
    const pub = await fixture<ToileData>(html`<toile-data src=${MINI}></toile-data>`);
    if (!pub.value) await oneEvent(pub, 'toile-data-change');
    const internal = await fixture<ToileData>(html`<toile-data audience="internal" src=${MINI}></toile-data>`);
    if (!internal.value) await oneEvent(internal, 'toile-data-change');
    expect(internal.value!.document.flows.length).to.be.greaterThan(pub.value!.document.flows.length);
  });

  it('reads an inline JSON script child', async () => {
    const el = await fixture<ToileData>(
      html`<toile-data
        ><script type="application/json">
          { "toile": "1.0", "territory": { "id": "t", "name": "T" }, "meta": { "title": "x" }, "establishments": [{ "id": "a", "name": "A" }], "flows": [] }
        </script></toile-data
      >`,
    );
    if (!el.value) await oneEvent(el, 'toile-data-change');
    expect(el.value!.document.establishments[0]!.name).to.equal('A');
  });

  it('says in French that a missing file could not be loaded (HTTP 404), in English with lang="en"', async () => {
    const el = await fixture<ToileData>(html`<toile-data src="/examples/data/nope.json"></toile-data>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'error shown', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Impossible de charger les données');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('404');
    const en = await fixture<ToileData>(html`<toile-data lang="en" src="/examples/data/nope2.json"></toile-data>`);
    await waitUntil(() => en.shadowRoot!.querySelector('[role="alert"]'), 'error shown', { timeout: 5000 });
    expect(en.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
  });

  it('says the data cannot be read when the document is not a Toile document', async () => {
    const el = await fixture<ToileData>(html`<toile-data .data=${[1, 2, 3]}></toile-data>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'error shown', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('illisibles');
  });

  it('importing the define entry twice does not throw', async () => {
    await import('../define.ts');
    await import('../data/toile-data.ts');
    expect(customElements.get('toile-data')).to.not.equal(undefined);
  });
});
