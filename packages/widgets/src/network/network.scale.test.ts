/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';
import { generateMapTerritory } from '@toile/testkit';
import { EDGE_BUDGET, UNIT_BUDGET } from './aggregate.ts';
import { overlayColour } from './palette.ts';
import type { ToileDocument } from '@toile/schema';
import '../base/resize-loop.fixture.ts';

/** The channels of a `#rrggbb` or `rgb(…)` colour. */
const rgb = (colour: string) =>
  colour.startsWith('#') ? [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) : colour.match(/\d+/g)!.slice(0, 3).map(Number);

const generated = new Map<number, ToileDocument>();
const territory = (n: number) => generated.get(n) ?? generated.set(n, generateMapTerritory(n)).get(n)!;

async function mountLarge(n: number, layout = 'geo') {
  const data = await fixture<ToileData>(
    html`<toile-data .data=${territory(n)}><toile-network layout=${layout} style="--toile-network-height: 600px"></toile-network></toile-data>`,
  );
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const net = data.querySelector('toile-network') as ToileNetwork;
  await waitUntil(() => net.cytoscape !== undefined, 'cytoscape drawn', { timeout: 30000 });
  return { data, net, cy: net.cytoscape!, root: net.shadowRoot! };
}

/** Waits for the view to settle after a pan or zoom (the aggregated view follows it after 150 ms). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('<toile-network> at scale: the aggregated view', function () {
  this.timeout(120000);

  it('holds a few thousand elements at most for 20,000 establishments, grouped by commune, with names on screen', async () => {
    const { net, cy, root } = await mountLarge(20000);
    expect(net.aggregated).to.equal(true);
    expect(cy.elements().length).to.be.at.most(UNIT_BUDGET + EDGE_BUDGET);
    const clusters = cy.nodes('.cluster');
    expect(clusters.length).to.be.greaterThan(10);
    // Every establishment is in exactly one cluster or shown one by one.
    const total = clusters.reduce((s, c) => s + (c.data('members') as number), 0) + cy.nodes().not('.cluster').length;
    expect(total).to.equal(territory(20000).establishments.length);
    // Clusters on the map are communes: named after them, with their count.
    expect(clusters.some((c) => /^Commune \d+ \([\d\s\u202f]+\)$/.test(c.data('label') as string))).to.equal(true);
    await waitUntil(() => net.shownLabels > 0, 'names drawn');
    expect(root.querySelector('[part="status"]')!.textContent).to.match(/20\s000 établissements : \d+ groupes/);
  });

  it('opens a cluster on click and shows more establishments one by one as one zooms in', async () => {
    const { net, cy } = await mountLarge(20000);
    const before = cy.nodes().not('.cluster').length;
    const biggest = cy.nodes('.cluster').sort((a, b) => (b.data('members') as number) - (a.data('members') as number))[0]!;
    const zoom = cy.zoom();
    biggest.emit('tap');
    await settle();
    expect(cy.zoom()).to.be.greaterThan(zoom);
    expect(cy.elements().length).to.be.at.most(UNIT_BUDGET + EDGE_BUDGET);
    // Zoom on until establishments appear one by one.
    for (let k = 0; k < 6 && cy.nodes().not('.cluster').length <= before; k++) {
      cy.zoom({ level: cy.zoom() * 2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      await settle();
    }
    expect(cy.nodes().not('.cluster').length).to.be.greaterThan(before);
    expect(cy.elements().length).to.be.at.most(UNIT_BUDGET + EDGE_BUDGET);
    net.fit();
    await settle();
    expect(cy.zoom()).to.be.closeTo(zoom, zoom * 0.01);
  });

  it('shows the selection one by one with its neighbours, wherever it was grouped', async () => {
    const { data, net, cy, root } = await mountLarge(20000);
    const doc = territory(20000);
    // An establishment that sits in a cluster at the first view.
    const hidden = doc.establishments.find((e) => !e.external && cy.getElementById(e.id).empty() && doc.flows.some((f) => f.to === e.id))!;
    data.select(hidden.id);
    await waitUntil(() => cy.getElementById(hidden.id).nonempty(), 'selection shown one by one');
    expect(cy.getElementById(hidden.id).hasClass('selected')).to.equal(true);
    const supplier = doc.flows.find((f) => f.to === hidden.id)!.from;
    expect(cy.getElementById(supplier).nonempty()).to.equal(true);
    await waitUntil(() => root.querySelector('[part="labels"] circle.halo.selected') !== null, 'halo drawn');
    await waitUntil(() => [...root.querySelectorAll('[part="labels"] text.selected')].some((t) => t.textContent === hidden.name), 'selection named');
    void net;
  });

  it('groups by sector in the sector layout and by stage in the chain layout at first view', async () => {
    const { cy } = await mountLarge(20000, 'sector');
    const sectors = new Set(territory(20000).establishments.map((e) => (e.external ? 'external' : e.sectors![0])));
    expect(cy.nodes('.cluster').length).to.be.at.most(sectors.size);
    expect(cy.nodes('.cluster').some((c) => /^métallurgie \(/.test(c.data('label') as string))).to.equal(true);
  });

  it('paints an overlay on the clusters that hold the affected establishments', async () => {
    const { net, cy } = await mountLarge(20000);
    const cluster = cy.nodes('.cluster').sort((a, b) => (b.data('members') as number) - (a.data('members') as number))[0]!;
    const inside = territory(20000).establishments.find((e) => cy.getElementById(e.id).empty() && net['large']!.unitOf(e.id) === cluster.id())!;
    net.setOverlay(new Map([[inside.id, 1]]));
    const canvas = net.shadowRoot!.querySelector<HTMLCanvasElement>('[part="overlay"]')!;
    const at = cluster.renderedPosition();
    const ratio = canvas.width / canvas.clientWidth;
    const pixel = canvas.getContext('2d')!.getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data;
    expect([...pixel]).to.deep.equal([...rgb(overlayColour(1)), 255]);
  });

  it('keeps the list complete: every establishment reachable by keyboard, the search over all of them', async () => {
    const { root } = await mountLarge(20000);
    const doc = territory(20000);
    await waitUntil(() => root.querySelector('[part="list"] [role="listitem"]') !== null, 'list drawn');
    const row = root.querySelector('[part="list"] [role="listitem"]')!;
    expect(row.getAttribute('aria-setsize')).to.equal(String(doc.establishments.length));
    expect(root.querySelectorAll('[part="list"] button').length).to.be.below(300);
    const first = root.querySelector<HTMLButtonElement>('[part="list"] button')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    const last = doc.establishments[doc.establishments.length - 1]!.name;
    await waitUntil(() => (root.activeElement as HTMLElement | null)?.textContent?.includes(last), 'last establishment focused');
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'etablissement 1999';
    search.dispatchEvent(new Event('input'));
    // "Établissement 1999" and "Établissement 19990" … "19999": eleven, all of them listed.
    await waitUntil(() => root.querySelector('[part="list"] [role="listitem"]')?.getAttribute('aria-setsize') === '11', 'search over the whole list');
  });

  it('streams the force layout from its worker into the aggregated view, frame by frame', async () => {
    const data = await fixture<ToileData>(html`<toile-data .data=${territory(5000)}><toile-network layout="force"></toile-network></toile-data>`);
    if (!data.value) await oneEvent(data, 'toile-data-change');
    const net = data.querySelector('toile-network') as ToileNetwork;
    const frames: { done: boolean; ms: number }[] = [];
    net.addEventListener('toile-network-layout', (e) => frames.push((e as CustomEvent<{ done: boolean; ms: number }>).detail));
    await waitUntil(() => net.cytoscape !== undefined, 'drawn', { timeout: 30000 });
    expect(net.aggregated).to.equal(true);
    const before = net
      .cytoscape!.nodes('.cluster')
      .map((c) => `${Math.round(c.position().x)},${Math.round(c.position().y)}`)
      .join();
    await waitUntil(() => frames.some((f) => f.done), 'layout done', { timeout: 100000, interval: 200 });
    // Positions came in several frames before the last, each applied to the view.
    expect(frames.filter((f) => !f.done).length).to.be.greaterThan(1);
    const after = net
      .cytoscape!.nodes('.cluster')
      .map((c) => `${Math.round(c.position().x)},${Math.round(c.position().y)}`)
      .join();
    expect(after).to.not.equal(before);
    expect(net.cytoscape!.elements().length).to.be.at.most(UNIT_BUDGET + EDGE_BUDGET);
  });

  it('aggregates 100,000 establishments', async () => {
    const { net, cy } = await mountLarge(100000);
    expect(net.aggregated).to.equal(true);
    expect(cy.elements().length).to.be.at.most(UNIT_BUDGET + EDGE_BUDGET);
  });
});
