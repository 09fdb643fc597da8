/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { analyseStructure, criticalDependencies, edgeMask, localAnchoring } from '@toile/sdk';
import { FLOW_KINDS, getNafLabel } from '@toile/schema';
// Only the two tags the card needs: nothing here may pull cytoscape in.
import '../data/toile-data.ts';
import './company-card.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import { safeHttpUrl, type ToileCompanyCard } from './company-card.component.ts';
import '../base/resize-loop.fixture.ts';

// The test server serves the repository: the sample territory is a real file over HTTP.
const SAMPLE = '/examples/data/port-estuaire.toile.json';

const doc = {
  toile: '1.0',
  territory: { id: 't', name: 'Test' },
  meta: { title: 'Test', sources: [{ id: 's1', label: 'Entretiens 2025' }] },
  establishments: [
    {
      id: 'acier',
      name: 'Aciérie <img src=x onerror=alert(1)>',
      naf: '24.10Z',
      employees: 800,
      website: 'javascript:alert(1)',
      sources: ['s1'],
      validated: true,
    },
    { id: 'ciment', name: 'Cimenterie', naf: '23.51Z', website: 'https://ciment.example/' },
    { id: 'mine', name: 'Mine lointaine', external: true },
    { id: 'secret', name: 'Société secrète', confidentiality: 'confidential' },
  ],
  flows: [
    { id: 'f1', from: 'acier', to: 'ciment', kind: 'byproduct', item: { label: 'Laitier' }, quantity: { value: 200000, unit: 't/yr' } },
    { id: 'f2', from: 'mine', to: 'acier', kind: 'supply', item: { label: 'Minerai', code: 'hs:2601' }, dependency: { upstream: 0.6 } },
    { id: 'f3', from: 'secret', to: 'acier', kind: 'service' },
    { id: 'f4', from: 'ciment', to: 'acier', kind: 'service', confidentiality: 'confidential', item: { label: 'SECRET-LABEL' } },
  ],
};

/** Text with every kind of space (Intl's narrow no-break spaces included) made one plain space. */
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(card = html`<toile-company-card establishment="acier"></toile-company-card>`, data: unknown = doc) {
  const provider = await fixture<ToileData>(html`<toile-data .data=${data}>${card}</toile-data>`);
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-company-card')!;
  await el.updateComplete;
  return { data: provider, el, root: el.shadowRoot! };
}

async function mountSample(card = html`<toile-company-card establishment="sucrerie"></toile-company-card>`, audience = 'public') {
  const provider = await fixture<ToileData>(html`<toile-data audience=${audience} src=${SAMPLE}>${card}</toile-data>`);
  if (!provider.value) await oneEvent(provider, 'toile-data-change');
  const el = provider.querySelector('toile-company-card') as ToileCompanyCard;
  await el.updateComplete;
  return { data: provider, el, root: el.shadowRoot! };
}

const settle = async (data: ToileData, el: ToileCompanyCard) => {
  await data.updateComplete;
  await el.updateComplete;
};

