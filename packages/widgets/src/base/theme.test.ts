/// <reference types="mocha" />
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import '../define.ts';
import type { ToileData } from '../data/toile-data.component.ts';
import type { ToileElement } from './toile-element.ts';
import './resize-loop.fixture.ts';

// A good guest: nothing the kit sets reaches the page's own content, and `theme="auto"` follows the
// page (its declarations and background), not the system alone.
const MINI = '/examples/data/mini.toile.json';
const WIDGETS = ['toile-network', 'toile-company-card', 'toile-synergy-finder', 'toile-domino-simulator'] as const;
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(18, 22, 29)';

/** A page fragment: host text before, inside (around every widget) and after a <toile-data>. */
async function mountPage(): Promise<{ page: HTMLElement; data: ToileData; widgets: ToileElement[] }> {
  // Not a fixture: @open-wc removes fixtures after each test, and these tests share one page.
  const page = document.createElement('section');
  document.body.append(page);
  render(
    html`<div class="host-page">
      <p id="before">Texte de la page avant</p>
      <toile-data src=${MINI} selected="a">
        <p id="inside">Texte de la page dans toile-data</p>
        <toile-network></toile-network>
        <p id="between">Texte entre deux widgets</p>
        <toile-company-card></toile-company-card>
        <toile-synergy-finder></toile-synergy-finder>
        <toile-domino-simulator></toile-domino-simulator>
        <div><span id="nested">Texte imbriqué</span></div>
      </toile-data>
      <p id="after">Texte de la page après</p>
    </div>`,
    page,
  );
  const data = page.querySelector('toile-data')!;
  if (!data.value) await oneEvent(data, 'toile-data-change');
  const widgets = WIDGETS.map((tag) => page.querySelector(tag) as unknown as ToileElement);
  await Promise.all(widgets.map((w) => w.updateComplete));
  return { page, data, widgets };
}

/** What a reader of the page's own text sees: colour, font, size, line height, background. */
function hostText(page: HTMLElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of ['before', 'inside', 'between', 'nested', 'after']) {
    const s = getComputedStyle(page.querySelector(`#${id}`)!);
    out[id] = [s.color, s.fontFamily, s.fontSize, s.lineHeight, s.fontWeight, s.backgroundColor, s.colorScheme];
  }
  return out;
}

const background = (el: Element) => getComputedStyle(el).backgroundColor;

describe('theme: a good guest on the host page', () => {
  let page: HTMLElement;
  let widgets: ToileElement[];

  before(async () => {
    ({ page, widgets } = await mountPage());
  });
  after(() => page.remove());

  afterEach(async () => {
    const root = document.documentElement;
    root.style.removeProperty('color-scheme');
    root.removeAttribute('data-theme');
    root.classList.remove('dark', 'light');
    document.body.style.removeProperty('background-color');
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), 'back to light');
  });

  it('leaves the page text inside and around every widget as it was, in a light or a dark system', async () => {
    // The page's own styles, as a portal sets them: a font, a size, a colour.
    page.style.cssText = 'font-family: Georgia, serif; font-size: 17px; line-height: 1.7; color: rgb(40, 50, 60)';
    await emulateMedia({ colorScheme: 'light' });
    const light = hostText(page);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = hostText(page);
    expect(dark).to.deep.equal(light);
    // The page's text inside <toile-data> is styled by the page alone, exactly like the text outside.
    expect(light['inside']).to.deep.equal(light['before']);
    expect(light['between']).to.deep.equal(light['before']);
    expect(light['inside']![0]).to.equal('rgb(40, 50, 60)');
    expect(light['inside']![1]).to.equal('Georgia, serif');
    page.style.cssText = '';
  });

  it('keeps light widgets on a page that declares nothing, even when the system is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    for (const w of widgets) {
      expect(w.colorScheme, w.localName).to.equal('light');
      expect(background(w), w.localName).to.equal(LIGHT_BG);
    }
  });

  it('goes dark on a page that declares dark: color-scheme on :root, data-theme or a class on <html>', async () => {
    const root = document.documentElement;
    const declarations: [string, () => void, () => void][] = [
      ['color-scheme: dark', () => root.style.setProperty('color-scheme', 'dark'), () => root.style.removeProperty('color-scheme')],
      ['data-theme="dark"', () => root.setAttribute('data-theme', 'dark'), () => root.removeAttribute('data-theme')],
      ['class="dark"', () => root.classList.add('dark'), () => root.classList.remove('dark')],
    ];
    for (const [name, apply, undo] of declarations) {
      apply();
      await waitUntil(() => widgets.every((w) => w.colorScheme === 'dark'), `${name}: dark`);
      for (const w of widgets) expect(background(w), `${name} ${w.localName}`).to.equal(DARK_BG);
      undo();
      await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), `${name} removed: light`);
      for (const w of widgets) expect(background(w), `${name} removed ${w.localName}`).to.equal(LIGHT_BG);
    }
  });

  it('a page marker wins over the system: data-theme="light" keeps light widgets on a dark system and "light dark" page', async () => {
    const root = document.documentElement;
    root.style.setProperty('color-scheme', 'light dark');
    await emulateMedia({ colorScheme: 'dark' });
    // A page that supports both schemes and paints nothing follows the system.
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'dark'), 'light dark page on a dark system: dark');
    root.setAttribute('data-theme', 'light');
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), 'data-theme="light": light');
    await emulateMedia({ colorScheme: 'light' });
    root.removeAttribute('data-theme');
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), 'light system: light');
  });

  it('follows the background the page paints when it declares nothing', async () => {
    document.body.style.setProperty('background-color', 'rgb(20, 24, 30)');
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'dark'), 'dark body: dark widgets');
    document.body.style.setProperty('background-color', 'rgb(250, 248, 240)');
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), 'light body: light widgets');
  });

  it('theme="dark" or "light" on an element, or on its <toile-data>, wins over the page', async () => {
    const data = page.querySelector('toile-data')!;
    data.theme = 'dark';
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'dark'), 'toile-data theme="dark"');
    // …and still sets nothing on the page's text inside it.
    expect(getComputedStyle(page.querySelector('#inside')!).color).to.equal(getComputedStyle(page.querySelector('#before')!).color);
    const card = widgets[1]!;
    card.theme = 'light';
    await card.updateComplete;
    expect(card.colorScheme).to.equal('light');
    expect(background(card)).to.equal(LIGHT_BG);
    data.theme = 'auto';
    card.theme = 'auto';
    await waitUntil(() => widgets.every((w) => w.colorScheme === 'light'), 'back to auto');
  });

  it('repaints the network canvas when the page turns dark', async () => {
    const net = widgets[0] as unknown as HTMLElementTagNameMap['toile-network'];
    await waitUntil(() => net.cytoscape !== undefined && net.cytoscape.nodes().length > 0, 'drawn', { timeout: 10000 });
    const light = net.cytoscape!.nodes()[0]!.style('color');
    document.documentElement.setAttribute('data-theme', 'dark');
    await waitUntil(() => net.cytoscape!.nodes()[0]!.style('color') !== light, 'canvas labels follow the page');
    expect(net.cytoscape!.nodes()[0]!.style('color')).to.equal('rgb(230,234,240)');
  });
});
