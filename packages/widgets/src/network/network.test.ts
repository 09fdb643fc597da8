/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';
import type { Map as LeafletMap } from 'leaflet';
import { generateNetwork } from '@toile/testkit';
import { NEUTRAL, overlayColour } from './palette.ts';
import '../base/resize-loop.fixture.ts';

/** The channels of an `rgb(…)` colour. */
const rgb = (colour: string) =>
  colour.startsWith('#') ? [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) : colour.match(/\d+/g)!.slice(0, 3).map(Number);

const SAMPLE = '/examples/data/port-estuaire.toile.json';

async function mountSample(attributes = '') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  // Built from markup, as a portal would write it (attributes given as text).
  host.innerHTML = `<toile-data src="${SAMPLE}"><toile-network ${attributes}></toile-network></toile-data>`;
  const data = host.querySelector('toile-data') as ToileData;
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const net = data.querySelector('toile-network') as ToileNetwork;
  await waitUntil(() => net.cytoscape !== undefined, 'cytoscape drawn', { timeout: 8000 });
  return { data, net, root: net.shadowRoot! };
}

/** Whether every node lies inside the drawing area. */
const allInView = (net: ToileNetwork) => {
  const cy = net.cytoscape!;
  const box = cy.nodes().renderedBoundingBox({});
  return box.x1 >= -1 && box.y1 >= -1 && box.x2 <= cy.width() + 1 && box.y2 <= cy.height() + 1;
};

const positionsOf = (net: ToileNetwork) => net.cytoscape!.nodes().map((n) => `${Math.round(n.position().x)},${Math.round(n.position().y)}`);

const doc = {
  toile: '1.0',
  territory: { id: 't', name: 'Test' },
  meta: { title: 'Test' },
  establishments: [
    { id: 'a', name: 'Aciérie <b>forte</b>', employees: 800, sectors: ['métallurgie'], location: { lat: 49.45, lon: 0.18 } },
    { id: 'b', name: 'Cimenterie', employees: 100, sectors: ['matériaux'], location: { lat: 49.43, lon: 0.27 } },
    { id: 'c', name: 'Transporteur', employees: 50, location: { lat: 49.44, lon: 0.25 } },
    { id: 'x', name: 'Mine lointaine', external: true },
  ],
  flows: [
    { id: 'f1', from: 'a', to: 'b', kind: 'byproduct' },
    { id: 'f2', from: 'x', to: 'a', kind: 'supply' },
    { id: 'f3', from: 'c', to: 'b', kind: 'logistics' },
  ],
};

async function mount() {
  const data = await fixture<ToileData>(html`<toile-data .data=${doc}><toile-network></toile-network><toile-company-card></toile-company-card></toile-data>`);
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const net = data.querySelector('toile-network') as ToileNetwork;
  await net.updateComplete;
  await waitUntil(() => net.cytoscape !== undefined, 'cytoscape drawn', { timeout: 5000 });
  return { data, net, root: net.shadowRoot! };
}

