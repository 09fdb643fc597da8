/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { findSynergies, prepareSynergies } from '@toile/sdk';
import '../define.ts';
import './synergy-finder.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileCompanyCard } from '../company-card/company-card.component.ts';
import type { ToileSynergyFinder } from './synergy-finder.component.ts';
import { FORMULA_NAME, HOSTILE_NAME, smallDoc } from './synergy-finder.fixture.ts';

// The test server serves the repository: the sample territory is a real file over HTTP.
const SAMPLE = '/examples/data/port-estuaire.toile.json';

async function mount(finder = html`<toile-synergy-finder></toile-synergy-finder>`, data: unknown = smallDoc, extra = html``) {
  const provider = await fixture<ToileData>(html`<toile-data .data=${data}>${finder}${extra}</toile-data>`);
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-synergy-finder') as ToileSynergyFinder;
  await el.updateComplete;
  return { provider, el, root: el.shadowRoot! };
}

async function mountSample(finder = html`<toile-synergy-finder></toile-synergy-finder>`, extra = html``) {
  const provider = await fixture<ToileData>(html`<toile-data src=${SAMPLE}>${finder}${extra}</toile-data>`);
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-synergy-finder') as ToileSynergyFinder;
  await el.updateComplete;
  return { provider, el, root: el.shadowRoot! };
}

