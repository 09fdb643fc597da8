/// <reference types="mocha" />
/**
 * `<toile-network>` in a Chromium launched without WebGL (`--disable-webgl --disable-3d-apis`: the
 * `no-webgl` group of web-test-runner.config.mjs), as on machines and browsers that lack it (issue #18).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';
import { generateMapTerritory } from '@toile/testkit';
import '../base/resize-loop.fixture.ts';

const SAMPLE = '/examples/data/port-estuaire.toile.json';

type Ready = { nodes: number; edges: number; ms: number };

/** Mounts `markup` (a `<toile-data>` with a `<toile-network>`) and waits for the network's first frame. */
async function mount(markup: string, timeout = 15000) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  // Listening before the elements exist: the first frame cannot be missed.
  const ready = new Promise<Ready>((resolve) => host.addEventListener('toile-network-ready', (e) => resolve((e as CustomEvent<Ready>).detail), { once: true }));
  host.innerHTML = markup;
  const data = host.querySelector('toile-data') as ToileData;
  const net = host.querySelector('toile-network') as ToileNetwork;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const detail = await Promise.race([
    ready,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no toile-network-ready within ${timeout} ms`)), timeout))),
  ]).finally(() => clearTimeout(timer));
  return { host, data, net, root: net.shadowRoot!, detail };
}

/** Pixels that cytoscape's canvases show (not transparent), over all its layers. */
function paintedPixels(net: ToileNetwork): number {
  let count = 0;
  for (const canvas of net.shadowRoot!.querySelectorAll<HTMLCanvasElement>('[part="canvas"] canvas')) {
    // A WebGL layer has no 2d context: null here.
    const context = canvas.width && canvas.height ? canvas.getContext('2d') : null;
    if (!context) continue;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) count++;
  }
  return count;
}

describe('<toile-network> without WebGL', () => {
  it('runs in a browser where WebGL is really unavailable', () => {
    expect(document.createElement('canvas').getContext('webgl')).to.equal(null);
    expect(document.createElement('canvas').getContext('webgl2')).to.equal(null);
    expect(document.createElement('canvas').getContext('experimental-webgl')).to.equal(null);
  });

  it('draws the sample territory with names, and the selection with its halo', async () => {
    const { data, net, root } = await mount(`<toile-data src="${SAMPLE}"><toile-network></toile-network></toile-data>`);
    expect(net.cytoscape!.nodes().length).to.equal(data.value!.document.establishments.length);
    expect(paintedPixels(net)).to.be.greaterThan(0);
    await waitUntil(() => net.shownLabels > 0, 'names drawn');
    data.select('acierie');
    await waitUntil(() => root.querySelector('[part="labels"] .halo.selected') !== null, 'halo drawn');
    expect(root.querySelector('[part="labels"] text.selected')!.textContent).to.equal('Aciérie de l’Estuaire');
    expect(net.cytoscape!.getElementById('acierie').hasClass('selected')).to.equal(true);
  });

  it('draws 5,000 establishments and their flows on a generated territory', async () => {
    const doc = generateMapTerritory(5000);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const ready = new Promise<Ready>((resolve) =>
      host.addEventListener('toile-network-ready', (e) => resolve((e as CustomEvent<Ready>).detail), { once: true }),
    );
    const data = document.createElement('toile-data') as ToileData;
    data.data = doc;
    const net = document.createElement('toile-network') as ToileNetwork;
    data.append(net);
    host.append(data);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const detail = await ready;
    expect(detail.nodes).to.be.greaterThan(0);
    expect(net.cytoscape!.nodes().length).to.be.greaterThan(0);
    expect(paintedPixels(net)).to.be.greaterThan(0);
    // Aggregated, and it opens: the selection shows one by one with its halo, a cluster opens on click.
    expect(net.aggregated).to.equal(true);
    const cy = net.cytoscape!;
    const hidden = doc.establishments.find((e) => !e.external && cy.getElementById(e.id).empty())!;
    data.select(hidden.id);
    await waitUntil(() => cy.getElementById(hidden.id).hasClass('selected'), 'selection shown one by one');
    await waitUntil(() => net.shadowRoot!.querySelector('[part="labels"] .halo.selected') !== null, 'halo drawn');
    const zoom = cy.zoom();
    cy.nodes('.cluster')[0]!.emit('tap');
    expect(cy.zoom()).to.be.greaterThan(zoom);
  }).timeout(120000);

  // Last: a failed WebGL start must not leave anything behind for the networks drawn after it.
  it('with renderer="webgl", falls back to the canvas renderer and draws; canvas networks drawn after it still draw', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in e ? e.reason : e.message));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const { data, net } = await mount(`<toile-data src="${SAMPLE}"><toile-network renderer="webgl"></toile-network></toile-data>`);
      expect(net.cytoscape!.nodes().length).to.equal(data.value!.document.establishments.length);
      expect(paintedPixels(net)).to.be.greaterThan(0);
      // cytoscape's WebGL layer (layer3-webgl) is not there: the canvas renderer draws.
      expect(net.shadowRoot!.querySelectorAll('[part="canvas"] canvas[data-id$="webgl"]').length).to.equal(0);
      await waitUntil(() => net.shownLabels > 0, 'names drawn');
      data.remove();
      const after = await mount(`<toile-data src="${SAMPLE}"><toile-network></toile-network></toile-data>`);
      expect(after.net.cytoscape!.nodes().length).to.equal(after.data.value!.document.establishments.length);
      expect(paintedPixels(after.net)).to.be.greaterThan(0);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });
});
