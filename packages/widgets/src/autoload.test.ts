/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { loadToileElements } from './autoload.ts';
import './base/resize-loop.fixture.ts';

// This file runs in its own page: nothing else registered the tags.
describe('autoload (the CDN entry)', () => {
  it('registers only the elements the page uses, when they appear', async () => {
    const mount = document.createElement('div');
    document.body.append(mount);
    expect(customElements.get('toile-data')).to.equal(undefined);
    mount.innerHTML = '<toile-data src="/examples/data/mini.toile.json"><toile-company-card establishment="acierie"></toile-company-card></toile-data>';
    await customElements.whenDefined('toile-company-card');
    await customElements.whenDefined('toile-data');
    expect(customElements.get('toile-network')).to.equal(undefined);
    // The card worked without the network or cytoscape being fetched.
    const card = mount.querySelector('toile-company-card')!;
    await waitUntil(() => card.shadowRoot?.querySelector('h2'), 'card rendered', { timeout: 5000 });
    // Every fetch is recorded (the test page raises the buffer first): not fetched means not fetched.
    expect(performance.getEntriesByType('resource').length).to.be.below(10000);
    expect(performance.getEntriesByType('resource').some((r) => /cytoscape/.test(r.name))).to.equal(false);
    // A network added later is loaded then.
    mount.querySelector('toile-data')!.append(document.createElement('toile-network'));
    await customElements.whenDefined('toile-network');
    mount.remove();
  });

  it('loads tags on request, for elements inside other shadow roots', async () => {
    await loadToileElements(['toile-synergy-finder', 'not-a-toile-tag']);
    expect(customElements.get('toile-synergy-finder')).to.not.equal(undefined);
  });
});
