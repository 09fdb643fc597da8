/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { findMakers, prepareKinship } from '@toile/sdk';
import '../define.ts';
import './synergy-finder.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileSynergyFinder } from './synergy-finder.component.ts';
import { capabilityData } from './capabilities.ts';
import { FORMULA_NAME, HOSTILE_NAME } from './synergy-finder.fixture.ts';

// The test server serves the repository: the sample territory is a real file over HTTP.
const SAMPLE = '/examples/data/port-estuaire.toile.json';

async function mountSample(finder = html`<toile-synergy-finder mode="capabilities"></toile-synergy-finder>`, audience = 'public') {
  const provider = await fixture<ToileData>(html`<toile-data src=${SAMPLE} audience=${audience}>${finder}</toile-data>`);
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-synergy-finder') as ToileSynergyFinder;
  await el.updateComplete;
  return { provider, el, root: el.shadowRoot! };
}

const rows = (root: ShadowRoot) => [...root.querySelectorAll<HTMLTableRowElement>('table[part="table"] tbody tr')];
const spareRows = (root: ShadowRoot) => [...root.querySelectorAll<HTMLTableRowElement>('[part="spare"] tbody tr')];
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const modeRadios = (root: ShadowRoot) => [...root.querySelectorAll<HTMLInputElement>('[part="modes"] input[type="radio"]')];

/** Hostile capability labels and names, and a capability withheld from the public. */
const hostileDoc = {
  toile: '1.0',
  territory: { id: 't', name: 'Test', center: { lat: 49.45, lon: 0.18 } },
  meta: { title: 'Test' },
  establishments: [
    {
      id: 'soudeur',
      name: HOSTILE_NAME,
      naf: '25.29Z',
      location: { lat: 49.45, lon: 0.18 },
      capabilities: [
        {
          id: 'c1',
          label: 'Soudure <script>alert(1)</script>',
          process: 'din8580:4.6',
          products: ['cpa:25.29'],
          capacity: { value: 1000, unit: 'h/yr' },
          spare: { share: 0.5 },
          certifications: ['<b>ISO 3834</b>'],
        },
      ],
    },
    {
      id: 'formule',
      name: FORMULA_NAME,
      location: { lat: 49.46, lon: 0.18 },
      capabilities: [{ id: 'c2', label: '=1+1', process: 'din8580:4.6' }],
    },
    {
      id: 'secret',
      name: 'Atelier discret',
      location: { lat: 49.46, lon: 0.19 },
      capabilities: [{ id: 'c3', label: 'Soudage orbital', process: 'din8580:4.6', confidentiality: 'partners' }],
    },
  ],
  flows: [],
};

