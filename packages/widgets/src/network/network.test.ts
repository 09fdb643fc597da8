/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';

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

  it('is accessible', async () => {
    const { net } = await mount();
    await expect(net).to.be.accessible();
  });
});
