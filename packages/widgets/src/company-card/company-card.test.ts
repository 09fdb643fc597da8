/// <reference types="mocha" />
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';

const doc = {
  toile: '1.0',
  territory: { id: 't', name: 'Test' },
  meta: { title: 'Test', sources: [{ id: 's1', label: 'Entretiens 2025' }] },
  establishments: [
    { id: 'acier', name: 'Aciérie <img src=x onerror=alert(1)>', naf: '24.10Z', employees: 800, website: 'javascript:alert(1)', sources: ['s1'], validated: true },
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

async function mount(card = html`<toile-company-card establishment="acier"></toile-company-card>`) {
  const data = await fixture<ToileData>(html`<toile-data .data=${doc}>${card}</toile-data>`);
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const el = data.querySelector('toile-company-card')!;
  await el.updateComplete;
  return { data, el, root: el.shadowRoot! };
}

describe('<toile-company-card>', () => {
  it('shows the establishment in French by default, with NAF label, suppliers and customers', async () => {
    const { root } = await mount();
    const text = root.textContent ?? '';
    expect(text).to.contain('800 salariés');
    expect(text).to.contain('24.10Z');
    expect(text).to.contain('Sidérurgie');
    expect(text).to.contain('Coproduits et déchets valorisés');
    expect(text).to.contain('Mine lointaine');
    expect(text).to.contain('60 % de l’activité dépend de ce seul fournisseur');
    expect(text).to.contain('Entretiens 2025');
  });

  it('renders hostile strings as text and never links a javascript: URL', async () => {
    const { root } = await mount();
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('h2')!.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(root.querySelector('a')).to.equal(null);
  });

  it('keeps confidential records out unless the page opts in', async () => {
    const { root } = await mount();
    expect(root.textContent).not.to.contain('Société secrète');
    expect(root.textContent).not.to.contain('SECRET-LABEL');
  });

  it('speaks English with lang="en"', async () => {
    const { root } = await mount(html`<toile-company-card lang="en" establishment="acier"></toile-company-card>`);
    expect(root.textContent).to.contain('800 employees');
    expect(root.textContent).to.contain('Suppliers');
  });

  it('selecting a partner emits toile-select and updates the shared selection', async () => {
    const { data, el, root } = await mount(html`<toile-company-card></toile-company-card>`);
    data.select('acier');
    await data.updateComplete;
    await el.updateComplete;
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cimenterie')!;
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'toile-select');
    expect(event.detail).to.deep.equal({ id: 'ciment' });
    expect(event.composed).to.equal(true);
    await el.updateComplete;
    expect(data.selected).to.equal('ciment');
    await data.updateComplete;
    await el.updateComplete;
    expect(root.querySelector('h2')!.textContent).to.contain('Cimenterie');
    expect(root.querySelector('a')!.getAttribute('href')).to.equal('https://ciment.example/');
  });

  it('is accessible', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });
});