describe('<toile-synergy-finder mode="capabilities">', () => {
  it('ranks who could master a process, the score explained by its parts, with evidence, distance and spare capacity (hand-checked)', async () => {
    const { provider, el, root } = await mountSample(html`<toile-synergy-finder mode="capabilities" process="testing:ndt"></toile-synergy-finder>`);
    // Published for the public, as <toile-data> serves it. Non-destructive testing, `testing:ndt`:
    // - controle declares it (capability controle-cnd, 1) → 1;
    // - laboratoire declares testing:laboratory, a sibling under `testing` (0.4), and shares the NAF
    //   sub-class 71.20B of controle, a known maker (0.5 × 1): 1 − (1 − 0.4)(1 − 0.5) = 0.7;
    // - usinage declares testing:metrology, a sibling (0.4).
    // cables' high-voltage testing (testing:laboratory) is for partners only: not served, not shown.
    expect(el.makers.map((m) => [m.id, m.score])).to.deep.equal([
      ['controle', 1],
      ['laboratoire', 0.7],
      ['usinage', 0.4],
    ]);
    // The widget shows the SDK's answer on the served document, nothing of its own.
    const sdk = findMakers(prepareKinship(provider.value!.document), { process: 'testing:ndt', top: 20 });
    expect(el.makers).to.deep.equal(sdk.makers);
    expect(el.getAttribute('mode')).to.equal('capabilities');
    const shown = rows(root);
    expect(shown.map((r) => r.dataset['establishment'])).to.deep.equal(['controle', 'laboratoire', 'usinage']);
    // Distances from the territory's centre (49.47, 0.23) to controle (49.455, 0.24022): 0.015° of
    // latitude = 1.668 km, 0.01022° of longitude × cos 49.46° = 0.739 km → √(1.668² + 0.739²) = 1.82 km.
    const first = text(shown[0]);
    expect(first).to.contain('Contrôles & Essais Estuaire');
    expect(first).to.contain('1,8 km');
    expect(first).to.contain('Capacité déclarée 100 % (même procédé)');
    expect(first).to.contain('Flux fournis 0 %');
    expect(first).to.contain('Activité voisine 0 %');
    // The evidence: the capability, its process, products and certifications; one more capability of controle meets it too.
    expect(first).to.contain('Contrôle non destructif : ultrasons, radiographie, magnétoscopie, ressuage (+1 autre(s))');
    expect(first).to.contain('Contrôle non destructif (CND) · cpa:71.20, naf:71.20B · ISO 9712, ISO/IEC 17020');
    // Spare: 30 % of 45 000 h/yr = 13 500 h/yr, in 2026.
    expect(text(shown[0]!.querySelector('td.spare'))).to.equal('30 % libre · 1 janv. 2026 → 31 déc. 2026 · 13 500 h/an');
    expect(shown[0]!.querySelectorAll('meter').length).to.equal(4);
    const second = text(shown[1]);
    expect(second).to.contain('70 %');
    expect(second).to.contain('Capacité déclarée 40 % (procédé voisin, même groupe)');
    expect(second).to.contain('Activité voisine 50 % (même sous-classe NAF)');
    expect(second).to.contain('Activité voisine de Contrôles & Essais Estuaire (71.20B)');
    expect(second).to.contain('9,1 km');
    // 20 % of 12 000 h/yr, no period; usinage's spare machining does not meet the query.
    expect(text(shown[1]!.querySelector('td.spare'))).to.equal('20 % libre · sans période fixée · 2 400 h/an');
    expect(text(shown[2]!.querySelector('td.spare'))).to.equal('—');
    const caption = text(root.querySelector('table[part="table"] caption'));
    expect(caption).to.contain('Contrôle non destructif (CND)');
    expect(caption).to.contain('distances depuis le centre du territoire');
    expect(caption).to.contain('1 le font déjà');
    expect(text(root.querySelector('.count'))).to.equal('3 établissements pourraient le faire');
    expect(text(root)).to.contain('1 − (1 − capacité) × (1 − flux) × (1 − activité)');
    // Spare capacity that meets the query: the process itself first, then the sibling.
    expect(spareRows(root).map((r) => r.dataset['capability'])).to.deep.equal(['controle-cnd', 'laboratoire-analyses']);
    expect(text(spareRows(root)[1])).to.contain('procédé voisin, même groupe');
  });

  it('for a product code, combines declared capabilities, flows already given and kin activities (noisy-or)', async () => {
    const { el, root } = await mountSample(html`<toile-synergy-finder mode="capabilities" product="naf:33.12Z"></toile-synergy-finder>`);
    // maintenance gave naf:33.12Z in flows (0.9 × 1) and declares cpa:33.12 (NAF and CPA share the
    // digits: 4 characters, 0.7): 1 − 0.1 × 0.3 = 0.97. chantier-naval declares cpa:33.15 (2
    // characters, 0.4) and shares the NAF group 33.1 of maintenance (0.5 × 0.6): 1 − 0.6 × 0.7 = 0.58.
    expect(el.makers.slice(0, 2).map((m) => [m.id, m.score])).to.deep.equal([
      ['maintenance', 0.97],
      ['chantier-naval', 0.58],
    ]);
    const first = text(rows(root)[0]);
    expect(first).to.contain('97 %');
    expect(first).to.contain('Capacité déclarée 70 % (4 premiers caractères)');
    expect(first).to.contain('Flux fournis 90 % (même code)');
    expect(first).to.contain('a fourni « Maintenance mécanique » (naf:33.12Z) (+5 autre(s))');
    const second = text(rows(root)[1]);
    expect(second).to.contain('58 %');
    expect(second).to.contain('Activité voisine 30 % (même groupe NAF)');
    expect(el.process).to.equal(null);
    expect(root.querySelector<HTMLInputElement>('#capability')!.value).to.equal('naf:33.12Z — Maintenance mécanique');
  });

  it('serves only what <toile-data> serves: a capability for partners appears with audience="partners"', async () => {
    const partners = await mountSample(html`<toile-synergy-finder mode="capabilities" process="testing:ndt"></toile-synergy-finder>`, 'partners');
    expect(partners.el.makers.map((m) => m.id)).to.deep.equal(['controle', 'laboratoire', 'cables', 'usinage']);
    // Welding: the pipe shop's welding is for partners; its spare capacity with it.
    partners.el.process = 'din8580:4.6';
    await partners.el.updateComplete;
    expect(partners.el.spareOffers.map((o) => o.capability)).to.deep.equal(['chaudronnerie-soudage', 'tuyauterie-soudage']);
    const open = await mountSample(html`<toile-synergy-finder mode="capabilities" process="din8580:4.6"></toile-synergy-finder>`);
    expect(open.el.makers.map((m) => m.id)).not.to.include('tuyauterie');
    expect(open.el.spareOffers.map((o) => o.capability)).to.deep.equal(['chaudronnerie-soudage']);
    // The boilermaker's spare welding could serve the shipyard's need that names the process.
    expect(text(spareRows(open.root)[0])).to.contain('Plateau technique de soudage — Chantier Naval de la Darse (nomme le procédé)');
    expect(text(spareRows(open.root)[0])).to.contain('1 janv. 2026 → 30 juin 2026');
  });

  it('is keyboard-usable: the mode switch with the arrow keys, the process search, the rows', async () => {
    const { provider, el, root } = await mountSample(html`<toile-synergy-finder></toile-synergy-finder>`);
    expect(el.mode).to.equal('synergies');
    const [synergies] = modeRadios(root);
    synergies!.focus();
    const query = oneEvent(el, 'toile-synergy-query');
    await sendKeys({ press: 'ArrowRight' });
    expect((await query).detail.mode).to.equal('capabilities');
    await el.updateComplete;
    expect(el.mode).to.equal('capabilities');
    expect(el.getAttribute('mode')).to.equal('capabilities');
    expect(modeRadios(root)[1]!.checked).to.equal(true);
    expect(text(root.querySelector('[part="status"]'))).to.contain('Choisissez un procédé ou un produit');
    // Tab leaves the radio group for the search field; type in French, arrow down, Enter.
    await sendKeys({ press: 'Tab' });
    const input = root.querySelector<HTMLInputElement>('#capability')!;
    expect(root.activeElement).to.equal(input);
    await sendKeys({ type: 'contrôle non destr' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(text(root.querySelector('#capability-0'))).to.contain('Contrôle non destructif (CND)');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('capability-0');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.process).to.equal('testing:ndt');
    expect(el.getAttribute('process')).to.equal('testing:ndt');
    expect(input.value).to.equal('Contrôle non destructif (CND)');
    expect(rows(root).length).to.equal(3);
    // From the last field of the form, Tab reaches the first row's button; Enter chooses it.
    root.querySelector<HTMLInputElement>('input[type="number"][step="1"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(rows(root)[0]!.querySelector('button'));
    const chosen = oneEvent(el, 'toile-capability-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail).to.deep.equal({ establishment: 'controle', capability: 'controle-cnd', process: 'testing:ndt', product: null });
    await provider.updateComplete;
    expect(provider.selected).to.equal('controle');
    expect(provider.highlighted).to.deep.equal(['controle']);
    await el.updateComplete;
    expect(rows(root)[0]!.getAttribute('aria-current')).to.equal('true');
    // Typical processes are searched too (« ressuage » is non-destructive testing), and a code typed in full is a product.
    input.select();
    await sendKeys({ type: 'ressuage' });
    await el.updateComplete;
    expect(text(root.querySelector('#capability-0'))).to.contain('Contrôle non destructif (CND)');
    await sendKeys({ press: 'Escape' });
    input.select();
    await sendKeys({ type: 'HS:8483' });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([el.process, el.product]).to.deep.equal([null, 'hs:8483']);
    expect(el.makers[0]!.id).to.equal('maintenance');
    // Back to synergies with the other arrow key.
    modeRadios(root)[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.mode).to.equal('synergies');
    expect(el.candidates.length).to.be.greaterThan(0);
  });

  it('is accessible, with results and with the suggestions open', async () => {
    const { el, root } = await mountSample(html`<toile-synergy-finder mode="capabilities" process="din8580:4.6"></toile-synergy-finder>`);
    expect(rows(root).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    const input = root.querySelector<HTMLInputElement>('#capability')!;
    input.value = 'soudage';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    // Welding before the dismantling that covers « dessoudage ».
    expect(text(root.querySelector('#capability-0'))).to.match(/^Soudage procédé DIN 8580 4\.6/);
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const { el, root } = await mountSample(html`<toile-synergy-finder lang="en" mode="capabilities" process="testing:ndt"></toile-synergy-finder>`);
    const t = text(root);
    expect(t).to.contain('Capabilities (who could make it)');
    expect(t).to.contain('Who could make it, most likely first');
    expect(t).to.contain('Non-destructive testing');
    expect(t).to.contain('distances from the territory’s centre');
    expect(t).to.contain('Declared capability 100% (same process)');
    expect(t).to.contain('Kin activity 50% (same NAF sub-class)');
    expect(t).to.contain('30% spare · 1 Jan 2026 → 31 Dec 2026 · 13,500 h/yr');
    expect(t).to.contain('1.8 km');
    expect(t).to.contain('Spare capacity for it');
    expect(text(rows(root)[0]!.querySelector('button'))).to.match(/^Show/);
    expect(el.toCsv().startsWith('rank,score,establishment_id,establishment,distance_km,part_capability,part_flow,part_kin,')).to.equal(true);
    expect(t).not.to.contain('Voir');
    expect(t).not.to.contain('Capacité');
  });

  it('exports the makers as CSV: ids and numbers as data, the parts, the capability and its spare capacity', async () => {
    const { el, root } = await mountSample(html`<toile-synergy-finder mode="capabilities" process="testing:ndt"></toile-synergy-finder>`);
    const lines = el.toCsv().trimEnd().split('\r\n');
    expect(lines.length).to.equal(4);
    expect(lines[0]).to.equal(
      'rang,score,etablissement_id,etablissement,distance_km,part_capacite,part_flux,part_activite,capacite_id,capacite,procede,correspondance_capacite,flux_id,flux_code,activite_voisine_de_id,correspondance_activite,part_libre,libre_du,libre_au,libre_quantite,libre_unite,certifications',
    );
    expect(lines[1]).to.equal(
      '1,1,controle,Contrôles & Essais Estuaire,1.824,1,0,0,controle-cnd,"Contrôle non destructif : ultrasons, radiographie, magnétoscopie, ressuage",testing:ndt,process,,,,,0.3,2026-01-01,2026-12-31,13500,h/yr,ISO 9712 | ISO/IEC 17020',
    );
    expect(lines[2]).to.contain(',laboratoire,');
    expect(lines[2]).to.contain(',0.4,0,0.5,laboratoire-analyses,');
    expect(lines[2]).to.contain(',controle,subclass,0.2,,,2400,h/yr,');
    const button = root.querySelector<HTMLButtonElement>('[part="export"]')!;
    expect(text(button)).to.equal('Exporter en CSV');
    el.csvDelimiter = ';';
    const semicolon = el.toCsv();
    expect(semicolon.startsWith('\uFEFFrang;score;etablissement_id;')).to.equal(true);
    expect(semicolon.split('\r\n')[2]).to.match(/^2;0,7;laboratoire;/);
  });

  it('says what to do, and when the process, the product or the establishment is unknown; the radius and the origin apply', async () => {
    const { el, root } = await mountSample();
    expect(text(root.querySelector('[part="status"]'))).to.contain('Choisissez un procédé ou un produit');
    expect(el.toCsv().trimEnd().split('\r\n').length).to.equal(1);
    el.process = 'welding';
    await el.updateComplete;
    expect(text(root.querySelector('[role="alert"]'))).to.equal('Procédé inconnu : welding');
    el.process = null;
    el.product = '8483';
    await el.updateComplete;
    expect(text(root.querySelector('[role="alert"]'))).to.equal('Code produit non reconnu : 8483');
    el.product = null;
    el.process = 'testing:ndt';
    el.near = 'nowhere';
    await el.updateComplete;
    expect(text(root.querySelector('[role="alert"]'))).to.equal('Établissement introuvable : nowhere');
    // Distances from the laboratory itself; within 2 km of the centre only controle (1.8 km) is left.
    el.near = 'laboratoire';
    await el.updateComplete;
    expect(el.makers.find((m) => m.id === 'laboratoire')!.distanceKm).to.equal(0);
    expect(text(root.querySelector('caption'))).to.contain('distances depuis Analyses Environnement Estuaire');
    el.near = null;
    el.capabilityRadiusKm = 2;
    await el.updateComplete;
    expect(el.makers.map((m) => m.id)).to.deep.equal(['controle']);
    expect(text(root.querySelector('caption'))).to.contain('rayon 2 km');
    // Through the form: an empty radius is no radius.
    const radius = root.querySelector<HTMLInputElement>('input[type="number"][step="any"]')!;
    radius.value = '';
    setTimeout(() => radius.dispatchEvent(new Event('change')));
    const query = await oneEvent(el, 'toile-synergy-query');
    expect(query.detail).to.include({ mode: 'capabilities', process: 'testing:ndt', product: null, near: null, capabilityRadiusKm: null });
    await el.updateComplete;
    expect(el.makers.length).to.equal(3);
  });

  it('renders hostile names and labels as text, guards the CSV, and computes the kinship context once per document', async () => {
    const provider = await fixture<ToileData>(
      html`<toile-data .data=${hostileDoc}><toile-synergy-finder mode="capabilities" process="din8580:4.6"></toile-synergy-finder></toile-data>`,
    );
    if (!provider.value) await oneEvent(provider, 'toile-data-change');
    const el = provider.querySelector('toile-synergy-finder') as ToileSynergyFinder;
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('img, script, b')).to.equal(null);
    expect((window as { __toilePwned?: number }).__toilePwned).to.equal(undefined);
    expect(text(root)).to.contain(HOSTILE_NAME);
    expect(text(root)).to.contain('Soudure <script>alert(1)</script>');
    expect(text(root)).to.contain('<b>ISO 3834</b>');
    // The capability for partners is not served to the public page.
    expect(el.makers.map((m) => m.id)).to.deep.equal(['soudeur', 'formule']);
    const csv = el.toCsv();
    expect(csv).to.contain(`"'${FORMULA_NAME.replace(/"/g, '""')}"`);
    expect(csv).to.contain(",'=1+1,");
    expect(csv).not.to.match(/(^|,)=/m);
    // One kinship context per served document, whatever the query; a new document, a new one.
    const before = capabilityData(provider.value!).kinship;
    el.process = 'din8580:4';
    await el.updateComplete;
    expect(capabilityData(provider.value!).kinship).to.equal(before);
    provider.audience = 'partners';
    await oneEvent(provider, 'toile-data-change');
    await el.updateComplete;
    expect(capabilityData(provider.value!).kinship).not.to.equal(before);
    expect(el.makers.map((m) => m.id)).to.include('secret');
  });

  it('fetches the capabilities mode only when it is first shown, and works under a strict Content-Security-Policy', async () => {
    // A page of its own: the policy in a meta tag, the kit loaded from same-origin module files only.
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 600px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/fixtures/resource-timing-buffer.js"></script>
        <script type="module" src="/packages/widgets/src/define.ts"></script></head>
        <body><toile-data src="${SAMPLE}"><toile-synergy-finder></toile-synergy-finder></toile-data></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentDocument?.querySelector('toile-synergy-finder'), 'frame loaded', { timeout: 5000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-synergy-finder') as ToileSynergyFinder;
    const fetched = () => frame.contentWindow!.performance.getEntriesByType('resource').some((r) => r.name.includes('capabilities-mode'));
    await waitUntil(() => el.shadowRoot && el.shadowRoot.querySelectorAll('table[part="table"] tbody tr').length > 0, 'synergies under CSP', { timeout: 8000 });
    // Every fetch so far is recorded (the buffer was raised first): not fetched means not fetched.
    expect(frame.contentWindow!.performance.getEntriesByType('resource').length).to.be.below(10000);
    expect(fetched()).to.equal(false);
    el.setAttribute('mode', 'capabilities');
    el.setAttribute('process', 'testing:ndt');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('table[part="table"] tbody tr').length === 3, 'makers under CSP', { timeout: 8000 });
    expect(fetched()).to.equal(true);
    (el.shadowRoot!.querySelector('table[part="table"] tbody tr button') as HTMLButtonElement).click();
    const provider = frame.contentDocument!.querySelector('toile-data') as ToileData;
    await waitUntil(() => provider.selected === 'controle', 'selection under CSP');
    expect(frame.contentWindow!.getComputedStyle(el.shadowRoot!.querySelector('[part="modes"]')!).display).to.equal('flex');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });
});
