/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { prepareDomino, rankSystemic, runDomino } from '@toile/sdk';
import '../define.ts';
import './domino-simulator.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from '../network/network.component.ts';
import type { ToileDominoSimulator } from './domino-simulator.component.ts';
import { generateNetwork } from '@toile/testkit';
import '../base/resize-loop.fixture.ts';

// The test server serves the repository: the sample territory is a real file over HTTP.
const SAMPLE = '/examples/data/port-estuaire.toile.json';

/** A real key press through the test runner. */
const press = (key: string) => sendKeys({ press: key });

async function ready(data: ToileData): Promise<void> {
  if (!data.value) await oneEvent(data, 'toile-data-change');
}

async function mountSample(extra = html``) {
  const data = await fixture<ToileData>(
    html`<toile-data id="sample" src=${SAMPLE}>
      <toile-network></toile-network>
      <toile-domino-simulator></toile-domino-simulator>
      ${extra}
    </toile-data>`,
  );
  await ready(data);
  const sim = data.querySelector('toile-domino-simulator')!;
  await sim.updateComplete;
  return { data, sim, root: sim.shadowRoot! };
}

const alertText = (sim: ToileDominoSimulator) => sim.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
const statusText = (sim: ToileDominoSimulator) => sim.shadowRoot!.querySelector('[part="status"]')!.textContent ?? '';
const totals = (sim: ToileDominoSimulator) => [...sim.shadowRoot!.querySelectorAll('[part="totals"] dd')].map((d) => d.textContent!.trim());
const buttonNamed = (root: ShadowRoot, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

describe('<toile-domino-simulator>', () => {
  it('closes a hub of the sample territory: counts, waves chart, list, event, on the main thread', async () => {
    const { data, sim, root } = await mountSample();
    expect(root.querySelector('h2')!.textContent).to.equal('Simulateur de dominos');
    // The searchable list holds the territory's establishments.
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'raffinerie';
    search.dispatchEvent(new Event('input'));
    await sim.updateComplete;
    const boxes = root.querySelectorAll<HTMLInputElement>('[part="sites"] input[type="checkbox"]');
    expect(boxes.length).to.be.greaterThan(0);
    const box = [...boxes].find((b) => b.parentElement!.textContent!.includes('Raffinerie de la Vire-Marine'))!;
    box.click();
    await sim.updateComplete;
    expect(sim.closed).to.deep.equal(['raffinerie']);
    expect(root.querySelector('[part="closed"]')!.textContent).to.contain('Raffinerie de la Vire-Marine');

    setTimeout(() => buttonNamed(root, 'Lancer la simulation').click());
    const event = await oneEvent(sim, 'toile-domino-result');
    await sim.updateComplete;
    const expected = runDomino(data.value!.document, { model: 'cascade', shocks: [{ establishment: 'raffinerie', fraction: 1 }], threshold: 0.5 });
    expect(event.detail).to.deep.equal({
      model: 'cascade',
      closed: ['raffinerie'],
      affected: expected.totals.establishmentsAffected,
      jobs: expected.totals.jobsAtRisk,
    });
    expect(event.detail.affected).to.be.greaterThan(1);
    expect(sim.lastRunIn).to.equal('main');
    expect(totals(sim)[0]).to.equal(String(expected.totals.establishmentsAffected));
    // Waves: the closed site in wave 0, the others after.
    const bars = root.querySelectorAll('[part="chart"] rect.bar');
    expect(bars.length).to.equal(expected.totals.iterations + 1);
    expect(root.querySelector('[part="chart"]')!.getAttribute('aria-label')).to.contain('0 → 1');
    const rows = root.querySelectorAll('[part="results"] table.affected tbody tr');
    expect(rows.length).to.equal(Math.min(50, expected.results.length));
    expect(rows[0]!.textContent).to.contain('Raffinerie');
    expect(statusText(sim)).to.contain('Simulation terminée');
  });

  it('paints the result on every <toile-network> of the same data, and clears it', async () => {
    const { data, sim, root } = await mountSample();
    // A network outside the <toile-data>, pointing to it by id (it must come after it: `source` is looked up once).
    const outside = await fixture<HTMLDivElement>(html`<div><toile-network source="sample"></toile-network></div>`);
    const nested = data.querySelector('toile-network') as ToileNetwork;
    const external = outside.querySelector('toile-network') as ToileNetwork;
    // A network draws once on screen.
    nested.scrollIntoView();
    await waitUntil(() => nested.cytoscape, 'nested network drawn', { timeout: 8000 });
    external.scrollIntoView();
    await waitUntil(() => external.cytoscape, 'outside network drawn', { timeout: 8000 });
    const before = nested.cytoscape!.getElementById('raffinerie').style('background-color');
    sim.closed = ['raffinerie'];
    await sim.run();
    // Closed site painted at full intensity (the top of the network's cividis scale) on both networks; an establishment far from it untouched.
    const full = 'rgb(0,32,81)';
    for (const net of [nested, external]) expect(net.cytoscape!.getElementById('raffinerie').style('background-color')).to.equal(full);
    const untouched = data.value!.document.establishments.find((e) => !sim.result!.outcome.results.some((r) => r.id === e.id))!;
    expect(untouched).to.not.equal(undefined);
    expect(nested.cytoscape!.getElementById(untouched.id).style('background-color')).to.not.equal(full);
    buttonNamed(root, 'Effacer').click();
    await sim.updateComplete;
    expect(nested.cytoscape!.getElementById('raffinerie').style('background-color')).to.equal(before);
    expect(external.cytoscape!.getElementById('raffinerie').style('background-color')).to.equal(before);
    expect(root.querySelector('[part="results"]')).to.equal(null);
  });

  it('shares its result through <toile-data>: a network added after the result still shows it', async () => {
    const { data, sim } = await mountSample();
    sim.closed = ['raffinerie'];
    setTimeout(() => void sim.run());
    const { detail } = await oneEvent(data, 'toile-overlay-change');
    // The overlay is the data's shared state, with the event's detail.
    expect(data.overlay).to.not.equal(undefined);
    expect(detail.overlay).to.equal(data.overlay);
    expect(data.overlay!.values.get('raffinerie')).to.equal(1);
    await sim.updateComplete;
    // Networks added now, nested and pointing to the data by id, paint it once drawn.
    const late = document.createElement('toile-network') as ToileNetwork;
    data.append(late);
    const outside = await fixture<HTMLDivElement>(html`<div><toile-network source="sample"></toile-network></div>`);
    const external = outside.querySelector('toile-network') as ToileNetwork;
    const full = 'rgb(0,32,81)';
    for (const net of [late, external]) {
      net.scrollIntoView();
      await waitUntil(() => net.cytoscape, 'late network drawn', { timeout: 8000 });
      expect(net.overlayValues).to.equal(data.overlay!.values);
      expect(net.cytoscape!.getElementById('raffinerie').style('background-color')).to.equal(full);
    }
    // Cleared through the data: every network follows.
    sim.clear();
    expect(data.overlay).to.equal(undefined);
    for (const net of [late, external]) expect(net.overlayValues).to.equal(undefined);
  });

  it('does not paint the networks of another <toile-data>', async () => {
    const { data, sim } = await mountSample();
    const other = await fixture<HTMLDivElement>(
      html`<div>
        <toile-data id="other" src=${SAMPLE}><toile-network></toile-network></toile-data>
        <toile-network source="other"></toile-network>
      </div>`,
    );
    const otherData = other.querySelector('toile-data') as ToileData;
    await ready(otherData);
    const [nested, pointing] = [...other.querySelectorAll('toile-network')] as ToileNetwork[];
    for (const net of [nested!, pointing!]) {
      net.scrollIntoView();
      await waitUntil(() => net.cytoscape, 'other network drawn', { timeout: 8000 });
    }
    const before = nested!.cytoscape!.getElementById('raffinerie').style('background-color');
    sim.closed = ['raffinerie'];
    await sim.run();
    expect(data.overlay).to.not.equal(undefined);
    expect(otherData.overlay).to.equal(undefined);
    for (const net of [nested!, pointing!]) {
      expect(net.overlayValues).to.equal(undefined);
      expect(net.cytoscape!.getElementById('raffinerie').style('background-color')).to.equal(before);
    }
  });

  it('takes its parameters from attributes: threshold, model (reflected), recovery days, partial shock', async () => {
    const { data, sim, root } = await mountSample();
    sim.closed = ['acierie'];
    sim.setAttribute('threshold', '0.9');
    await sim.run();
    const high = sim.result!.outcome.totals.establishmentsFailed;
    sim.setAttribute('threshold', '0.1');
    await sim.run();
    const low = sim.result!.outcome.totals.establishmentsFailed;
    expect(low).to.be.greaterThan(high);
    expect(sim.result!.threshold).to.equal(0.1);

    // Dynamic IIM: the recovery field replaces the threshold; a day-by-day trajectory is drawn.
    const diim = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')][2]!;
    diim.click();
    await sim.updateComplete;
    expect(sim.getAttribute('model')).to.equal('diim');
    expect(root.querySelector('#recovery-hint')!.textContent).to.contain('99 %');
    expect(root.querySelector('#threshold-hint')).to.equal(null);
    sim.setAttribute('recovery-days', '10');
    await sim.run();
    const trajectory = sim.result!.outcome.results[0]!.trajectory!;
    expect(trajectory.length).to.equal(31); // 30 days at least, day 0 first
    expect(root.querySelector('[part="chart"] polyline')!.getAttribute('points')!.split(' ').length).to.equal(31);
    expect(root.querySelector('figcaption')!.textContent).to.contain('Emplois à risque jour après jour');
    const fast = sim.result!.outcome.results.find((r) => r.id === 'acierie')!.final!;
    sim.recoveryDays = 60;
    await sim.run();
    expect(sim.result!.outcome.results.find((r) => r.id === 'acierie')!.final!).to.be.greaterThan(fast);

    // Partial shock: half the output of the steelworks.
    sim.model = 'iim';
    const range = root.querySelector<HTMLInputElement>('input[type="range"]')!;
    await sim.updateComplete;
    range.value = '50';
    range.dispatchEvent(new Event('input'));
    await sim.run();
    const expected = runDomino(data.value!.document, { model: 'iim', shocks: [{ establishment: 'acierie', fraction: 0.5 }] });
    expect(sim.result!.outcome.totals).to.deep.equal(expected.totals);
    expect(root.querySelectorAll('[part="chart"] rect.bar').length).to.equal(3);
  });

  it('adds the shared selection and selects an affected establishment for the network and the card', async () => {
    const { data, sim, root } = await mountSample(html`<toile-company-card></toile-company-card>`);
    const add = () => [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Ajouter la sélection'))!;
    expect(add().disabled).to.equal(true);
    data.select('port-autorite');
    await data.updateComplete;
    await sim.updateComplete;
    expect(add().textContent).to.contain('Grand Port de la Vire-Marine');
    add().click();
    await sim.updateComplete;
    expect(sim.closed).to.deep.equal(['port-autorite']);
    await sim.run();
    const second = root.querySelectorAll<HTMLButtonElement>('[part="results"] table.affected tbody button')[1]!;
    const name = second.textContent!.trim();
    setTimeout(() => second.click());
    const event = await oneEvent(sim, 'toile-select');
    expect(event.detail.id).to.equal(sim.result!.outcome.results[1]!.id);
    expect(data.selected).to.equal(event.detail.id);
    await data.updateComplete;
    const card = data.querySelector('toile-company-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.contain(name);
  });

  it('runs in a Web Worker on a generated network of 5,000 establishments, with the SDK’s answer', async () => {
    const doc = generateNetwork(5000);
    const data = await fixture<ToileData>(html`<toile-data .data=${doc}><toile-domino-simulator></toile-domino-simulator></toile-data>`);
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    sim.closed = ['e0', 'e1'];
    await sim.run();
    expect(alertText(sim)).to.equal('');
    expect(sim.lastRunIn).to.equal('worker');
    const expected = runDomino(data.value!.document, {
      model: 'cascade',
      shocks: ['e0', 'e1'].map((establishment) => ({ establishment, fraction: 1 })),
      threshold: 0.5,
    });
    expect(sim.result!.outcome.totals).to.deep.equal(expected.totals);
    expect(expected.totals.establishmentsAffected).to.be.greaterThan(100);
    expect(sim.shadowRoot!.querySelectorAll('[part="results"] table.affected tbody tr').length).to.equal(50);
    // The same network under the threshold: main thread.
    sim.workerThreshold = 10_000;
    await sim.updateComplete;
    await sim.run();
    expect(sim.lastRunIn).to.equal('main');
    expect(sim.result!.outcome.totals).to.deep.equal(expected.totals);
  });

  it('cancels a systemic ranking in the worker: idle again, says so, and runs afterwards', async () => {
    const doc = generateNetwork(6000, 4);
    const data = await fixture<ToileData>(html`<toile-data .data=${doc}><toile-domino-simulator model="iim"></toile-domino-simulator></toile-data>`);
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    await sim.updateComplete;
    const root = sim.shadowRoot!;
    const ranking = sim.rankSystemic();
    await sim.updateComplete;
    expect(sim.status).to.equal('ranking');
    expect(root.querySelector('[part="status"]')!.textContent).to.contain('Classement en cours');
    // Progress arrives from the worker while the page stays responsive.
    await waitUntil(() => (root.querySelector<HTMLProgressElement>('[part="progress"]')?.value ?? 0) > 0, 'progress reported', { timeout: 8000 });
    buttonNamed(root, 'Annuler').click();
    await ranking;
    await sim.updateComplete;
    expect(statusText(sim)).to.contain('Simulation annulée');
    expect(sim.status).to.equal('idle');
    expect(root.querySelector('[part="progress"]')).to.equal(null);
    expect(buttonNamed(root, 'Annuler')).to.equal(undefined);
    expect(sim.ranking).to.equal(undefined);
    expect(root.querySelector('[part="ranking"]')).to.equal(null);
    // The worker kept its matrix and still answers.
    sim.closed = ['e0'];
    await sim.run();
    expect(sim.lastRunIn).to.equal('worker');
    expect(sim.result!.outcome.totals.establishmentsAffected).to.be.greaterThan(1);
  });

  it('cancels a run in the worker: no result, and the next run starts a new worker', async () => {
    const data = await fixture<ToileData>(html`<toile-data .data=${generateNetwork(3000)}><toile-domino-simulator></toile-domino-simulator></toile-data>`);
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    sim.closed = ['e0'];
    const run = sim.run();
    sim.cancel();
    await run;
    await sim.updateComplete;
    expect(sim.result).to.equal(undefined);
    expect(statusText(sim)).to.contain('Simulation annulée');
    await sim.run();
    expect(sim.result!.outcome.totals.establishmentsAffected).to.be.greaterThan(1);
    expect(sim.lastRunIn).to.equal('worker');
  });

  it('shows the systemic ranking on demand (chunked on the main thread), as the SDK ranks it', async () => {
    const { data, sim, root } = await mountSample();
    sim.rankTop = 5;
    await sim.rankSystemic();
    await sim.updateComplete;
    const expected = await rankSystemic(prepareDomino(data.value!.document), { top: 5 });
    expect(sim.ranking!.map((e) => e.id)).to.deep.equal(expected.map((e) => e.id));
    const rows = root.querySelectorAll('[part="ranking"] tbody tr');
    expect(rows.length).to.equal(5);
    expect(rows[0]!.textContent).to.contain(expected[0]!.name);
    // "Simulate its closure" runs that closure.
    setTimeout(() => rows[0]!.querySelector<HTMLButtonElement>('td button')!.click());
    const event = await oneEvent(sim, 'toile-domino-result');
    expect(event.detail.closed).to.deep.equal([expected[0]!.id]);
  });

  it('ranks the territory only by default; the checkbox adds outside partners, marked (#19)', async () => {
    const { data, sim, root } = await mountSample();
    sim.rankTop = 200;
    await sim.rankSystemic();
    await sim.updateComplete;
    const doc = data.value!.document;
    const externalIds = new Set(doc.establishments.filter((e) => e.external).map((e) => e.id));
    expect(externalIds.size).to.be.greaterThan(0);
    expect(sim.ranking!.some((e) => externalIds.has(e.id))).to.equal(false);
    expect(root.querySelector('[part="ranking"] [data-external]')).to.equal(null);
    const box = root.querySelector<HTMLInputElement>('input[name="include-external"]')!;
    expect(box.parentElement!.textContent).to.contain('Inclure les partenaires extérieurs');
    box.click();
    expect(sim.includeExternal).to.equal(true);
    await sim.rankSystemic();
    await sim.updateComplete;
    const expected = await rankSystemic(prepareDomino(doc), { top: 200, includeExternal: true });
    expect(sim.ranking!.map((e) => e.id)).to.deep.equal(expected.map((e) => e.id));
    const marked = [...root.querySelectorAll('[part="ranking"] tbody tr')].filter((tr) => tr.querySelector('[data-external]'));
    expect(marked.length).to.equal(expected.filter((e) => e.external).length);
    expect(marked[0]!.textContent).to.contain('(hors territoire)');
  });

  it('names the states (stopped, severely affected, affected) and the feedback part of a shocked site (#19)', async () => {
    const { data, sim, root } = await mountSample();
    sim.model = 'iim';
    sim.shock = 0.6;
    sim.closed = ['raffinerie'];
    await sim.run();
    await sim.updateComplete;
    const expected = runDomino(data.value!.document, { model: 'iim', shocks: [{ establishment: 'raffinerie', fraction: 0.6 }] });
    const refinery = expected.results.find((r) => r.id === 'raffinerie')!;
    expect(refinery.state).to.equal('severe');
    expect(refinery.feedback!).to.be.greaterThan(0);
    const row = [...root.querySelectorAll('[part="results"] table.affected tbody tr')].find((tr) => tr.textContent!.includes('Raffinerie de la Vire-Marine'))!;
    expect(row.querySelector('[data-state]')!.textContent).to.equal('gravement touché');
    expect(row.textContent).to.contain(`${Math.round(refinery.feedback! * 100)}`);
    const text = root.querySelector('[part="results"]')!.textContent!;
    expect(text).to.contain('touché : perte d’activité > 0 ; gravement touché : ≥ 50 % ; à l’arrêt : défaillant dans la cascade, ou 100 %');
    expect(text).to.contain('Un site choqué peut perdre plus que son choc');
    expect(text).to.contain('Perte de production (ventes × perte d’activité)');
    expect(text).to.not.contain('Valeur des flux perdus');
    expect(sim.result!.outcome.totals.outputLossEurPerYear).to.equal(expected.totals.outputLossEurPerYear);
  });

  it('compares two scenarios side by side', async () => {
    const { sim, root } = await mountSample();
    sim.closed = ['raffinerie'];
    await sim.run();
    const a = sim.result!.outcome.totals;
    buttonNamed(root, 'Comparer : garder comme scénario A').click();
    await sim.updateComplete;
    expect(root.querySelector('[part="comparison"]')!.textContent).to.contain('Scénario A');
    sim.closed = ['acierie'];
    sim.model = 'iim';
    await sim.run();
    await sim.updateComplete;
    const b = sim.result!.outcome.totals;
    const table = root.querySelector('[part="comparison"] table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.deep.equal([
      'Indicateur',
      'Scénario A',
      'Scénario B',
      'Écart (B − A)',
    ]);
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === 'Établissements touchés')!;
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells[0]).to.equal(String(a.establishmentsAffected));
    expect(cells[1]).to.equal(String(b.establishmentsAffected));
    const d = b.establishmentsAffected - a.establishmentsAffected;
    expect(cells[2]).to.equal(`${d > 0 ? '+' : ''}${d}`);
    const sites = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === 'Sites')!;
    expect(sites.textContent).to.contain('Raffinerie').and.to.contain('Aciérie');
  });

  it('speaks English with lang="en"', async () => {
    const data = await fixture<ToileData>(html`<toile-data lang="en" src=${SAMPLE}><toile-domino-simulator></toile-domino-simulator></toile-data>`);
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    await sim.updateComplete;
    const root = sim.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Domino simulator');
    expect(root.textContent).to.contain('Failure threshold (%)');
    expect(root.textContent).to.contain('In waves: an establishment fails (stops) once what it loses reaches the threshold; the others keep a partial loss.');
    expect(root.textContent).to.not.contain('All or nothing');
    sim.closed = ['nope'];
    await sim.run();
    expect(alertText(sim)).to.contain('Unknown (or non-public) establishment: nope');
    sim.closed = ['raffinerie'];
    await sim.run();
    await sim.updateComplete;
    expect(root.querySelector('[part="totals"]')!.textContent).to.contain('Establishments affected');
    expect(buttonNamed(root, 'Run the simulation')).to.not.equal(undefined);
  });

  it('is usable from the keyboard alone', async () => {
    const { sim, root } = await mountSample();
    root.querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    for (const key of ['KeyA', 'KeyC', 'KeyI', 'KeyE', 'KeyR']) await press(key);
    await sim.updateComplete;
    expect(root.querySelectorAll('[part="sites"] input').length).to.be.greaterThan(0);
    await press('Tab');
    expect(root.activeElement).to.equal(root.querySelector('[part="sites"] input'));
    await press('Space');
    await sim.updateComplete;
    expect(sim.closed).to.deep.equal(['acierie']);
    // To the run button and Enter.
    const run = buttonNamed(root, 'Lancer la simulation');
    let guard = 0;
    while (root.activeElement !== run && guard++ < 40) await press('Tab');
    expect(root.activeElement).to.equal(run);
    const result = oneEvent(sim, 'toile-domino-result');
    await press('Enter');
    expect((await result).detail.closed).to.deep.equal(['acierie']);
  });

  it('is accessible, with results, chart, comparison and ranking shown', async () => {
    const { sim, root } = await mountSample();
    await expect(sim).to.be.accessible();
    sim.closed = ['raffinerie'];
    await sim.run();
    buttonNamed(root, 'Comparer : garder comme scénario A').click();
    sim.model = 'diim';
    await sim.run();
    sim.rankTop = 5;
    await sim.rankSystemic();
    await sim.updateComplete;
    expect(root.querySelector('[part="comparison"]')).to.not.equal(null);
    expect(root.querySelector('[part="ranking"]')).to.not.equal(null);
    await expect(sim).to.be.accessible();
  });

  it('renders hostile names as text', async () => {
    const doc = {
      toile: '1.0',
      territory: { id: 't', name: 'T' },
      meta: { title: 'x' },
      establishments: [
        { id: 'a', name: '<img src=x onerror="window.__pwned=1">', employees: 10 },
        { id: 'b', name: '<script>window.__pwned=2</script>', employees: 20 },
        { id: 'c', name: '"><svg onload=alert(1)>', employees: 30 },
      ],
      flows: [
        { id: 'f1', from: 'a', to: 'b', kind: 'supply', dependency: { upstream: 0.8 } },
        { id: 'f2', from: 'b', to: 'c', kind: 'supply', dependency: { upstream: 0.8 } },
      ],
    };
    const data = await fixture<ToileData>(html`<toile-data .data=${doc}><toile-domino-simulator></toile-domino-simulator></toile-data>`);
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    sim.closed = ['a'];
    await sim.run();
    await sim.rankSystemic();
    await sim.updateComplete;
    const root = sim.shadowRoot!;
    expect(sim.result!.outcome.totals.establishmentsFailed).to.equal(3);
    expect(root.querySelector('img, script')).to.equal(null);
    expect(root.querySelectorAll('svg').length).to.equal(1); // the chart, nothing from the names
    expect(root.querySelector('[part="results"]')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(root.querySelector('[part="ranking"]')!.textContent).to.contain('<script>window.__pwned=2</script>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('says clearly what is wrong: unknown establishment, no site, invalid parameter, no data', async () => {
    const { sim } = await mountSample();
    sim.closed = ['raffinerie', 'usine-fantome'];
    setTimeout(() => void sim.run());
    const error = await oneEvent(sim, 'toile-domino-error');
    expect(error.detail).to.deep.equal({ code: 'unknown-establishment', details: ['usine-fantome'] });
    await sim.updateComplete;
    expect(alertText(sim)).to.contain('Établissement inconnu (ou non public) : usine-fantome');
    expect(sim.result).to.equal(undefined);

    sim.closed = [];
    await sim.run();
    await sim.updateComplete;
    expect(alertText(sim)).to.contain('Choisissez au moins un site');

    sim.closed = ['raffinerie'];
    sim.setAttribute('threshold', '2');
    await sim.run();
    await sim.updateComplete;
    expect(alertText(sim)).to.contain('Paramètre invalide : threshold');

    const alone = await fixture<ToileDominoSimulator>(html`<toile-domino-simulator source="missing"></toile-domino-simulator>`);
    alone.closed = ['a'];
    await alone.run();
    await alone.updateComplete;
    expect(alertText(alone)).to.contain('pas encore chargées');
  });

  it('reports a worker that cannot start as an error', async () => {
    const data = await fixture<ToileData>(
      html`<toile-data .data=${generateNetwork(50)}><toile-domino-simulator worker-threshold="10"></toile-domino-simulator></toile-data>`,
    );
    await ready(data);
    const sim = data.querySelector('toile-domino-simulator')!;
    // A real worker whose module throws as it starts.
    const broken = URL.createObjectURL(new Blob(['throw new Error("worker exploded");'], { type: 'text/javascript' }));
    sim.workerFactory = () => new Worker(broken, { type: 'module' });
    await sim.updateComplete;
    sim.closed = ['e0'];
    await sim.run();
    await sim.updateComplete;
    expect(alertText(sim)).to.contain('La simulation a échoué');
    expect(alertText(sim)).to.contain('worker exploded');
    expect(sim.status).to.equal('idle');
  });
});
