/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileNetwork } from './network.component.ts';
import { NEUTRAL, overlayColour } from './palette.ts';
import '../base/resize-loop.fixture.ts';

/** The channels of a `#rrggbb` or `rgb(…)` colour. */
const rgb = (colour: string) =>
  colour.startsWith('#') ? [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) : colour.match(/\d+/g)!.slice(0, 3).map(Number);
/** Relative luminance (WCAG) of a colour: lower is darker. */
const luminance = (colour: string) => {
  const [r, g, b] = rgb(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
/** Text with every kind of space made one plain space. */
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const SAMPLE = '/examples/data/port-estuaire.toile.json';

async function mountSample(attributes = 'color-by="kinship"', audience = 'public') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<toile-data audience="${audience}" src="${SAMPLE}"><toile-network ${attributes}></toile-network></toile-data>`;
  const data = host.querySelector('toile-data') as ToileData;
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const net = data.querySelector('toile-network') as ToileNetwork;
  await waitUntil(() => net.cytoscape !== undefined, 'cytoscape drawn', { timeout: 8000 });
  return { data, net, root: net.shadowRoot! };
}

/** Selects an establishment and waits for its kinship scores. */
async function selectAndScore(data: ToileData, net: ToileNetwork, id: string) {
  data.select(id);
  await waitUntil(
    () => net.kinshipScores?.selected === id && net.shadowRoot!.querySelector('[part="kinship-legend"]')?.getAttribute('data-status') === 'ready',
    `scores of ${id}`,
    {
      timeout: 10000,
    },
  );
  await net.updateComplete;
  return net.kinshipScores!;
}

const colourOf = (net: ToileNetwork, id: string) => net.cytoscape!.getElementById(id).style('background-color') as string;

describe('<toile-network> coloured by kinship', () => {
  it('asks for a selection first, every establishment set back to neutral', async () => {
    const { net, root } = await mountSample();
    const legend = root.querySelector('[part="kinship-legend"]')!;
    expect(legend.getAttribute('data-status')).to.equal('choose');
    expect(text(legend)).to.contain('Choisissez un établissement');
    expect(net.kinshipScores).to.equal(undefined);
    expect(rgb(colourOf(net, 'laboratoire'))).to.deep.equal(rgb(NEUTRAL));
    expect(root.querySelector('[part="legend"] .sectors')!.classList.contains('stepped-back')).to.equal(true);
  });

  it('paints the kin of the testing company darkest: the laboratory (0.7333, checked by hand), then engineering (0.1333); no kinship stays grey', async () => {
    const { data, net } = await mountSample();
    const result = await selectAndScore(data, net, 'controle');
    // Both 71.20B (activity 1), the same outputs (cosine 1), testing:laboratory shared (processes
    // 1.5 / 2.5 = 0.6) and the same two products (1), capabilities (0.6 + 1) / 2 = 0.8:
    // 1/3 × 1 + 2/9 × 1 + 2/9 × 0.8 = 0.7333 (weights 0.3, 0.2, 0.2, 0.2 over the parts in play).
    expect(result.scores.get('laboratoire')).to.equal(0.7333);
    // Engineering shares the division 71 only: 1/3 × 0.4.
    expect(result.scores.get('ingenierie')).to.equal(0.1333);
    expect(result.ranked.slice(0, 3)).to.deep.equal(['laboratoire', 'bureau-etudes', 'ingenierie']);
    // The selection itself is not scored; 5 of the 102 others have some kinship.
    expect(result.scores.has('controle')).to.equal(false);
    expect(result.scores.size).to.equal(5);
    expect(rgb(colourOf(net, 'laboratoire'))).to.deep.equal(rgb(overlayColour(0.7333)));
    expect(rgb(colourOf(net, 'ingenierie'))).to.deep.equal(rgb(overlayColour(0.1333)));
    expect(luminance(colourOf(net, 'laboratoire'))).to.be.below(luminance(colourOf(net, 'ingenierie')));
    expect(rgb(colourOf(net, 'sucrerie'))).to.deep.equal(rgb(NEUTRAL));
  });

  it('keeps the order of the naval pair: the shipyard (0.4005) darker than the paint maker (0.3333) for the naval painter', async () => {
    const { data, net } = await mountSample();
    const result = await selectAndScore(data, net, 'peinture-navale');
    expect(result.ranked[0]).to.equal('chantier-naval');
    expect(result.scores.get('chantier-naval')).to.equal(0.4005);
    expect(result.scores.get('peintures')).to.equal(0.3333);
    expect(luminance(colourOf(net, 'chantier-naval'))).to.be.below(luminance(colourOf(net, 'peintures')));
  });

  it('counts only what the audience may see: a partner-level capability raises the welders’ kinship for partners only', async () => {
    const pub = await mountSample();
    expect((await selectAndScore(pub.data, pub.net, 'chaudronnerie')).scores.get('tuyauterie')).to.equal(0.0667);
    // One network on screen at a time: a network below the fold is drawn only once scrolled to.
    pub.data.parentElement!.remove();
    const partners = await mountSample(undefined, 'partners');
    // With the pipe-fitter's partner-level welding capability: 1/3 × 0.2 + 2/9 × 0.3875.
    expect((await selectAndScore(partners.data, partners.net, 'chaudronnerie')).scores.get('tuyauterie')).to.equal(0.1528);
  });

  it('explains the scale and the score in the legend, names the nearest kin, and dims nothing', async () => {
    const { data, net, root } = await mountSample();
    await selectAndScore(data, net, 'controle');
    const legend = root.querySelector('[part="kinship-legend"]')!;
    expect(text(legend.querySelector('.kinship-title'))).to.equal('Parenté avec l’établissement choisi : Contrôles & Essais Estuaire');
    expect(text(legend.querySelector('.scale'))).to.equal('0,00 1,00');
    expect(text(legend)).to.contain('aucune parenté mesurée (0)');
    expect(text(legend.querySelector('.kinship-made'))).to.contain(
      'activité (proximité des codes NAF) 33 % · achats (ce que chacun reçoit dans les flux) 22 % · ventes (ce que chacun fournit) 22 % · capacités (procédés et produits déclarés) 22 %',
    );
    expect(text(legend.querySelector('.kinship-made'))).to.contain('Une part sans données d’un côté compte 0');
    expect(text(legend.querySelector('.kinship-nearest'))).to.equal(
      'Plus proches : Analyses Environnement Estuaire 0,73 · Bureau d’études Énergie Vire 0,13 · Ingénierie Process Vire 0,13',
    );
    // Nothing faded: the colours must stay readable; the selection keeps its mark.
    expect(net.cytoscape!.nodes('.faded').length).to.equal(0);
    expect(net.cytoscape!.getElementById('controle').hasClass('selected')).to.equal(true);
    // Back to sectors: the usual focus, sector colours back.
    net.colorBy = 'sector';
    await net.updateComplete;
    await waitUntil(() => net.cytoscape!.nodes('.faded').length > 0, 'focus dims again');
    expect(root.querySelector('[part="kinship-legend"]')).to.equal(null);
    expect(rgb(colourOf(net, 'laboratoire'))).to.not.deep.equal(rgb(overlayColour(0.7333)));
  });

  it('gives the scores in the list: the selection first, then by decreasing kinship', async () => {
    const { data, net, root } = await mountSample();
    await selectAndScore(data, net, 'controle');
    const list = root.querySelector('[part="list"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Établissements, par parenté décroissante');
    await waitUntil(() => text(list.querySelector('.row'))?.startsWith('Contrôles'), 'list reordered');
    const rows = [...list.querySelectorAll('.row')].slice(0, 3).map((r) => [text(r.querySelector('button')), text(r.querySelector('.detail'))]);
    expect(rows).to.deep.equal([
      ['Contrôles & Essais Estuaire', 'établissement choisi'],
      ['Analyses Environnement Estuaire', 'parenté 0,73'],
      ['Bureau d’études Énergie Vire', 'parenté 0,13'],
    ]);
  });

  it('is chosen with the keyboard: the colour control, then a selection from the list', async () => {
    const { net, root } = await mountSample('');
    expect(net.colorBy).to.equal('sector');
    const select = root.querySelector<HTMLSelectElement>('select.color-by')!;
    expect(text(select.closest('label'))).to.contain('Couleur');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await net.updateComplete;
    expect(net.colorBy).to.equal('kinship');
    expect(net.getAttribute('color-by')).to.equal('kinship');
    expect(root.querySelector('[part="kinship-legend"]')!.getAttribute('data-status')).to.equal('choose');
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.focus();
    await sendKeys({ type: 'Contrôles' });
    await waitUntil(() => root.querySelectorAll('[part="list"] button').length === 1, 'search narrowed the list');
    root.querySelector<HTMLButtonElement>('[part="list"] button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => net.kinshipScores?.selected === 'controle', 'scored from the keyboard', { timeout: 10000 });
    select.focus();
    await sendKeys({ press: 'ArrowUp' });
    await net.updateComplete;
    expect(net.colorBy).to.equal('sector');
  });

  it('sets an overlay aside while shown, and paints it again afterwards', async () => {
    const { data, net, root } = await mountSample();
    await selectAndScore(data, net, 'controle');
    net.setOverlay(new Map([['sucrerie', 1]]), { title: 'Domino' });
    await net.updateComplete;
    expect(rgb(colourOf(net, 'sucrerie'))).to.deep.equal(rgb(NEUTRAL));
    expect(root.querySelector('[part="overlay-legend"]')).to.equal(null);
    expect(text(root.querySelector('[part="kinship-legend"]'))).to.contain('La superposition en cours (simulation) est mise de côté');
    net.colorBy = 'sector';
    await net.updateComplete;
    expect(rgb(colourOf(net, 'sucrerie'))).to.deep.equal(rgb(overlayColour(1)));
    expect(rgb(colourOf(net, 'laboratoire'))).to.deep.equal(rgb(NEUTRAL));
    expect(text(root.querySelector('[part="overlay-legend"]'))).to.contain('Domino');
  });

  it('speaks English with lang="en"', async () => {
    const { data, net, root } = await mountSample('lang="en" color-by="kinship"');
    expect(text(root.querySelector('[part="kinship-legend"]'))).to.contain('Select an establishment');
    expect(text(root.querySelector('select.color-by')!.closest('label'))).to.equal('Colour Sectors Kinship with the selected establishment');
    await selectAndScore(data, net, 'controle');
    const legend = root.querySelector('[part="kinship-legend"]')!;
    expect(text(legend.querySelector('.kinship-title'))).to.equal('Kinship with the selected establishment: Contrôles & Essais Estuaire');
    expect(text(legend.querySelector('.kinship-made'))).to.contain('activity (NAF code proximity) 33% · inputs (what each receives in flows) 22%');
    expect(text(legend)).to.contain('no kinship measured (0)');
    expect(text(legend.querySelector('.kinship-nearest'))).to.contain('Nearest: Analyses Environnement Estuaire 0.73');
    expect(root.querySelector('[part="list"]')!.getAttribute('aria-label')).to.equal('Establishments, by decreasing kinship');
    await waitUntil(() => text(root.querySelector('[part="list"] .row .detail')) === 'selected establishment', 'English list');
  });

  it('names the mode in the exported picture', async () => {
    const { data, net } = await mountSample();
    await selectAndScore(data, net, 'controle');
    const svg = await (await net.toImage('svg'))!.text();
    expect(svg).to.contain('>Parenté avec Contrôles &amp; Essais Estuaire : 1,00</text>');
    expect(svg).to.contain('>aucune parenté mesurée (0)</text>');
    expect(svg).to.not.contain('non atteint');
  });

  it('is accessible, in French and in English, before and after a selection', async () => {
    for (const attributes of ['color-by="kinship"', 'lang="en" color-by="kinship" theme="dark"']) {
      const { data, net } = await mountSample(attributes);
      await expect(net).to.be.accessible();
      await selectAndScore(data, net, 'peinture-navale');
      await expect(net).to.be.accessible();
      data.parentElement!.remove();
    }
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 700px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/define.ts"></script></head>
        <body><toile-data src="${SAMPLE}" selected="controle"><toile-network color-by="kinship"></toile-network></toile-data></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentDocument?.querySelector('toile-network'), 'frame loaded', { timeout: 5000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const net = frame.contentDocument!.querySelector('toile-network') as ToileNetwork;
    await waitUntil(() => net.shadowRoot?.querySelector('[part="kinship-legend"]')?.getAttribute('data-status') === 'ready', 'kinship under CSP', {
      timeout: 15000,
    });
    await waitUntil(() => net.cytoscape !== undefined, 'drawn under CSP', { timeout: 10000 });
    expect(net.kinshipScores!.scores.get('laboratoire')).to.equal(0.7333);
    expect(rgb(net.cytoscape!.getElementById('laboratoire').style('background-color') as string)).to.deep.equal(rgb(overlayColour(0.7333)));
    // Styles came through constructable stylesheets: the legend is laid out by the component's CSS.
    expect(frame.contentWindow!.getComputedStyle(net.shadowRoot!.querySelector('[part="kinship-legend"]')!).display).to.equal('flex');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });
});