const rows = (root: ShadowRoot) => [...root.querySelectorAll<HTMLTableRowElement>('table[part="table"] tbody tr')];
const poolingRows = (root: ShadowRoot) => [...root.querySelectorAll<HTMLTableRowElement>('[part="pooling"] tbody tr')];
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<toile-synergy-finder>', () => {
  describe('with the sample territory', () => {
    it('lists the SDK’s candidates, best first, with the explained score, and pooling candidates', async () => {
      const { provider, el, root } = await mountSample();
      // The same query run directly against the SDK: the widget shows exactly that ranking.
      const expected = findSynergies(prepareSynergies(provider.value!.document), { radiusKm: 20, top: 20 });
      expect(expected.matches.length).to.equal(20);
      const shown = rows(root);
      expect(shown.length).to.equal(20);
      expect(shown.map((r) => `${r.dataset['offer']}|${r.dataset['need']}`)).to.deep.equal(expected.matches.map((m) => `${m.offer}|${m.need}`));
      const scores = el.candidates.map((m) => m.score);
      expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      // Best candidate of the territory: 40 000 t/yr of liquid sulphur from the refinery to the
      // fertiliser plant, 3.6 km by road: 0.0552 × 3.645 = 0.20 €/t (CNR) against 60 €/t (median of the
      // document's sulphur flows) → 60 / 60.20 = 99.7 %, shown 100 %.
      const first = shown[0]!;
      expect(text(first)).to.contain('Raffinerie de la Vire-Marine → Engrais de la Côte d’Albâtre-Vire');
      expect(text(first)).to.contain('3,6 km');
      expect(text(first)).to.contain('Matière');
      expect(text(first)).to.contain('même code');
      expect(text(first)).to.contain('Proximité 100 % (route : 0,2 €/t pour 60 €/t, valeur médiane des flux du même code)');
      expect(first.querySelectorAll('meter').length).to.equal(5);
      // Third (after fly ash to the brickworks, 2.9 km: 0.16 €/t for 20 €/t), sorted scrap from the
      // metal recycler to the steelworks, 0.5 km apart; its relative carbon index (40 000 t ×
      // weighting 16.07) is never tonnes of CO2e; its avoided CO2e is an order of magnitude with its
      // basis: 40 000 t × (2 211 − 938) kg CO2e/t = 50 920 t → « ≈ 51 000 t/an ».
      expect(text(shown[1])).to.contain('Proximité 99 % (route : 0,16 €/t pour 20 €/t');
      const scrap = shown[2]!;
      expect(text(scrap)).to.contain('Ferrailles & Métaux Vire → Aciérie de l’Estuaire');
      expect(text(scrap)).to.contain('0,5 km');
      expect(text(scrap)).to.contain('642 800');
      expect(text(scrap)).not.to.contain('642 800 t');
      const avoided = scrap.querySelector('td.avoided')!;
      expect(text(avoided)).to.equal('≈ 51 000 t/an');
      expect(avoided.querySelector('[title]')!.getAttribute('title')).to.match(
        /^≈ 51\u202f000 t CO2e\/an, acier de recyclage \(ferrailles\) vs\. acier primaire : 1\u202f273 kg CO2e évités par t \(2\u202f211 − 938\) — FEDEREC 2017/,
      );
      // No sourced factor for liquid sulphur: a dash, never a borrowed figure.
      expect(text(first.querySelector('td.avoided'))).to.equal('—');
      const table = text(root.querySelector('table[part="table"]'));
      expect(table).to.contain('Indice carbone relatif*');
      expect(table).to.contain('CO2e évité (ordre de grandeur)**');
      expect(text(el.shadowRoot)).to.contain('Indice relatif, pas des tonnes de CO2e');
      const note = root.querySelector('#avoided-note')!;
      expect(text(note)).to.contain('t/an échangées × kg CO2e évités par tonne recyclée');
      expect(text(note)).to.contain('Licence Ouverte');
      expect(note.querySelector('a')!.getAttribute('href')).to.equal('https://prod-basecarbonesolo.ademe-dri.fr/documentation/UPLOAD_DOC_FR/acier.htm');
      expect(poolingRows(root).length).to.equal(expected.pooling.length);
      expect(text(root.querySelector('[part="pooling"]'))).to.contain('Eau de process');
      expect(text(root.querySelector('table caption'))).to.contain('rayon 20 km');
    });

    it('narrows to one establishment: every candidate gives to it or receives from it', async () => {
      const { el, root } = await mountSample(html`<toile-synergy-finder establishment="acierie" top="50"></toile-synergy-finder>`);
      expect(el.candidates.length).to.equal(11);
      for (const m of el.candidates) expect([m.from, m.to]).to.include('acierie');
      expect(rows(root).length).to.equal(11);
      expect(root.querySelector<HTMLSelectElement>('select')!.value).to.equal('acierie');
    });

    it('a smaller radius gives fewer candidates, from the attribute and from the form', async () => {
      const { el, root } = await mountSample(html`<toile-synergy-finder top="50"></toile-synergy-finder>`);
      expect(el.candidates.length).to.equal(50);
      el.setAttribute('radius-km', '5');
      await el.updateComplete;
      expect(el.candidates.length).to.equal(10);
      expect(rows(root).length).to.equal(10);
      for (const m of el.candidates) expect(m.distanceKm!).to.be.at.most(5);
      // Through the form: the change event of the radius field, with a query event for the page.
      const radius = [...root.querySelectorAll<HTMLInputElement>('input[type="number"]')][0]!;
      radius.value = '10';
      setTimeout(() => radius.dispatchEvent(new Event('change')));
      const query = await oneEvent(el, 'toile-synergy-query');
      expect(query.detail).to.deep.equal({
        mode: 'synergies',
        establishment: null,
        material: null,
        need: null,
        radiusKm: 10,
        top: 50,
        process: null,
        product: null,
        near: null,
        capabilityRadiusKm: null,
      });
      await el.updateComplete;
      expect(el.radiusKm).to.equal(10);
      expect(el.candidates.length).to.equal(34);
    });

    it('filters by family, by EWC code (chapter prefixes included) and by one need', async () => {
      const { provider, el, root } = await mountSample(html`<toile-synergy-finder material="heat" top="50"></toile-synergy-finder>`);
      const doc = provider.value!.document;
      const resource = (id: string) => doc.resources!.find((r) => r.id === id);
      expect(el.candidates.length).to.be.greaterThan(0);
      for (const m of el.candidates) expect(resource(m.offer)!.item!.family).to.equal('heat');
      expect(root.querySelector<HTMLInputElement>('#material')!.value).to.equal('Chaleur (chaleur fatale)');

      el.material = 'ewc:1001';
      await el.updateComplete;
      expect(el.candidates.length).to.be.greaterThan(0);
      for (const m of el.candidates) {
        const codes = [resource(m.offer)?.item?.code, resource(m.need)?.item?.code ?? doc.flows.find((f) => f.id === m.need)?.item?.code];
        expect(codes.some((c) => c?.startsWith('ewc:1001'))).to.equal(true, JSON.stringify(m));
      }
      expect(text(root.querySelector('caption'))).to.contain('10 01');

      el.material = null;
      el.need = 'r036';
      await el.updateComplete;
      expect(el.candidates.length).to.be.greaterThan(1);
      for (const m of el.candidates) expect(m.need).to.equal('r036');
      for (const g of el.poolingCandidates) expect(g.needs).to.include('r036');
    });

    it('asks the SDK for the code, need and hazard filters with the real top (the search stays pruned)', async () => {
      const { provider, el } = await mountSample(html`<toile-synergy-finder material="ewc:1001" top="3"></toile-synergy-finder>`);
      const prepared = prepareSynergies(provider.value!.document);
      const pairs = (ms: readonly { offer: string; need: string; score: number }[]) => ms.map((m) => `${m.offer}|${m.need}|${m.score}`);
      const byCode = findSynergies(prepared, { radiusKm: 20, top: 3, code: 'ewc:1001' });
      expect(byCode.matches.length).to.equal(3);
      expect(pairs(el.candidates)).to.deep.equal(pairs(byCode.matches));
      expect(el.poolingCandidates).to.deep.equal(byCode.pooling);
      el.material = null;
      el.need = 'r036';
      el.top = 2;
      await el.updateComplete;
      const need = provider.value!.document.resources!.find((r) => r.id === 'r036')!;
      const byNeed = findSynergies(prepared, { radiusKm: 20, top: 2, perNeed: 2, establishment: need.establishment, need: 'r036' });
      expect(pairs(el.candidates)).to.deep.equal(pairs(byNeed.matches));
      expect(el.candidates.length).to.equal(2);
    });

    it('choosing a candidate selects the partner, highlights both and updates the company card beside it', async () => {
      const { provider, el, root } = await mountSample(
        html`<toile-synergy-finder establishment="acierie"></toile-synergy-finder>`,
        html`<toile-company-card></toile-company-card>`,
      );
      const best = el.candidates[0]!;
      const selectEvent = oneEvent(el, 'toile-synergy-select');
      const highlightEvent = oneEvent(el, 'toile-highlight');
      rows(root)[0]!.querySelector('button')!.click();
      const selected = await selectEvent;
      expect(selected.detail).to.deep.equal({ offerId: best.offer, needId: best.need, from: best.from, to: best.to });
      expect(selected.detail).to.deep.equal({ offerId: 'r026', needId: 'r043', from: 'recyclage-metaux', to: 'acierie' });
      expect(selected.bubbles && selected.composed).to.equal(true);
      const highlighted = await highlightEvent;
      expect(highlighted.detail).to.deep.equal({ ids: ['recyclage-metaux', 'acierie'] });
      await provider.updateComplete;
      // The establishment searched for is known: the partner is what gets selected.
      expect(provider.selected).to.equal('recyclage-metaux');
      expect(provider.highlighted).to.deep.equal(['recyclage-metaux', 'acierie']);
      const card = provider.querySelector('toile-company-card') as ToileCompanyCard;
      await card.updateComplete;
      expect(text(card.shadowRoot!.querySelector('h2'))).to.equal(provider.value!.document.establishments.find((e) => e.id === 'recyclage-metaux')!.name);
      await el.updateComplete;
      expect(rows(root)[0]!.getAttribute('aria-current')).to.equal('true');
    });

    it('works beside a <toile-data> named by source: selection and highlight reach it', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <toile-data id="sf-source" src=${SAMPLE}></toile-data>
          <toile-synergy-finder source="sf-source"></toile-synergy-finder>
        </div>`,
      );
      const provider = wrapper.querySelector('toile-data') as ToileData;
      if (!provider.value) await oneEvent(provider, 'toile-data-change');
      const el = wrapper.querySelector('toile-synergy-finder') as ToileSynergyFinder;
      await waitUntil(() => rows(el.shadowRoot!).length > 0, 'candidates shown');
      const m = el.candidates[0]!;
      rows(el.shadowRoot!)[0]!.querySelector('button')!.click();
      await provider.updateComplete;
      expect(provider.selected).to.equal(m.from);
      expect(provider.highlighted).to.deep.equal([m.from, m.to]);
    });

    it('pooling: choosing a group highlights all its members', async () => {
      const { provider, el, root } = await mountSample();
      const g = el.poolingCandidates[0]!;
      setTimeout(() => poolingRows(root)[0]!.querySelector('button')!.click());
      const event = await oneEvent(el, 'toile-pooling-select');
      expect(event.detail).to.deep.equal({ key: g.key, leader: g.leader, establishments: g.establishments, needs: g.needs });
      await provider.updateComplete;
      expect(provider.highlighted).to.deep.equal(g.establishments);
      expect(provider.selected).to.equal(g.leader);
    });

    it('exports the list as CSV: one line per candidate, ids and numbers as data', async () => {
      const { el, root } = await mountSample(html`<toile-synergy-finder top="5"></toile-synergy-finder>`);
      const lines = el.toCsv().trimEnd().split('\r\n');
      expect(lines.length).to.equal(6);
      expect(lines[0]).to.equal(
        'rang,score,offre_id,offre,besoin_id,besoin,origine_besoin,de_id,de,vers_id,vers,distance_km,part_matiere,part_proximite,part_quantite,part_type,correspondance,dangereux,indice_carbone_relatif,co2e_evite_t_an,base_co2e_evite',
      );
      expect(lines[1]!.startsWith(`1,${el.candidates[0]!.score},r005,`)).to.equal(true, lines[1]);
      expect(lines[3]!.startsWith(`3,${el.candidates[2]!.score},r026,`)).to.equal(true, lines[3]);
      expect(lines[3]).to.contain(',recyclage-metaux,');
      expect(lines[3]).to.contain(',642800,51000,"acier de recyclage (ferrailles) vs. acier primaire : 1\u202f273 kg CO2e');
      const button = root.querySelector<HTMLButtonElement>('[part="export"]')!;
      expect(text(button)).to.equal('Exporter en CSV');
      expect(button.disabled).to.equal(false);
      el.csvDelimiter = ';';
      const semicolon = el.toCsv();
      expect(semicolon.startsWith('\uFEFFrang;score;')).to.equal(true);
      expect(semicolon.split('\r\n')[1]!.startsWith(`1;${String(el.candidates[0]!.score).replace('.', ',')};r005;`)).to.equal(true);
    });

    it('speaks English with lang="en"', async () => {
      const { el, root } = await mountSample(html`<toile-synergy-finder lang="en"></toile-synergy-finder>`);
      const t = text(root);
      expect(t).to.contain('Candidate synergies, best first');
      expect(t).to.contain('Offer → need');
      expect(t).to.contain('Pooling candidates');
      expect(t).to.contain('same code');
      expect(t).to.contain('0.5 km');
      expect(t).to.contain('Avoided CO2e (order of magnitude)**');
      expect(t).to.contain('≈ 51,000 t/yr');
      expect(text(rows(root)[0]!.querySelector('button'))).to.match(/^Show/);
      expect(el.toCsv().startsWith('rank,score,offer_id,')).to.equal(true);
      expect(t).not.to.contain('Voir');
    });

    it('is keyboard-usable: Tab reaches the row button, Enter chooses; the material search works with arrows and Enter', async () => {
      const { provider, el, root } = await mountSample();
      // The last control of the form, then Tab: the first row's button.
      const last = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].at(-1)!;
      last.focus();
      await sendKeys({ press: 'Tab' });
      const first = rows(root)[0]!.querySelector('button')!;
      expect(root.activeElement).to.equal(first);
      const chosen = oneEvent(el, 'toile-synergy-select');
      await sendKeys({ press: 'Enter' });
      expect((await chosen).detail.from).to.equal(el.candidates[0]!.from);
      await provider.updateComplete;
      expect(provider.selected).to.equal(el.candidates[0]!.from);

      // Material: type in French, move down the suggestions, choose with Enter.
      const input = root.querySelector<HTMLInputElement>('#material')!;
      input.focus();
      await sendKeys({ type: 'métaux ferr' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      const options = [...root.querySelectorAll('[role="option"]')];
      expect(options.length).to.be.greaterThan(0);
      expect(text(options[0])).to.contain('Métaux ferreux');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('material-0');
      expect(root.querySelector('#material-0')!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.material).to.equal('family:ferrous-metals');
      expect(input.value).to.equal('Métaux ferreux');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(el.candidates.length).to.be.greaterThan(0);
      // English labels are searched too, and EWC entries by their code.
      input.select();
      await sendKeys({ type: 'cardboard' });
      await el.updateComplete;
      expect([...root.querySelectorAll('[role="option"]')].map(text).join('|')).to.contain('Papiers et cartons');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      input.select();
      await sendKeys({ type: '100202' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.material).to.equal('ewc:100202');
      expect(input.value).to.contain('10 02 02');
    });

    it('searches French words, the document’s own item labels and codes in every written form; French EWC labels in French', async () => {
      const { el, root } = await mountSample();
      const input = root.querySelector<HTMLInputElement>('#material')!;
      const suggest = async (q: string) => {
        input.value = q;
        input.dispatchEvent(new Event('input'));
        await el.updateComplete;
        return [...root.querySelectorAll('[role="option"]')].map(text);
      };
      // The sample calls its steel slag « Laitier d’aciérie » and « Scories d’aciérie » (10 02 02), its scrap « Ferrailles triées » (19 12 02).
      for (const q of ['laitier', 'LAITIER', 'scories', 'Scorie']) {
        const options = await suggest(q);
        expect(
          options.findIndex((o) => o.startsWith('10 02 02 — laitiers non traités')),
          q,
        ).to.be.within(0, 2);
        expect(options.find((o) => o.startsWith('10 02 02'))).to.contain('Laitier d’aciérie (excédent)');
      }
      expect((await suggest('ferraille')).some((o) => o.startsWith('19 12 02 — métaux ferreux'))).to.equal(true);
      expect((await suggest('aciérie')).slice(0, 4).some((o) => o.startsWith('10 02 02'))).to.equal(true);
      // Codes as the list writes them, as the format writes them, bare, with the hazard star.
      for (const q of ['100202', '10 02 02', 'ewc:100202', '10 02 02*', 'EWC:10 02 02']) {
        expect((await suggest(q))[0], q).to.match(/^10 02 02 — laitiers non traités/);
      }
      expect((await suggest('10 02 07*'))[0]).to.match(
        /^10 02 07\* — déchets solides provenant de l’épuration des fumées|^10 02 07\* — déchets solides provenant de l'épuration des fumées/,
      );
      // A code written as the list writes it, star included, is a material; French label in French, English in English.
      const chosen = await mountSample(html`<toile-synergy-finder material="10 02 02*"></toile-synergy-finder>`);
      const field = chosen.root.querySelector<HTMLInputElement>('#material')!;
      expect(field.value).to.equal('10 02 02 — laitiers non traités');
      expect(chosen.el.candidates.length).to.be.greaterThan(0);
      chosen.el.setAttribute('lang', 'en');
      chosen.el.requestUpdate();
      await chosen.el.updateComplete;
      expect(field.value).to.equal('10 02 02 — unprocessed slag');
    });

    it('is accessible, with the suggestions open too', async () => {
      const { el, root } = await mountSample();
      await expect(el).to.be.accessible();
      const input = root.querySelector<HTMLInputElement>('#material')!;
      input.value = 'bois';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(root.querySelectorAll('[role="option"]').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    // A page of its own: the policy in a meta tag, the kit loaded from same-origin module files only.
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 600px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/define.ts"></script>
        <script type="module" src="/packages/widgets/src/synergy-finder/synergy-finder.ts"></script></head>
        <body><toile-data src="${SAMPLE}"><toile-synergy-finder establishment="acierie"></toile-synergy-finder></toile-data></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentDocument?.querySelector('toile-synergy-finder'), 'frame loaded', { timeout: 5000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-synergy-finder')!;
    await waitUntil(() => el.shadowRoot && el.shadowRoot.querySelectorAll('table[part="table"] tbody tr').length === 11, 'candidates under CSP', {
      timeout: 8000,
    });
    (el.shadowRoot!.querySelector('table[part="table"] tbody tr button') as HTMLButtonElement).click();
    const provider = frame.contentDocument!.querySelector('toile-data') as ToileData;
    await waitUntil(() => provider.selected === 'recyclage-metaux', 'selection under CSP');
    // Styles came through constructable stylesheets: the table is laid out by the component's CSS.
    const table = el.shadowRoot!.querySelector('table')!;
    expect(frame.contentWindow!.getComputedStyle(table).borderCollapse).to.equal('collapse');
    expect(violations).to.deep.equal([]);
    // The policy is really in force in that page: eval is refused.
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });

  describe('with a small hand-made territory', () => {
    it('renders hostile names and labels as text and never creates elements from data', async () => {
      const { el, root } = await mount(html`<toile-synergy-finder radius-km="50"></toile-synergy-finder>`);
      expect(root.querySelector('img')).to.equal(null);
      expect(root.querySelector('script')).to.equal(null);
      expect((window as { __toilePwned?: number }).__toilePwned).to.equal(undefined);
      expect(text(root)).to.contain(HOSTILE_NAME);
      expect(text(root)).to.contain('Chutes <script>alert(1)</script>');
      expect(el.candidates.length).to.equal(6);
    });

    it('flags hazardous waste, notes inputs bought outside and hides hazardous waste on request', async () => {
      const { el, root } = await mount();
      const hazardous = rows(root).filter((r) => r.querySelector('[part="hazardous"]'));
      expect(hazardous.length).to.equal(1);
      expect(hazardous[0]!.dataset['offer']).to.equal('o2');
      expect(text(hazardous[0])).to.contain('Dangereux');
      const outside = rows(root).find((r) => r.dataset['need'] === 'f1')!;
      expect(text(outside)).to.contain('acheté hors territoire');
      const before = el.candidates.length;
      const box = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].at(-1)!;
      box.click();
      await el.updateComplete;
      expect(el.hideHazardous).to.equal(true);
      expect(el.candidates.length).to.equal(before - 1);
      expect(root.querySelector('[part="hazardous"]')).to.equal(null);
      el.excludeOutside = true;
      await el.updateComplete;
      expect(el.candidates.some((m) => m.need === 'f1')).to.equal(false);
    });

    it('hiding hazardous waste still fills the top: the SDK leaves it out before ranking', async () => {
      const { provider, el } = await mount(html`<toile-synergy-finder top="1" hide-hazardous></toile-synergy-finder>`);
      const expected = findSynergies(prepareSynergies(provider.value!.document), { radiusKm: 20, top: 1, excludeHazardous: true });
      expect(expected.matches.length).to.equal(1);
      expect(el.candidates.map((m) => `${m.offer}|${m.need}`)).to.deep.equal(expected.matches.map((m) => `${m.offer}|${m.need}`));
      expect(el.candidates.some((m) => m.hazardous)).to.equal(false);
    });

    it('guards the CSV against formula injection and quotes delimiters and quotes', async () => {
      const { el } = await mount();
      const csv = el.toCsv();
      expect(csv).to.contain(`"'${FORMULA_NAME.replace(/"/g, '""')}"`);
      expect(csv).not.to.match(/(^|,)=HYPERLINK/m);
      expect(csv).to.contain('"Fonderie, ""Nord"""');
      expect(csv).to.contain('"Aciérie <img src=x onerror=""window.__toilePwned=1"">"');
    });

    it('pooling: two establishments needing the same cardboard', async () => {
      const { el, root } = await mount();
      expect(el.poolingCandidates.length).to.equal(1);
      expect(el.poolingCandidates[0]!.establishments).to.have.members(['acier', 'garage']);
      expect(text(poolingRows(root)[0])).to.contain('15 01 01');
    });

    it('says when nothing is found', async () => {
      const { el, root } = await mount(html`<toile-synergy-finder radius-km="0.5"></toile-synergy-finder>`);
      expect(el.candidates.length).to.equal(0);
      expect(text(root.querySelector('[part="status"]'))).to.contain('Aucune synergie candidate');
      expect(root.querySelector<HTMLButtonElement>('[part="export"]')!.disabled).to.equal(true);
      expect(el.toCsv().trimEnd().split('\r\n').length).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('says an unknown establishment, need or material was not found, in French and English', async () => {
      const { el, root } = await mount(html`<toile-synergy-finder establishment="nowhere"></toile-synergy-finder>`);
      expect(text(root.querySelector('[role="alert"]'))).to.equal('Établissement introuvable : nowhere');
      expect(rows(root).length).to.equal(0);
      // The form stays usable to pick another one.
      expect(root.querySelector('select')).to.not.equal(null);
      el.setAttribute('lang', 'en');
      el.requestUpdate();
      await el.updateComplete;
      expect(text(root.querySelector('[role="alert"]'))).to.equal('Establishment not found : nowhere');
      el.establishment = null;
      el.need = 'r999';
      await el.updateComplete;
      expect(text(root.querySelector('[role="alert"]'))).to.contain('Need not found');
      el.need = null;
      el.material = 'not a material';
      await el.updateComplete;
      expect(text(root.querySelector('[role="alert"]'))).to.contain('Material not recognised');
      el.material = null;
      await el.updateComplete;
      expect(root.querySelector('[role="alert"]')).to.equal(null);
      expect(rows(root).length).to.be.greaterThan(0);
    });

    it('says when there is no data source, and while the data is not there yet', async () => {
      const alone = await fixture<ToileSynergyFinder>(html`<toile-synergy-finder></toile-synergy-finder>`);
      await waitUntil(() => alone.shadowRoot!.querySelector('[role="alert"]'), 'no-provider message');
      expect(text(alone.shadowRoot!.querySelector('[role="alert"]'))).to.contain('Aucune source de données');
      const empty = await fixture<ToileData>(html`<toile-data><toile-synergy-finder lang="en"></toile-synergy-finder></toile-data>`);
      const el = empty.querySelector('toile-synergy-finder') as ToileSynergyFinder;
      await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]'), 'loading message');
      expect(text(el.shadowRoot!.querySelector('[part="status"]'))).to.equal('Loading the data…');
      expect(el.candidates.length).to.equal(0);
    });

    it('follows new data given to <toile-data>', async () => {
      const { provider, el } = await mount();
      expect(el.candidates.length).to.equal(4);
      provider.data = { ...smallDoc, resources: smallDoc.resources.filter((r) => r.id !== 'o2') };
      await oneEvent(provider, 'toile-data-change');
      await el.updateComplete;
      expect(el.candidates.length).to.equal(3);
    });
  });
});
