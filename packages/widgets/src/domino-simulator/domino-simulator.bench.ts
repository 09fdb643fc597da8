/// <reference types="mocha" />
/**
 * Measurements, not tests (no timed assertions): run with
 * `npx wtr --files src/domino-simulator/domino-simulator.bench.ts` and read the browser logs.
 * On a generated 10k network: click → cascade result painted on <toile-network>, and the longest
 * main-thread stall while the systemic ranking of the 10k closures runs in the worker.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.ts';
import './domino-simulator.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from '../network/network.component.ts';
import { generateNetwork } from '@toile/testkit';

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

describe('domino simulator on 10k establishments (measurements)', function () {
  this.timeout(120_000);

  it('cascade painted after the click; ranking without freezing the page', async () => {
    let t = performance.now();
    const doc = generateNetwork(10_000);
    const data = await fixture<ToileData>(
      html`<toile-data .data=${doc}><toile-network></toile-network><toile-domino-simulator></toile-domino-simulator></toile-data>`,
    );
    if (!data.value) await oneEvent(data, 'toile-data-change');
    console.log(`load + validate + index: ${(performance.now() - t).toFixed(0)} ms (${doc.establishments.length} establishments, ${doc.flows.length} flows)`);
    const net = data.querySelector('toile-network') as ToileNetwork;
    t = performance.now();
    await waitUntil(() => net.cytoscape, 'drawn', { timeout: 60_000 });
    console.log(`network drawn: ${(performance.now() - t).toFixed(0)} ms`);
    const sim = data.querySelector('toile-domino-simulator')!;
    await new Promise((r) => setTimeout(r, 1000)); // the worker has received the document meanwhile
    const root = sim.shadowRoot!;
    for (const [k, closed] of [['e0'], ['e1', 'e2'], ['e3']].entries()) {
      sim.closed = closed;
      await sim.updateComplete;
      const run = [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Lancer la simulation')!;
      const result = oneEvent(sim, 'toile-domino-result');
      t = performance.now();
      run.click();
      await result;
      const handled = performance.now() - t;
      await sim.updateComplete;
      const painted = (await frame()) - t;
      expect(sim.lastRunIn).to.equal('worker');
      console.log(
        `cascade ${k + 1} (${closed.join('+')}): ${sim.result!.outcome.totals.establishmentsAffected} affected; result + overlay set ${handled.toFixed(0)} ms; next frame painted ${painted.toFixed(0)} ms after the click`,
      );
    }
    // Where the time goes on the network side: setOverlay restyles every node; a redraw of 10k nodes
    // and 30k edges alone costs what the frame below shows (software rendering in headless Chromium).
    const cy = net.cytoscape!;
    const values = new Map(sim.result!.outcome.results.map((r) => [r.id, r.inoperability]));
    t = performance.now();
    net.setOverlay(values);
    console.log(`setOverlay (${values.size} values, every node restyled): ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    cy.batch(() => values.forEach((v, id) => cy.getElementById(id).style('background-color', v > 0.5 ? 'rgb(255,0,0)' : 'rgb(220,100,100)')));
    console.log(`restyling only the ${values.size} affected nodes: ${(performance.now() - t).toFixed(0)} ms`);
    await frame();
    t = performance.now();
    cy.getElementById('e5').style('background-color', 'rgb(0,0,255)');
    console.log(`one node restyled, next frame: ${((await frame()) - t).toFixed(0)} ms (cytoscape's full redraw)`);
    // Ranking: the longest gap between animation frames while the worker ranks.
    let longest = 0;
    let last = performance.now();
    let running = true;
    const watch = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (running) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    t = performance.now();
    await sim.rankSystemic();
    running = false;
    console.log(
      `systemic ranking (cascade) of 10k in the worker: ${(performance.now() - t).toFixed(0)} ms; longest frame gap ${longest.toFixed(0)} ms; top: ${sim.ranking![0]!.id}`,
    );
  });
});