describe('<toile-network>', () => {
  it('draws every establishment and flow with cytoscape, lazily, and lists them', async () => {
    const { net, root } = await mount();
    expect(net.cytoscape!.nodes().length).to.equal(4);
    expect(net.cytoscape!.edges().length).to.equal(3);
    expect(root.querySelector('canvas')).to.not.equal(null);
    expect(root.querySelectorAll('[part="list"] button').length).to.equal(4);
    expect(net.cytoscape!.getElementById('x').hasClass('external')).to.equal(true);
  });

  it('selecting from the keyboard list updates the shared selection, the card and the canvas', async () => {
    const { data, net, root } = await mount();
    const button = [...root.querySelectorAll<HTMLButtonElement>('[part="list"] button')].find((b) => b.textContent?.trim() === 'Cimenterie')!;
    button.focus();
    setTimeout(() => button.click());
    const event = await oneEvent(net, 'toile-select');
    expect(event.detail).to.deep.equal({ id: 'b' });
    await data.updateComplete;
    await net.updateComplete;
    expect(data.selected).to.equal('b');
    expect(net.cytoscape!.getElementById('b').hasClass('selected')).to.equal(true);
    // The transporter feeds the cement plant: kept; the mine is two steps away: faded.
    expect(net.cytoscape!.getElementById('c').hasClass('faded')).to.equal(false);
    expect(net.cytoscape!.getElementById('x').hasClass('faded')).to.equal(true);
    const card = data.querySelector('toile-company-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.contain('Cimenterie');
    expect(root.querySelector('[role="status"]')!.textContent).to.contain('Cimenterie');
  });

  it('filters by flow kind and hides outside partners', async () => {
    const { net, root } = await mount();
    const kinds = root.querySelectorAll<HTMLInputElement>('[part="legend"] input');
    kinds[3]!.click(); // byproduct
    await net.updateComplete;
    await waitUntil(() => net.cytoscape!.edges().length === 2);
    net.showExternal = false;
    await net.updateComplete;
    await waitUntil(() => net.cytoscape!.nodes().length === 3);
  });

  it('paints an overlay and renders names as text', async () => {
    const { net, root } = await mount();
    net.setOverlay(new Map([['a', 1]]));
    expect(net.cytoscape!.getElementById('a').style('background-color')).to.equal(`rgb(${rgb(overlayColour(1)).join(',')})`);
    net.setOverlay(undefined);
    expect(root.querySelector('[part="list"] b')).to.equal(null);
    expect(root.textContent).to.contain('Aciérie <b>forte</b>');
  });

  it('destroys cytoscape when removed and draws again when put back', async () => {
    const { data, net } = await mount();
    const first = net.cytoscape!;
    net.remove();
    expect(net.cytoscape).to.equal(undefined);
    expect(first.destroyed()).to.equal(true);
    data.append(net);
    await waitUntil(() => net.cytoscape !== undefined && !net.cytoscape.destroyed(), 'redrawn', { timeout: 5000 });
    expect(net.cytoscape!.nodes().length).to.equal(4);
  });

  it('draws the sample territory on its map with the territory outline, and lays it out with fcose', async () => {
    const { data, net, root } = await mountSample();
    expect(net.cytoscape!.nodes().length).to.equal(data.value!.document.establishments.length);
    const path = root.querySelector('[part="outline"] path')!;
    expect(path.getAttribute('d')).to.match(/^M[-\d.]+ [-\d.]+(L[-\d.]+ [-\d.]+)+Z$/);
    // The outline follows the canvas as it zooms.
    const before = root.querySelector('[part="outline"] g')!.getAttribute('transform');
    net.cytoscape!.zoom(net.cytoscape!.zoom() * 2);
    expect(root.querySelector('[part="outline"] g')!.getAttribute('transform')).to.not.equal(before);
    const geo = positionsOf(net);
    net.layout = 'force';
    await waitUntil(() => positionsOf(net).join() !== geo.join(), 'fcose moved the nodes', { timeout: 8000 });
    expect(root.querySelector('[part="outline"]')).to.equal(null);
    net.layout = 'sector';
    await waitUntil(() => net.cytoscape && positionsOf(net).join() !== geo.join(), 'sector layout');
  });

  it('filters flows by status and sizes nodes by exchanged value', async () => {
    const { data, net, root } = await mountSample('size-by="value"');
    const flows = data.value!.document.flows;
    const planned = flows.filter((f) => f.status === 'planned').length;
    expect(planned).to.be.greaterThan(0);
    // Parallel flows of one kind are one edge: count the flows the edges carry.
    const flowsShown = () => net.cytoscape!.edges().reduce((n, e) => n + (e.data('count') as number), 0);
    const all = flowsShown();
    expect(all).to.equal(flows.length);
    const statusBoxes = root.querySelectorAll<HTMLInputElement>('[part="legend"] fieldset:nth-of-type(2) input');
    statusBoxes[2]!.click(); // planned
    await waitUntil(() => flowsShown() === all - planned, 'planned flows hidden');
    const widths = net.cytoscape!.nodes().map((n) => n.width());
    expect(new Set(widths).size).to.be.greaterThan(4);
  });

  it('brings forward the establishments another widget highlights', async () => {
    const { data, net } = await mountSample();
    data.highlight(['raffinerie', 'cimenterie-estuaire'].filter((id) => data.value!.index.nodeOf.has(id)).concat(data.value!.document.establishments[5]!.id));
    await net.updateComplete;
    await waitUntil(() => net.cytoscape!.getElementById('raffinerie').hasClass('highlighted'), 'highlighted');
    const faded = net.cytoscape!.nodes('.faded').length;
    expect(faded).to.be.greaterThan(50);
    data.highlight([]);
    await waitUntil(() => net.cytoscape!.nodes('.faded').length === 0, 'highlight cleared');
  });

  it('uses preset positions for the force layout, and lays large networks out in a worker', async () => {
    const big = generateNetwork(2500, 2);
    const positions = Object.fromEntries(big.establishments.map((e, i) => [e.id, { x: (i % 50) * 20, y: Math.floor(i / 50) * 20 }]));
    const preset = await fixture<ToileData>(html`<toile-data .data=${big}><toile-network layout="force" .positions=${positions}></toile-network></toile-data>`);
    if (!preset.value) await oneEvent(preset, 'toile-data-change');
    const a = preset.querySelector('toile-network')!;
    await waitUntil(() => a.cytoscape !== undefined, 'drawn', { timeout: 8000 });
    expect(a.cytoscape!.getElementById('e51').position()).to.deep.equal({ x: 20, y: 20 });
    preset.remove();
    const computed = await fixture<ToileData>(html`<toile-data .data=${big}><toile-network layout="force"></toile-network></toile-data>`);
    if (!computed.value) await oneEvent(computed, 'toile-data-change');
    const b = computed.querySelector('toile-network')!;
    await waitUntil(() => b.cytoscape !== undefined, 'drawn', { timeout: 8000 });
    const start = positionsOf(b).slice(0, 50).join();
    // Computed off the main thread: the status line says so until the worker answers.
    await waitUntil(() => b.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('disposition'), 'worker running', { timeout: 8000 });
    await waitUntil(() => positionsOf(b).slice(0, 50).join() !== start, 'worker layout applied', { timeout: 60000 });
  }).timeout(90000);

  it('paints the overlay of a large network on its own layer, without restyling cytoscape nodes', async () => {
    const big = generateNetwork(2500, 2);
    const positions = Object.fromEntries(big.establishments.map((e, i) => [e.id, { x: (i % 50) * 20, y: Math.floor(i / 50) * 20 }]));
    const data = await fixture<ToileData>(html`<toile-data .data=${big}><toile-network layout="force" .positions=${positions}></toile-network></toile-data>`);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const net = data.querySelector('toile-network')!;
    await waitUntil(() => net.cytoscape !== undefined, 'drawn', { timeout: 8000 });
    expect(net.overlayMode).to.equal('layer');
    net.fit(['e0']);
    net.setOverlay(new Map([['e0', 1]]));
    const canvas = net.shadowRoot!.querySelector<HTMLCanvasElement>('[part="overlay"]')!;
    const at = net.cytoscape!.getElementById('e0').renderedPosition();
    const ratio = canvas.width / canvas.clientWidth;
    const pixel = canvas.getContext('2d')!.getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data;
    expect([...pixel]).to.deep.equal([...rgb(overlayColour(1)), 255]);
    // cytoscape's own style is untouched: no full redraw of 2,500 nodes and their edges.
    expect(net.cytoscape!.getElementById('e0').style('background-color')).to.not.equal(`rgb(${rgb(overlayColour(1)).join(',')})`);
    net.setOverlay(undefined);
    expect([...canvas.getContext('2d')!.getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data]).to.deep.equal([0, 0, 0, 0]);
  });

  it('moves between list rows with the arrow keys, one tab stop for the list', async () => {
    const { root } = await mount();
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[part="list"] button')];
    expect(buttons.filter((b) => b.tabIndex === 0).length).to.equal(1);
    buttons[0]!.focus();
    buttons[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(root.activeElement).to.equal(buttons[1]);
    buttons[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    expect(root.activeElement).to.equal(buttons[buttons.length - 1]);
  });

  it('speaks English with lang="en" and follows the dark theme on the canvas', async () => {
    const data = await fixture<ToileData>(html`<toile-data .data=${doc} lang="en"><toile-network theme="dark"></toile-network></toile-data>`);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const net = data.querySelector('toile-network')!;
    await waitUntil(() => net.cytoscape !== undefined, 'drawn', { timeout: 5000 });
    expect(net.shadowRoot!.textContent).to.contain('Outside partners');
    expect(net.shadowRoot!.textContent).to.not.contain('Partenaires extérieurs');
    const dark = net.cytoscape!.nodes()[0]!.style('color');
    net.theme = 'light';
    await net.updateComplete;
    expect(net.cytoscape!.nodes()[0]!.style('color')).to.not.equal(dark);
    expect(getComputedStyle(net).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('survives being moved around the page many times without leaking instances', async () => {
    const { data, net } = await mount();
    const other = await fixture<HTMLDivElement>(html`<div></div>`);
    const seen = new Set<unknown>();
    for (let i = 0; i < 8; i++) {
      if (i % 2) {
        data.append(net);
        await waitUntil(() => net.cytoscape !== undefined && !net.cytoscape.destroyed(), 'redrawn', { timeout: 5000 });
        seen.add(net.cytoscape);
      } else {
        other.append(net);
        expect(net.cytoscape).to.equal(undefined);
      }
    }
    data.append(net);
    await waitUntil(() => net.cytoscape !== undefined && !net.cytoscape.destroyed(), 'redrawn', { timeout: 5000 });
    // One live instance, one canvas set; every earlier instance destroyed.
    expect([...seen].filter((cy) => cy !== net.cytoscape && !(cy as { destroyed(): boolean }).destroyed()).length).to.equal(0);
    expect(net.shadowRoot!.querySelectorAll('[part="canvas"] canvas').length).to.be.lessThan(5);
  });

  it('names the most important establishments at the default view, in screen pixels and without overlaps, more as one zooms in', async () => {
    const { net, root } = await mountSample();
    await waitUntil(() => net.shownLabels > 0, 'names drawn');
    const names = () => [...root.querySelectorAll<SVGTextElement>('[part="labels"] text')];
    const overlapping = () => {
      const boxes = names().map((t) => t.getBoundingClientRect());
      const pairs: string[] = [];
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b, j) => {
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
            pairs.push(`${names()[i]!.textContent} × ${names()[i + 1 + j]!.textContent}`);
        }),
      );
      return pairs;
    };
    expect(overlapping()).to.deep.equal([]);
    const shown = names().map((t) => t.textContent);
    // The largest employers come first.
    expect(
      shown.some((t) => t === 'Raffinerie de la Vire-Marine' || t === 'Aciérie de l’Estuaire'),
      shown.join(' | '),
    ).to.equal(true);
    expect(getComputedStyle(root.querySelector('[part="labels"] text.label')!).fontSize).to.equal('12px');
    // Zoomed in on the territory, names of its establishments that had no room appear.
    const inside = () => root.querySelectorAll('[part="labels"] text.label:not(.outside)').length;
    const before = inside();
    const cy = net.cytoscape!;
    const centre = cy.nodes().not('.external').renderedBoundingBox({});
    cy.zoom({ level: cy.zoom() * 2.2, renderedPosition: { x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 } });
    await waitUntil(() => inside() > before, `more names once zoomed in (${before} before)`);
    expect(overlapping()).to.deep.equal([]);
    expect(getComputedStyle(root.querySelector('[part="labels"] text.label')!).fontSize).to.equal('12px');
  });

  it('fits the territory at first view, outside partners on the rim named by direction and place', async () => {
    const { net } = await mountSample();
    const cy = net.cytoscape!;
    expect(allInView(net)).to.equal(true);
    const partner = cy.nodes('.external').filter((n) => /^[→↘↓↙←↖↑↗] \S/.test(n.data('label') as string));
    expect(partner.length).to.be.greaterThan(5);
    // The rim lies outside the territory's establishments.
    const inside = cy.nodes().not('.external').boundingBox({});
    partner.forEach((n) => {
      const p = n.position();
      expect(p.x < inside.x1 || p.x > inside.x2 || p.y < inside.y1 || p.y > inside.y2, n.id()).to.equal(true);
    });
  });

  it('makes the selection stand out at every zoom: a halo and its name in screen pixels, the rest dimmed but shown', async () => {
    const { data, net, root } = await mountSample();
    data.select('acierie');
    await waitUntil(() => root.querySelector('[part="labels"] .halo.selected') !== null, 'halo drawn');
    const cy = net.cytoscape!;
    for (const factor of [1, 0.2, 6]) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: cy.getElementById('acierie').renderedPosition() });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const halo = root.querySelector<SVGCircleElement>('[part="labels"] .halo.selected')!;
      expect(Number(halo.getAttribute('r'))).to.be.at.least(cy.getElementById('acierie').renderedWidth() / 2 + 5);
      expect(getComputedStyle(halo).strokeWidth).to.equal('3px');
      expect(root.querySelector('[part="labels"] text.selected')!.textContent).to.equal('Aciérie de l’Estuaire');
    }
    const faded = cy.nodes('.faded');
    expect(faded.length).to.be.greaterThan(10);
    expect(Number(faded[0]!.style('opacity'))).to.be.within(0.2, 0.5);
    expect(faded[0]!.visible()).to.equal(true);
    expect(root.querySelectorAll('[part="labels"] .halo.neighbour').length).to.be.greaterThan(2);
  });

  it('draws parallel flows of one kind as one edge, wider by value, with arrows', async () => {
    const parallel = {
      ...doc,
      flows: [
        ...doc.flows,
        { id: 'f4', from: 'a', to: 'b', kind: 'byproduct', valueEur: 900000 },
        { id: 'f5', from: 'a', to: 'b', kind: 'energy', valueEur: 1000 },
        { id: 'f6', from: 'a', to: 'b', kind: 'energy', status: 'planned' },
      ],
    };
    const data = await fixture<ToileData>(html`<toile-data .data=${parallel}><toile-network></toile-network></toile-data>`);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const net = data.querySelector('toile-network')!;
    await waitUntil(() => net.cytoscape !== undefined, 'drawn', { timeout: 5000 });
    const between = net.cytoscape!.getElementById('a').edgesTo(net.cytoscape!.getElementById('b'));
    // By-products (2 flows), active energy, planned energy: three edges for four flows.
    expect(between.length).to.equal(3);
    const byproduct = between.filter('.k-byproduct');
    expect(byproduct.data('count')).to.equal(2);
    expect(parseFloat(byproduct.style('width'))).to.be.greaterThan(parseFloat(between.filter('.k-energy').not('.inactive').style('width')));
    expect(byproduct.style('target-arrow-shape')).to.equal('triangle');
    expect(net.shadowRoot!.querySelector('[part="legend"]')!.textContent).to.contain('épaisseur : valeur annuelle des flux');
  });

  it('has a legend of sectors that filters, and refits the view after every filter and layout change', async () => {
    const { net, root } = await mountSample();
    const cy = () => net.cytoscape!;
    const legendText = root.querySelector('[part="legend"]')!.textContent!;
    for (const words of ['agroalimentaire', 'autres secteurs', 'partenaire extérieur', 'taille : effectifs', 'Types de flux', 'Statut des flux'])
      expect(legendText).to.contain(words);
    const total = cy().nodes().length;
    cy().zoom(4);
    const food = [...root.querySelectorAll<HTMLLabelElement>('[part="legend"] .sectors label')].find((l) => l.textContent!.includes('agroalimentaire'))!;
    food.querySelector('input')!.click();
    await waitUntil(() => net.cytoscape!.nodes().length === total - 9, 'sector hidden');
    expect(allInView(net)).to.equal(true);
    food.querySelector('input')!.click();
    await waitUntil(() => net.cytoscape!.nodes().length === total, 'sector back');
    // Zoomed in on the map, then to the sectors: the new layout is fitted, not left at the old zoom.
    cy().zoom({ level: cy().zoom() * 5, renderedPosition: { x: 10, y: 10 } });
    const select = root.querySelector<HTMLSelectElement>('[part="toolbar"] select')!;
    select.value = 'sector';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => net.cytoscape && net.layout === 'sector' && root.querySelectorAll('[part="labels"] text.group').length > 5, 'sector groups named');
    expect(allInView(net)).to.equal(true);
    const groups = [...root.querySelectorAll('[part="labels"] text.group')].map((t) => t.textContent);
    expect(groups).to.include('chimie');
  });

  it('lays out the value chain in columns by stage; a missing stage is an empty column', async () => {
    const chain = {
      ...doc,
      flows: [
        { id: 'f1', from: 'x', to: 'a', kind: 'supply' },
        { id: 'f2', from: 'a', to: 'b', kind: 'byproduct' },
        { id: 'f3', from: 'c', to: 'b', kind: 'logistics' },
      ],
    };
    const data = await fixture<ToileData>(html`<toile-data .data=${chain}><toile-network layout="chain"></toile-network></toile-data>`);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const net = data.querySelector('toile-network')!;
    await waitUntil(() => net.cytoscape !== undefined && net.shadowRoot!.querySelectorAll('[part="labels"] text.column').length === 5, 'columns named', {
      timeout: 5000,
    });
    const columns = [...net.shadowRoot!.querySelectorAll('[part="labels"] text.column')].map((t) => t.textContent);
    expect(columns).to.deep.equal(['Sources (1)', 'Transformation (0)', 'Utilisateurs (1)', 'Valorisation (1)', 'Hors chaîne (1)']);
    const x = (id: string) => net.cytoscape!.getElementById(id).position().x;
    // The mine supplies the steelworks, whose slag the cement plant recovers; the carrier is outside the chain.
    expect(x('x')).to.be.lessThan(x('a'));
    expect(x('a')).to.be.lessThan(x('b'));
    expect(x('b')).to.be.lessThan(x('c'));
    expect(allInView(net)).to.equal(true);
  });

  it('under an overlay, sector colours step back to neutral and the overlay has its own legend', async () => {
    const { net, root } = await mountSample();
    const cy = net.cytoscape!;
    const colour = cy.getElementById('raffinerie').style('background-color');
    net.setOverlay(
      new Map([
        ['acierie', 1],
        ['cimenterie', 0.4],
      ]),
      { title: 'Inopérabilité' },
    );
    await net.updateComplete;
    const legend = root.querySelector('[part="overlay-legend"]')!;
    expect(legend.textContent).to.contain('Inopérabilité');
    expect(legend.textContent).to.contain('non atteint');
    expect(legend.textContent).to.contain('100 %');
    expect(legend.querySelectorAll('stop').length).to.be.greaterThan(4);
    expect(cy.getElementById('raffinerie').style('background-color')).to.equal(`rgb(${rgb(NEUTRAL).join(',')})`);
    expect(cy.getElementById('acierie').style('background-color')).to.equal(`rgb(${rgb(overlayColour(1)).join(',')})`);
    expect(root.querySelector('[part="legend"] .sectors')!.classList.contains('stepped-back')).to.equal(true);
    net.setOverlay(undefined);
    await net.updateComplete;
    expect(root.querySelector('[part="overlay-legend"]')).to.equal(null);
    expect(cy.getElementById('raffinerie').style('background-color')).to.equal(colour);
  });

  it('draws the territory geometry with its places, and still reads an older outline', async () => {
    const { data, root } = await mountSample();
    expect(data.value!.document.territory.geometry).to.not.equal(undefined);
    await waitUntil(() => root.querySelectorAll('[part="labels"] text.place').length >= 3, 'places named');
    const old = {
      ...doc,
      territory: {
        id: 't',
        name: 'Test',
        outline: {
          type: 'Polygon',
          coordinates: [
            [
              [0.1, 49.4],
              [0.3, 49.4],
              [0.3, 49.5],
              [0.1, 49.4],
            ],
          ],
        },
      },
    };
    const other = await fixture<ToileData>(html`<toile-data .data=${old}><toile-network></toile-network></toile-data>`);
    if (!other.value) await oneEvent(other, 'toile-data-change');
    const net = other.querySelector('toile-network')!;
    await waitUntil(() => net.shadowRoot!.querySelector('[part="outline"] path') !== null, 'outline drawn', { timeout: 5000 });
  });

  it('exports the view as PNG and SVG with its title, outline, legend and attribution', async () => {
    const { data, net, root } = await mountSample();
    const stage = root.querySelector<HTMLElement>('[part="stage"]')!;
    const png = (await net.toImage('png'))!;
    expect(png.type).to.equal('image/png');
    const image = await createImageBitmap(png);
    expect(image.width).to.equal(stage.clientWidth * 2);
    expect(image.height).to.be.greaterThan(stage.clientHeight * 2 + 80);
    const svgText = await (await net.toImage('svg'))!.text();
    const meta = data.value!.document.meta;
    expect(svgText).to.contain(meta.title.replace(/&/g, '&amp;'));
    expect(svgText).to.contain(meta.publisher!);
    expect(svgText).to.contain('Achats et fournitures');
    expect(svgText).to.contain('<path d="M');
    expect(new DOMParser().parseFromString(svgText, 'image/svg+xml').querySelector('parsererror')).to.equal(null);
  });

  it('draws no basemap unless asked; with one, tiles from the given server sit under the nodes they belong to', async () => {
    const plain = await mountSample();
    expect(plain.root.querySelector('[part="basemap"]')).to.equal(null);
    // Every fetch is recorded (the test page raises the buffer first): not fetched means not fetched.
    expect(performance.getEntriesByType('resource').length).to.be.below(10000);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('tile.png'))).to.equal(false);
    // Off the page, so that the next one is on screen (drawing waits for visibility).
    plain.data.remove();
    const tiles = `${location.origin}/packages/widgets/fixtures/tile.png?{z}/{x}/{y}`;
    const { data, net, root } = await mountSample(`basemap="${tiles}" basemap-attribution="© Tuiles d’essai <b>locales</b>"`);
    await waitUntil(
      () => [...root.querySelectorAll<HTMLImageElement>('[part="basemap"] img')].some((i) => i.complete && i.naturalWidth === 256),
      'tiles loaded',
      { timeout: 8000 },
    );
    const sources = [...root.querySelectorAll<HTMLImageElement>('[part="basemap"] img')].map((i) => new URL(i.src));
    expect(sources.every((u) => u.origin === location.origin && /^\d+\/\d+\/\d+$/.test(u.search.slice(1)))).to.equal(true);
    // The plain-text credit, never markup.
    expect(root.querySelector('[part="attribution"]')!.textContent).to.equal('© Tuiles d’essai <b>locales</b>');
    expect(root.querySelector('[part="attribution"] b')).to.equal(null);
    // Leaflet's own projection puts the steelworks' coordinates where cytoscape draws the steelworks, at any zoom.
    const map = (net as unknown as { basemapMap: LeafletMap }).basemapMap;
    const steelworks = data.value!.document.establishments.find((e) => e.id === 'acierie')!;
    for (const factor of [1, 2.5]) {
      const cy = net.cytoscape!;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: 100, y: 80 } });
      const onMap = map.latLngToContainerPoint([steelworks.location!.lat!, steelworks.location!.lon!]);
      const onGraph = cy.getElementById('acierie').renderedPosition();
      expect(Math.abs(onMap.x - onGraph.x)).to.be.lessThan(1);
      expect(Math.abs(onMap.y - onGraph.y)).to.be.lessThan(1);
    }
    expect(root.querySelector('[part="outline"] path')).to.not.equal(null);
  });

  it('brings the search results forward on the canvas, the rest dimmed', async () => {
    const { net, root } = await mountSample();
    const input = root.querySelector<HTMLInputElement>('[part="side"] input[type="search"]')!;
    input.value = 'raffinerie';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => net.cytoscape!.getElementById('raffinerie').hasClass('highlighted'), 'result highlighted');
    expect(net.cytoscape!.getElementById('acierie').hasClass('faded')).to.equal(true);
    await waitUntil(
      () => [...root.querySelectorAll('[part="labels"] text.highlighted')].some((t) => t.textContent === 'Raffinerie de la Vire-Marine'),
      'result named',
    );
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => net.cytoscape!.nodes('.faded').length === 0, 'search cleared');
  });

  it('is accessible', async () => {
    const { net } = await mount();
    await expect(net).to.be.accessible();
  });
});