describe('<toile-company-card>', () => {
  describe('with a small document', () => {
    it('shows the establishment in French by default, with NAF label, suppliers and customers', async () => {
      const { root } = await mount();
      const all = text(root);
      expect(all).to.contain('800 salariés');
      expect(all).to.contain('24.10Z');
      expect(all).to.contain('Sidérurgie');
      expect(all).to.contain('Coproduits et déchets valorisés');
      expect(all).to.contain('Mine lointaine');
      expect(all).to.contain('60 % de l’activité dépend de ce seul fournisseur');
      expect(all).to.contain('Entretiens 2025');
    });

    it('renders hostile strings as text and never links a javascript: URL', async () => {
      const { root } = await mount();
      expect(root.querySelector('img')).to.equal(null);
      expect(root.querySelector('h2')!.textContent).to.contain('<img src=x onerror=alert(1)>');
      expect(root.querySelector('a:not(.partner)')?.outerHTML ?? null).to.equal(null);
    });

    it('keeps confidential records out unless the page opts in', async () => {
      const { root } = await mount();
      expect(root.textContent).not.to.contain('Société secrète');
      expect(root.textContent).not.to.contain('SECRET-LABEL');
    });

    it('speaks English with lang="en"', async () => {
      const { root } = await mount(html`<toile-company-card lang="en" establishment="acier"></toile-company-card>`);
      expect(text(root)).to.contain('800 employees');
      expect(text(root)).to.contain('Suppliers');
    });

    it('selecting a partner emits toile-select and updates the shared selection', async () => {
      const { data, el, root } = await mount(html`<toile-company-card></toile-company-card>`);
      data.select('acier');
      await data.updateComplete;
      await el.updateComplete;
      const button = [...root.querySelectorAll('a.partner')].find((b) => b.textContent?.trim() === 'Cimenterie') as HTMLAnchorElement;
      setTimeout(() => button.click());
      const event = await oneEvent(el, 'toile-select');
      expect(event.detail).to.deep.equal({ id: 'ciment' });
      expect(event.composed).to.equal(true);
      await el.updateComplete;
      expect(data.selected).to.equal('ciment');
      await data.updateComplete;
      await el.updateComplete;
      expect(root.querySelector('h2')!.textContent).to.contain('Cimenterie');
      expect(root.querySelector('a[part~="website"]')!.getAttribute('href')).to.equal('https://ciment.example/');
    });

    it('is accessible', async () => {
      const { el } = await mount();
      await expect(el).to.be.accessible();
    });

    it('shows HTML in names, items and sources as text; links only clean http(s) web sites', async () => {
      const hostileWebsites = [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        ' javascript:alert(1)',
        '\tjavascript:alert(1)',
        'java\nscript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        '//evil.example/',
        '/relative/path',
        'https://bank.example@evil.example/',
        'ftp://files.example/',
      ];
      const hostile = {
        ...doc,
        meta: { title: 'H', sources: [{ id: 's1', label: '<b>source</b>' }] },
        establishments: [
          ...hostileWebsites.map((website, i) => ({
            id: `h${i}`,
            name: `<script>alert(${i})</script>`,
            website,
            sources: ['s1'],
            description: '<em>desc</em>',
          })),
          { id: 'p', name: '<a href="javascript:alert(1)">partner</a>' },
        ],
        flows: hostileWebsites.map((_, i) => ({ id: `f${i}`, from: 'p', to: `h${i}`, kind: 'supply', item: { label: '<i>item</i>' } })),
      };
      const provider = await fixture<ToileData>(html`<toile-data .data=${hostile}><toile-company-card></toile-company-card></toile-data>`);
      if (!provider.value) await oneEvent(provider, 'toile-data-change');
      expect(provider.value!.document.establishments.length).to.equal(hostileWebsites.length + 1);
      const el = provider.querySelector('toile-company-card')!;
      for (let i = 0; i < hostileWebsites.length; i++) {
        provider.select(`h${i}`);
        await settle(provider, el);
        const root = el.shadowRoot!;
        expect(text(root.querySelector('h2')), hostileWebsites[i]).to.equal(`<script>alert(${i})</script>`);
        expect(root.querySelector('a[part~="website"]')?.outerHTML ?? null, hostileWebsites[i]).to.equal(null);
        expect(root.querySelectorAll('script, b, em, i').length).to.equal(0);
        expect(text(root)).to.contain('<b>source</b>');
        expect(text(root)).to.contain('<em>desc</em>');
        expect(text(root)).to.contain('<i>item</i>');
        expect(text(root.querySelector('a.partner'))).to.equal('<a href="javascript:alert(1)">partner</a>');
      }
    });

    it('accepts only absolute http(s) URLs without credentials', () => {
      expect(safeHttpUrl('https://ciment.example/')?.href).to.equal('https://ciment.example/');
      expect(safeHttpUrl(' http://ciment.example ')?.href).to.equal('http://ciment.example/');
      for (const bad of [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        ' javascript:alert(1)',
        'data:,x',
        'vbscript:x',
        '//evil.example',
        'https://a:b@evil.example',
        '',
        undefined,
      ]) {
        expect(safeHttpUrl(bad)?.href, String(bad)).to.equal(undefined);
      }
    });

    it('says which id is unknown, in French and in English', async () => {
      const { root } = await mount(html`<toile-company-card establishment="nope"></toile-company-card>`);
      const alert = root.querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('Établissement introuvable');
      expect(text(alert)).to.contain('nope');
      const en = await mount(html`<toile-company-card lang="en" establishment="nope"></toile-company-card>`);
      expect(text(en.root.querySelector('[role="alert"]'))).to.equal('Establishment not found in this data: “nope”');
      // A confidential establishment is unknown to a public page: its existence is not given away.
      const secret = await mount(html`<toile-company-card establishment="secret"></toile-company-card>`);
      expect(secret.root.querySelector('[role="alert"]')).to.not.equal(null);
      expect(text(secret.root)).to.not.contain('Société secrète');
    });

    it('asks for a choice when nothing is selected, and says when no <toile-data> is found', async () => {
      const { root } = await mount(html`<toile-company-card></toile-company-card>`);
      expect(text(root)).to.equal('Choisissez un établissement.');
      const alone = await fixture<ToileCompanyCard>(html`<toile-company-card establishment="acier"></toile-company-card>`);
      await customElements.whenDefined('toile-data');
      await alone.updateComplete;
      expect(text(alone.shadowRoot!.querySelector('[role="alert"]'))).to.contain('Aucune source de données');
    });
  });

  describe('with the sample territory', () => {
    it('shows the local anchoring of the SDK (the same figures as `toile stats`)', async () => {
      const { data, el, root } = await mountSample();
      const { document: d, index } = data.value!;
      const node = index.nodeOf.get('sucrerie')!;
      // What the CLI prints: analyseStructure with its default filter (active flows).
      const cli = analyseStructure(d, { index, betweenness: false }).establishments[node]!.anchoring!;
      const direct = localAnchoring(d, index, { mask: edgeMask(index, { statuses: ['active'] }) }).establishments[node]!;
      expect(el.anchoring).to.deep.equal(cli);
      expect(el.anchoring).to.deep.equal(direct);
      // The sugar works with outside partners: every measure is known and none is 0 or 1.
      for (const measure of ['flows', 'value', 'quantity'] as const) {
        const shares = cli[measure]!;
        expect(shares.local).to.be.within(0.01, 0.99);
        const row = root.querySelector<HTMLElement>(`.share[data-measure="${measure}"]`)!;
        expect(Number(row.dataset['local'])).to.equal(shares.local);
        const percent = new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 1 }).format(shares.local).replace(/\s+/g, ' ');
        expect(text(row)).to.contain(percent);
        const fill = row.querySelector<HTMLElement>('[part~="bar-fill"]')!;
        const track = row.querySelector<HTMLElement>('[part~="bar"]')!;
        expect(fill.getBoundingClientRect().width / track.getBoundingClientRect().width).to.be.closeTo(shares.local, 0.02);
      }
      expect(text(root.querySelector('.share[data-measure="flows"]'))).to.contain(
        `${cli.flowCount.local} flux sur ${cli.flowCount.local + cli.flowCount.external}`,
      );
    });

    it('lists the critical dependencies of the SDK, and computes the analyses once per document', async () => {
      const card = html`<toile-company-card establishment="sucrerie"></toile-company-card><toile-company-card establishment="sucrerie"></toile-company-card>`;
      const { data, el, root } = await mountSample(card);
      const { document: d, index } = data.value!;
      const expected = criticalDependencies(d, index, { mask: edgeMask(index, { statuses: ['active'] }) }).entries.filter(
        (c) => c.establishment === 'sucrerie',
      );
      const cli = analyseStructure(d, { index, betweenness: false }).criticalDependencies.entries.filter((c) => c.establishment === 'sucrerie');
      expect(expected.length).to.be.greaterThan(0);
      expect(el.dependencies).to.deep.equal(expected);
      expect(el.dependencies).to.deep.equal(cli);
      const items = [...root.querySelectorAll<HTMLElement>('[part~="critical"]')];
      expect(items.map((li) => Number(li.dataset['share']))).to.deep.equal(expected.map((c) => c.share));
      const first = expected[0]!;
      const supplierName = d.establishments[index.nodeOf.get(first.supplier)!]!.name;
      expect(text(items[0])).to.contain(supplierName);
      expect(text(items[0])).to.contain(`${Math.round(first.share * 100)} % de l’activité dépend de ce seul fournisseur`);
      // Both cards read the same cached analysis of this document.
      const second = data.querySelectorAll('toile-company-card')[1] as ToileCompanyCard;
      await second.updateComplete;
      expect(second.anchoring).to.equal(el.anchoring);
    });

    it('groups suppliers and customers by flow kind, with volumes and outside partners marked', async () => {
      const { data, root } = await mountSample();
      const { document: d, index } = data.value!;
      const name = (id: string) => d.establishments[index.nodeOf.get(id)!]!.name;
      for (const [selector, side, other] of [
        ['.suppliers', 'to', 'from'],
        ['.customers', 'from', 'to'],
      ] as const) {
        const flows = d.flows.filter((f) => f[side] === 'sucrerie');
        const expectedKinds = FLOW_KINDS.filter((k) => flows.some((f) => f.kind === k));
        const groups = [...root.querySelectorAll<HTMLElement>(`${selector} [part~="kind"]`)];
        expect(groups.map((g) => g.dataset['kind'])).to.deep.equal(expectedKinds);
        for (const group of groups) {
          const kind = group.dataset['kind'] as (typeof FLOW_KINDS)[number];
          expect(text(group.querySelector('h4'))).to.equal(KIND_LABELS[kind].fr);
          const partners = [...group.querySelectorAll<HTMLElement>(':scope > ul > li')].map((li) => li.dataset['partner']).sort();
          expect(partners).to.deep.equal([...new Set(flows.filter((f) => f.kind === kind).map((f) => f[other]))].sort());
          for (const li of group.querySelectorAll<HTMLElement>(':scope > ul > li')) {
            const id = li.dataset['partner']!;
            expect(text(li.querySelector('a.partner'))).to.equal(name(id));
            const outside = d.establishments[index.nodeOf.get(id)!]!.external === true;
            expect(li.querySelector(':scope > [part~="external"]') !== null, id).to.equal(outside);
          }
        }
      }
      // Volumes in the element's language: the beet from the cooperative.
      const beet = root.querySelector('[data-flow="f059"]')!;
      expect(text(beet)).to.equal('Betteraves — 900 000 tonnes par an · 27 000 000 €/an');
      expect(text(root.querySelector('.suppliers li[data-partner="gaz-naturel"]'))).to.contain('(hors territoire)');
      // A flow that is not active says so.
      expect(text(root.querySelector('[data-flow="f218"]'))).to.contain('(potentiel)');
    });

    it('shows identity, sector, workforce, address, sources and validation; ESS, closed and planned badges', async () => {
      const { data, el, root } = await mountSample();
      const facts = root.querySelector('[part~="facts"]')!;
      expect(text(facts.querySelector('.naf dd'))).to.equal(`10.81Z · ${getNafLabel('10.81Z')}`);
      expect(text(facts.querySelector('.employees dd'))).to.equal('260 salariés');
      expect(text(facts.querySelector('.location dd'))).to.equal('25 rue de l’Industrie, 76993 Hautvire-le-Plateau');
      expect(text(facts.querySelector('.sources dd'))).to.equal('Entretiens en entreprise (42 établissements), printemps 2025');
      expect(root.querySelector<HTMLElement>('[part~="validation"]')!.dataset['validated']).to.equal('true');
      expect(root.querySelector('[part~="badge-ess"]')).to.equal(null);
      el.establishment = 'laiterie';
      await el.updateComplete;
      expect(text(root.querySelector('[part~="badge-ess"]'))).to.equal('ESS');
      el.establishment = 'raffinerie';
      await el.updateComplete;
      expect(root.querySelector<HTMLElement>('[part~="validation"]')!.dataset['validated']).to.equal('false');
      expect(text(root.querySelector('[part~="validation"]'))).to.equal('non validé');
      const website = root.querySelector('a[part~="website"]')!;
      expect(website.getAttribute('href')).to.equal('https://raffinerie-vire-marine.example/');
      expect(website.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(website.getAttribute('target')).to.equal('_blank');
      el.establishment = 'ancienne-raffinerie';
      await el.updateComplete;
      expect(text(root.querySelector('[part~="badge-status"]'))).to.equal('Fermé');
      el.establishment = 'hydrogene';
      await el.updateComplete;
      expect(text(root.querySelector('[part~="badge-status"]'))).to.equal('En projet');
      expect(data.value!.document.establishments.find((e) => e.id === 'hydrogene')!.status).to.equal('planned');
    });

    it('clicking a partner selects it in <toile-data> and the card follows, focus on its name', async () => {
      const { data, el, root } = await mountSample(html`<toile-company-card></toile-company-card>`);
      data.select('sucrerie');
      await settle(data, el);
      const button = root.querySelector<HTMLAnchorElement>('.suppliers li[data-partner="cooperative"] a.partner')!;
      const event = oneEvent(el, 'toile-select');
      button.click();
      expect((await event).detail).to.deep.equal({ id: 'cooperative' });
      expect(data.selected).to.equal('cooperative');
      await settle(data, el);
      expect(text(root.querySelector('h2'))).to.equal(data.value!.document.establishments.find((e) => e.id === 'cooperative')!.name);
      await el.updateComplete;
      expect(root.activeElement).to.equal(root.querySelector('h2'));
      // The sugar factory is now among the cooperative's customers: back to it.
      root.querySelector<HTMLAnchorElement>('.customers li[data-partner="sucrerie"] a.partner')!.click();
      await settle(data, el);
      expect(data.selected).to.equal('sucrerie');
      expect(text(root.querySelector('h2'))).to.equal('Sucrerie du Plateau');
    });

    it('partners are links to their address (partner-href): a plain click selects in place, ctrl or middle click is left to the browser', async () => {
      const { data, el, root } = await mountSample(html`<toile-company-card></toile-company-card>`);
      data.select('sucrerie');
      await settle(data, el);
      const link = root.querySelector<HTMLAnchorElement>('.suppliers li[data-partner="cooperative"] a.partner')!;
      expect(link.getAttribute('href')).to.equal('?id=cooperative');
      expect(link.href).to.equal(new URL('?id=cooperative', document.baseURI).href);
      // A click with a modifier (a new tab) is not taken over: the selection stays, the browser opens the link.
      let leftToBrowser: boolean | undefined;
      const stopNavigation = (event: Event) => {
        leftToBrowser = !event.defaultPrevented;
        event.preventDefault();
      };
      el.addEventListener('click', stopNavigation);
      for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }]) {
        leftToBrowser = undefined;
        link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, ...init }));
        expect(leftToBrowser, JSON.stringify(init)).to.equal(true);
        expect(data.selected).to.equal('sucrerie');
      }
      // The middle button opens a new tab through auxclick, which the card leaves alone too.
      link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, composed: true, cancelable: true, button: 1 }));
      expect(data.selected).to.equal('sucrerie');
      // A plain click selects in place: the card prevents the navigation.
      leftToBrowser = undefined;
      link.click();
      expect(leftToBrowser).to.equal(false);
      expect(data.selected).to.equal('cooperative');
      el.removeEventListener('click', stopNavigation);
      // A host page with its own addresses: ids are URL-encoded into the template.
      el.partnerHref = '/entreprises/{id}.html';
      await settle(data, el);
      const customer = root.querySelector<HTMLAnchorElement>('.customers li[data-partner="sucrerie"] a.partner')!;
      expect(customer.getAttribute('href')).to.equal('/entreprises/sucrerie.html');
      el.partnerHref = '?id={id}&x={id}';
      await settle(data, el);
      expect(root.querySelector('.customers li[data-partner="sucrerie"] a.partner')!.getAttribute('href')).to.equal('?id=sucrerie&x=sucrerie');
    });

    it('fits its box: nothing runs past a 300 px card, labels beside values when wide, and a flex item keeps its width', async () => {
      const { data, el, root } = await mountSample(html`<toile-company-card establishment="sucrerie"></toile-company-card>`);
      const card = root.querySelector<HTMLElement>('[part~="card"]')!;
      const row = (selector: string) => {
        const dt = root.querySelector(`${selector} dt`)!.getBoundingClientRect();
        const dd = root.querySelector(`${selector} dd`)!.getBoundingClientRect();
        return { beside: Math.abs(dt.top - dd.top) < 2 && dd.left > dt.right, below: dd.top >= dt.bottom - 1 };
      };
      el.style.width = '300px';
      await settle(data, el);
      expect(card.scrollWidth).to.be.at.most(card.clientWidth);
      for (const part of card.querySelectorAll<HTMLElement>('*')) {
        expect(part.getBoundingClientRect().right, part.className).to.be.at.most(card.getBoundingClientRect().right + 0.5);
      }
      expect(row('.location').below).to.equal(true);
      expect(row('.share[data-measure="flows"]').below).to.equal(true);
      el.style.width = '700px';
      await settle(data, el);
      expect(row('.location').beside).to.equal(true);
      expect(row('.share[data-measure="flows"]').beside).to.equal(true);
      // A host page's flex row without widths: the card takes its content's width, not zero.
      el.style.width = '';
      data.parentElement!.style.display = 'flex';
      await settle(data, el);
      expect(el.getBoundingClientRect().width).to.be.greaterThan(300);
      data.parentElement!.style.display = '';
    });

    it('is usable with the keyboard: partners are links in tab order, Enter selects', async () => {
      const { data, el, root } = await mountSample(html`<toile-company-card></toile-company-card>`);
      data.select('sucrerie');
      await settle(data, el);
      const buttons = [...root.querySelectorAll<HTMLAnchorElement>('a.partner')];
      expect(buttons.length).to.be.greaterThan(5);
      for (const b of buttons) expect(b.tabIndex).to.equal(0);
      buttons[0]!.focus();
      await sendKeys({ press: 'Tab' });
      expect(root.activeElement).to.equal(buttons[1]);
      const target = buttons[1]!.closest<HTMLElement>('[data-partner]')!.dataset['partner'];
      await sendKeys({ press: 'Enter' });
      await settle(data, el);
      expect(data.selected).to.equal(target);
    });

    it('speaks English with lang="en": headings, kinds, numbers, and the French NAF label marked lang="fr"', async () => {
      const { root } = await mountSample(html`<toile-company-card lang="en" establishment="sucrerie"></toile-company-card>`);
      expect([...root.querySelectorAll('h3')].map(text)).to.deep.equal(['Suppliers', 'Customers', 'Local anchoring', 'Critical dependencies']);
      expect(text(root.querySelector('.suppliers [data-kind="supply"] h4'))).to.equal(KIND_LABELS.supply.en);
      expect(text(root.querySelector('[data-flow="f059"]'))).to.equal('Betteraves — 900,000 tonnes per year · €27,000,000/yr');
      expect(text(root.querySelector('.employees dd'))).to.equal('260 employees');
      const naf = root.querySelector('.naf dd [lang="fr"]')!;
      expect(text(naf)).to.equal(getNafLabel('10.81Z'));
      expect(text(root.querySelector('[part~="validation"]'))).to.contain('confirmed');
      // The data is in French (meta.language): its text is marked so, the interface is not.
      expect(root.querySelector('[data-flow="f059"] .item')!.getAttribute('lang')).to.equal('fr');
      expect(root.querySelector('.sources dd [lang="fr"]')).to.not.equal(null);
      expect(root.querySelector('.suppliers h3')!.closest('[lang]')).to.equal(null);
    });

    it('keeps partner-level and confidential flows out of a public page, partner-level for partners, all for internal', async () => {
      const hidden = { partners: 'f315', confidential: 'f268' };
      const pub = await mountSample();
      expect(pub.root.querySelector(`[data-flow="${hidden.partners}"]`)).to.equal(null);
      expect(pub.root.querySelector(`[data-flow="${hidden.confidential}"]`)).to.equal(null);
      expect(text(pub.root)).to.not.contain('Maintenance électrique');
      const partners = await mountSample(undefined, 'partners');
      expect(partners.root.querySelector(`[data-flow="${hidden.partners}"]`)).to.not.equal(null);
      expect(partners.root.querySelector(`[data-flow="${hidden.confidential}"]`)).to.equal(null);
      const internal = await mountSample(undefined, 'internal');
      expect(internal.root.querySelector(`[data-flow="${hidden.confidential}"]`)).to.not.equal(null);
      expect(text(internal.root)).to.contain('Maintenance électrique');
      // The analyses follow what the page may see.
      const { document: d, index } = internal.data.value!;
      const node = index.nodeOf.get('sucrerie')!;
      expect(internal.el.anchoring).to.deep.equal(localAnchoring(d, index, { mask: edgeMask(index, { statuses: ['active'] }) }).establishments[node]);
      expect(internal.el.anchoring!.flowCount.local).to.be.greaterThan(pub.el.anchoring!.flowCount.local);
      // What `toile stats examples/data/port-estuaire.toile.json` prints for the sugar factory: 88,9 %.
      expect(text(internal.root.querySelector('.share[data-measure="flows"]'))).to.contain('88,9 % (16 flux sur 18)');
    });

    it('theme="dark" changes the computed colours of its parts', async () => {
      const { el, root } = await mountSample(html`<toile-company-card theme="light" establishment="sucrerie"></toile-company-card>`);
      const card = root.querySelector('[part~="card"]')!;
      const partner = root.querySelector('[part~="partner"]')!;
      const light = [getComputedStyle(card).color, getComputedStyle(card).backgroundColor, getComputedStyle(partner).color];
      el.theme = 'dark';
      await el.updateComplete;
      const dark = [getComputedStyle(card).color, getComputedStyle(card).backgroundColor, getComputedStyle(partner).color];
      expect(light[0]).to.equal('rgb(29, 36, 48)');
      expect(dark[0]).to.equal('rgb(230, 234, 240)');
      expect(dark[1]).to.equal('rgb(18, 22, 29)');
      expect(dark[2]).to.not.equal(light[2]);
      // A page theme through the public custom properties.
      el.style.setProperty('--toile-company-card-bar-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(root.querySelector('[part~="bar-fill"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    });

    it('is accessible in light and dark, in French and in English', async () => {
      for (const card of [
        html`<toile-company-card theme="light" establishment="sucrerie"></toile-company-card>`,
        html`<toile-company-card theme="dark" lang="en" establishment="laiterie"></toile-company-card>`,
        html`<toile-company-card theme="dark" establishment="gaz-naturel"></toile-company-card>`,
      ]) {
        const { el } = await mountSample(card);
        await expect(el).to.be.accessible();
      }
    });

    it('follows a <toile-data> named by source="…"', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <toile-data id="card-src" src=${SAMPLE} selected="laiterie"></toile-data>
          <toile-company-card source="card-src"></toile-company-card>
        </div>`,
      );
      const data = wrapper.querySelector('toile-data')!;
      if (!data.value) await oneEvent(data, 'toile-data-change');
      const el = wrapper.querySelector('toile-company-card')!;
      await waitUntil(() => text(el.shadowRoot!.querySelector('h2')) === 'Laiterie Coopérative du Plateau', 'card follows its source');
      el.shadowRoot!.querySelector<HTMLAnchorElement>('a.partner')!.click();
      expect(data.selected).to.not.equal('laiterie');
    });

    it('renders without loading cytoscape', async () => {
      const { root } = await mountSample();
      expect(root.querySelector('h2')).to.not.equal(null);
      const requested = performance.getEntriesByType('resource').map((r) => r.name);
      expect(requested.some((url) => url.includes('port-estuaire'))).to.equal(true);
      expect(requested.filter((url) => url.toLowerCase().includes('cytoscape'))).to.deep.equal([]);
      expect(customElements.get('toile-network')).to.equal(undefined);
    });
  });
});
