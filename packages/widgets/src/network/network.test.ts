/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';
import { generateNetwork } from '../domino-simulator/domino-simulator.fixtures.ts';

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
    expect(net.cytoscape!.getElementById('a').style('background-color')).to.equal('rgb(255,0,0)');
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
    const all = net.cytoscape!.edges().length;
    const statusBoxes = root.querySelectorAll<HTMLInputElement>('[part="legend"] fieldset:nth-of-type(2) input');
    statusBoxes[2]!.click(); // planned
    await waitUntil(() => net.cytoscape!.edges().length === all - planned, 'planned flows hidden');
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
    expect([...pixel]).to.deep.equal([255, 0, 0, 255]);
    // cytoscape's own style is untouched: no full redraw of 2,500 nodes and their edges.
    expect(net.cytoscape!.getElementById('e0').style('background-color')).to.not.equal('rgb(255,0,0)');
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

  it('is accessible', async () => {
    const { net } = await mount();
    await expect(net).to.be.accessible();
  });
});
