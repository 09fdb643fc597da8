/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
// Only the two tags the card needs: nothing here may pull cytoscape in.
import '../data/toile-data.ts';
import './company-card.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileCompanyCard } from './company-card.component.ts';
import { periodText, productLabel } from './capabilities.ts';
import '../base/resize-loop.fixture.ts';

// The sample territory's capabilities are examples/data/port-estuaire-capabilities.ts.
const SAMPLE = '/examples/data/port-estuaire.toile.json';

/** Text with every kind of space (Intl's narrow no-break spaces included) made one plain space. */
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mountSample(id: string, audience = 'public', lang = '') {
  const provider = await fixture<ToileData>(
    html`<toile-data audience=${audience} src=${SAMPLE}><toile-company-card lang=${lang || 'fr'} establishment=${id}></toile-company-card></toile-data>`,
  );
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-company-card') as ToileCompanyCard;
  await el.updateComplete;
  return { data: provider, el, root: el.shadowRoot! };
}

async function mountDoc(doc: unknown, id: string, audience = 'public') {
  const provider = await fixture<ToileData>(
    html`<toile-data audience=${audience} .data=${doc}><toile-company-card establishment=${id}></toile-company-card></toile-data>`,
  );
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-company-card') as ToileCompanyCard;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const capability = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`[part~="capability"][data-capability="${id}"]`);

const HOSTILE = '<img src=x onerror="window.__toilePwned=1">';
const small = {
  toile: '1.0',
  territory: { id: 't', name: 'Test' },
  meta: { title: 'Test', language: 'fr' },
  establishments: [
    {
      id: 'atelier',
      name: 'Atelier',
      capabilities: [
        {
          id: 'c1',
          label: `Soudure ${HOSTILE}`,
          process: 'din8580:4.6',
          products: ['ewc:100202', 'hs:7308'],
          certifications: ['<script>alert(1)</script>'],
          spare: { share: 0.5, to: '2026-06-30' },
        },
        { id: 'c2', process: 'design', spare: { share: 0 } },
      ],
    },
    { id: 'secret', name: 'Secret', capabilities: [{ id: 'c3', process: 'assembly', confidentiality: 'confidential' }] },
    { id: 'vide', name: 'Vide' },
  ],
  flows: [],
};

describe('<toile-company-card> capabilities', () => {
  it('shows the sample machine shop’s capabilities in French: process from the vocabulary, products, capacity, certifications, spare capacity', async () => {
    const { el, root } = await mountSample('usinage');
    const section = root.querySelector('[part~="capabilities"]')!;
    expect(text(section.querySelector('h3'))).to.equal('Capacités productives');
    // Public page: the partner-level grinding capability is left out, the others in their order.
    expect([...root.querySelectorAll<HTMLElement>('[part~="capability"]')].map((c) => c.dataset['capability'])).to.deep.equal([
      'usinage-tournage-fraisage',
      'usinage-metrologie',
    ]);
    expect(el.capabilities.map((c) => c.id)).to.deep.equal(['usinage-tournage-fraisage', 'usinage-metrologie']);
    const milling = capability(root, 'usinage-tournage-fraisage')!;
    expect(text(milling.querySelector('[part~="process"]'))).to.equal('Usinage par outil à arête de coupe définie');
    expect(text(milling.querySelector('.process-id'))).to.equal('din8580:3.2');
    expect(text(milling.querySelector('.capability-label'))).to.equal('Tournage et fraisage CN 5 axes, arbres et pièces de transmission');
    // cpa:25.62 reads the NAF label of class 25.62; HS codes have none in the kit.
    expect([...milling.querySelectorAll('.product-list li')].map(text)).to.deep.equal(['cpa:25.62 · Usinage', 'hs:8483', 'hs:8487']);
    expect(text(milling.querySelector('.capacity dd'))).to.equal('38 000 heures par an');
    expect(text(milling.querySelector('.certifications dd'))).to.equal('ISO 9001, EN 9100');
    // 25 % of 38,000 h/yr is 9,500 h/yr, offered over the whole of 2026.
    const spare = milling.querySelector('[part~="spare"]')!;
    expect(text(spare)).to.equal(
      'Capacité disponible 25 % de la capacité offerte à d’autres entreprises (soit environ 9 500 heures par an) — du 1 janvier 2026 au 31 décembre 2026',
    );
    // Metrology: a service process, a capacity, no product, no spare capacity.
    const metrology = capability(root, 'usinage-metrologie')!;
    expect(text(metrology.querySelector('[part~="process"]'))).to.equal('Métrologie et contrôle dimensionnel');
    expect(metrology.querySelector('.products')).to.equal(null);
    expect(metrology.querySelector('[part~="spare"]')).to.equal(null);
  });

  it('says an open period, or an open end, as such', async () => {
    const foundry = await mountSample('fonderie');
    expect(text(foundry.root.querySelector('[data-capability="fonderie-moulage"] .spare-period'))).to.equal('à partir du 1 mars 2026');
    const upkeep = await mountSample('maintenance');
    expect(text(upkeep.root.querySelector('[data-capability="maintenance-usinage"] .spare-period'))).to.equal('sans période indiquée');
    // 15 % of 12,000 h/yr.
    expect(text(upkeep.root.querySelector('[data-capability="maintenance-usinage"] .spare-amount'))).to.equal('(soit environ 1 800 heures par an)');
    expect(periodText({ share: 0.5, to: '2026-06-30' }, 'en')).to.equal('until June 30, 2026');
    expect(periodText({ share: 0.5, from: '2026-01-01', to: '2026-12-31' }, 'en')).to.equal('from January 1, 2026 to December 31, 2026');
  });

  it('keeps each capability to its own level: partner-level for partners, confidential for internal only', async () => {
    const pub = await mountSample('eolien');
    expect(pub.el.capabilities.map((c) => c.id)).to.deep.equal(['eolien-assemblage']);
    expect(text(pub.root)).to.not.contain('Collage structural');
    const partners = await mountSample('fonderie', 'partners');
    expect(partners.el.capabilities.map((c) => c.id)).to.deep.equal(['fonderie-moulage', 'fonderie-traitement-thermique']);
    const partnersWind = await mountSample('eolien', 'partners');
    expect(partnersWind.el.capabilities.map((c) => c.id)).to.deep.equal(['eolien-assemblage']);
    const internal = await mountSample('eolien', 'internal');
    expect(internal.el.capabilities.map((c) => c.id)).to.deep.equal(['eolien-collage', 'eolien-assemblage']);
    expect(text(internal.root.querySelector('[data-capability="eolien-collage"] [part~="process"]'))).to.equal('Collage');
  });

  it('shows nothing when there are no capabilities, or none the audience may see', async () => {
    const sugar = await mountSample('sucrerie');
    expect(sugar.root.querySelector('h2')).to.not.equal(null);
    expect(sugar.root.querySelector('[part~="capabilities"]')).to.equal(null);
    expect(sugar.el.capabilities).to.deep.equal([]);
    const none = await mountDoc(small, 'vide');
    expect(none.root.querySelector('[part~="capabilities"]')).to.equal(null);
    // Confidential: withheld by <toile-data> for the public, and so nothing shown.
    const secret = await mountDoc(small, 'secret');
    expect(secret.root.querySelector('h2')).to.not.equal(null);
    expect(secret.root.querySelector('[part~="capabilities"]')).to.equal(null);
    const internal = await mountDoc(small, 'secret', 'internal');
    expect(text(internal.root.querySelector('[part~="capabilities"] [part~="process"]'))).to.equal('Montage');
  });

  it('renders data as text: hostile labels and certifications never become elements', async () => {
    const { root } = await mountDoc(small, 'atelier');
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('script')).to.equal(null);
    expect((window as { __toilePwned?: number }).__toilePwned).to.equal(undefined);
    const weld = capability(root, 'c1')!;
    expect(text(weld.querySelector('.capability-label'))).to.equal(`Soudure ${HOSTILE}`);
    expect(text(weld.querySelector('.certifications dd'))).to.equal('<script>alert(1)</script>');
    // The EWC entry is named from the List of Waste, in French.
    expect(text(weld.querySelector('[data-product="ewc:100202"]'))).to.equal(`ewc:100202 · ${productLabel('ewc:100202', 'fr')!.text}`);
    expect(productLabel('ewc:100202', 'fr')!.text).to.match(/laitier/i);
    expect(text(weld.querySelector('.spare-period'))).to.equal('jusqu’au 30 juin 2026');
    // No capacity: no amount; a share of 0 offers nothing.
    expect(weld.querySelector('.spare-amount')).to.equal(null);
    expect(capability(root, 'c2')!.querySelector('[part~="spare"]')).to.equal(null);
    expect(capability(root, 'c2')!.querySelector('dl')).to.equal(null);
  });

  it('speaks English with lang="en": headings, process names, units, dates; French labels marked lang="fr"', async () => {
    const { root } = await mountSample('usinage', 'public', 'en');
    expect(text(root.querySelector('[part~="capabilities"] h3'))).to.equal('Productive capabilities');
    const milling = capability(root, 'usinage-tournage-fraisage')!;
    expect(text(milling.querySelector('[part~="process"]'))).to.equal('Machining with geometrically defined cutting edges');
    expect(text(milling.querySelector('.capacity dt'))).to.equal('Capacity');
    expect(text(milling.querySelector('.capacity dd'))).to.equal('38,000 hours per year');
    expect(text(milling.querySelector('[part~="spare"]'))).to.equal(
      'Spare capacity 25% of the capacity offered to other companies (about 9,500 hours per year) — from January 1, 2026 to December 31, 2026',
    );
    // The NAF vocabulary is French: its label is marked so; the capability's own words are the data's (French).
    expect(milling.querySelector('.product-label')!.getAttribute('lang')).to.equal('fr');
    expect(milling.querySelector('.capability-label')!.getAttribute('lang')).to.equal('fr');
  });

  it('is themed through its parts and --toile-* tokens', async () => {
    const { el, root } = await mountSample('controle');
    const label = root.querySelector<HTMLElement>('[part~="spare"] .spare-label')!;
    el.style.setProperty('--toile-company-card-spare-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(label).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('[part~="spare"]')!).borderInlineStartColor).to.equal('rgb(1, 2, 3)');
    expect(root.querySelectorAll('[part~="capability"]').length).to.equal(2);
  });

  it('is accessible in French and English, light and dark', async () => {
    for (const [id, lang] of [
      ['usinage', 'fr'],
      ['peinture-navale', 'en'],
    ] as const) {
      const { el } = await mountSample(id, 'public', lang);
      await expect(el).to.be.accessible();
      el.theme = 'dark';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 600px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/data/toile-data.ts"></script>
        <script type="module" src="/packages/widgets/src/company-card/company-card.ts"></script></head>
        <body><toile-data src="${SAMPLE}"><toile-company-card establishment="usinage"></toile-company-card></toile-data></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentDocument?.querySelector('toile-company-card'), 'frame loaded', { timeout: 5000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-company-card')!;
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="spare"]'), 'capabilities under CSP', { timeout: 8000 });
    // Styles came through constructable stylesheets: the spare capacity has its marker.
    const spare = el.shadowRoot!.querySelector('[part~="spare"]')!;
    expect(frame.contentWindow!.getComputedStyle(spare).borderInlineStartStyle).to.equal('solid');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });
});
