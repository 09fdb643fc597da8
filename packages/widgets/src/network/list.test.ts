/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { tokens } from '../base/tokens.ts';
import { establishmentList, filterList, listStyles, type ListItem } from './list.ts';

/** A test-only host: the list in a shadow root, in a box of a fixed height, as in the network's side. */
class ListHost extends LitElement {
  static override styles = [
    tokens,
    listStyles,
    css`
      .list {
        height: 300px;
      }
    `,
  ];
  @property({ attribute: false }) items: readonly ListItem[] = [];
  @property({ attribute: false }) selected: string | undefined = undefined;
  @property() language: 'fr' | 'en' = 'fr';
  chosen: string[] = [];

  protected override render() {
    return establishmentList({
      items: this.items,
      selected: this.selected,
      language: this.language,
      label: 'Établissements',
      onChoose: (id) => this.chosen.push(id),
    });
  }
}
customElements.define('test-establishment-list', ListHost);

const MANY: readonly ListItem[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `e${i}`, name: `Établissement ${i}`, degree: i % 4 }));

async function mount(items: readonly ListItem[] = MANY, selected?: string) {
  const el = await fixture<ListHost>(html`<test-establishment-list .items=${items} .selected=${selected}></test-establishment-list>`);
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelector('.list button'), 'rows rendered');
  return { el, root, box: root.querySelector<HTMLElement>('.list')! };
}

const buttons = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('.list button')];
const focusedName = (root: ShadowRoot) => root.activeElement?.textContent?.trim();
const button = (root: ShadowRoot, name: string) => buttons(root).find((b) => b.textContent?.trim() === name);
/** Whether `row` is whole inside the scroll box. */
const inView = (box: HTMLElement, row: Element) => {
  const b = box.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
};
const press = async (root: ShadowRoot, key: string, expected: string) => {
  await sendKeys({ press: key });
  await waitUntil(() => focusedName(root) === expected, `${key} focuses ${expected}`);
};

describe('establishmentList', () => {
  // The virtualizer's measuring may leave ResizeObserver notifications to the next frame, which the
  // browser reports as an error event: benign, and ignored as the virtualizer's README advises.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('renders 100,000 items with a few dozen rows, each with its place in the whole list', async () => {
    const { root, box } = await mount();
    const rows = root.querySelectorAll('.list > .row');
    expect(rows.length).to.be.greaterThan(5);
    expect(buttons(root).length).to.be.lessThan(200);
    expect(box.getAttribute('role')).to.equal('list');
    expect(box.getAttribute('part')).to.equal('list');
    const first = rows[0]!;
    expect(first.getAttribute('role')).to.equal('listitem');
    expect(first.getAttribute('aria-setsize')).to.equal('100000');
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.querySelector('.degree')!.textContent).to.equal('0 lien');
    expect(rows[2]!.querySelector('.degree')!.textContent).to.equal('2 liens');
    // The box scrolls over the whole list.
    expect(box.scrollHeight).to.be.greaterThan(100_000 * 10);
  });

  it('says "links" in English', async () => {
    const { el, root } = await mount(MANY.slice(0, 3));
    el.language = 'en';
    await el.updateComplete;
    expect([...root.querySelectorAll('.degree')].map((d) => d.textContent)).to.deep.equal(['0 links', '1 link', '2 links']);
  });

  it('moves the focus across the whole list with End, Home, arrows and pages, with one tab stop', async () => {
    const { root, box } = await mount();
    expect(root.querySelectorAll('.list button[tabindex="0"]').length).to.equal(1);
    button(root, 'Établissement 0')!.focus();
    await press(root, 'End', 'Établissement 99999');
    expect(inView(box, root.activeElement!)).to.equal(true);
    expect(root.activeElement!.closest('.row')!.getAttribute('aria-posinset')).to.equal('100000');
    expect(root.querySelectorAll('.list button[tabindex="0"]').length).to.equal(1);
    expect(root.activeElement!.getAttribute('tabindex')).to.equal('0');
    await press(root, 'ArrowUp', 'Établissement 99998');
    await press(root, 'Home', 'Établissement 0');
    expect(box.scrollTop).to.equal(0);
    await press(root, 'ArrowDown', 'Établissement 1');
    const page = Math.floor(box.clientHeight / root.activeElement!.closest('.row')!.getBoundingClientRect().height);
    expect(page).to.be.greaterThan(1);
    await press(root, 'PageDown', `Établissement ${1 + page}`);
    expect(inView(box, root.activeElement!)).to.equal(true);
    await press(root, 'PageDown', `Établissement ${1 + 2 * page}`);
    await press(root, 'PageUp', `Établissement ${1 + page}`);
    expect(root.querySelectorAll('.list button[tabindex="0"]').length).to.equal(1);
    expect(root.activeElement!.getAttribute('tabindex')).to.equal('0');
  });

  it('moves at once to a rendered row (a synthetic keydown is enough)', async () => {
    const { root } = await mount(MANY.slice(0, 5));
    const [first, second] = buttons(root);
    first!.focus();
    first!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(root.activeElement).to.equal(second);
    second!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    expect(focusedName(root)).to.equal('Établissement 4');
  });

  it('gives the focus back to its row when the virtualizer renders it again', async () => {
    const { root, box } = await mount();
    button(root, 'Établissement 2')!.focus();
    // Scrolled far (again if the virtualizer, still measuring its first rows, set the offset back).
    await waitUntil(() => {
      if (box.scrollTop < 50_000) box.scrollTop = 100_000;
      return !button(root, 'Établissement 2');
    }, 'row scrolled out');
    expect(root.activeElement).to.equal(null);
    box.scrollTop = 0;
    await waitUntil(() => focusedName(root) === 'Établissement 2', 'focus given back');
  });

  it('chooses with a click, Enter and Space', async () => {
    const { el, root } = await mount();
    button(root, 'Établissement 3')!.click();
    button(root, 'Établissement 4')!.focus();
    await sendKeys({ press: 'Enter' });
    await press(root, 'ArrowDown', 'Établissement 5');
    await sendKeys({ press: 'Space' });
    expect(el.chosen).to.deep.equal(['e3', 'e4', 'e5']);
  });

  it('presses the selected row, gives it the tab stop and reveals it when set from outside', async () => {
    const { el, root, box } = await mount(MANY, 'e2');
    expect(button(root, 'Établissement 2')!.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelectorAll('.list button[aria-pressed="true"]').length).to.equal(1);
    expect(button(root, 'Établissement 2')!.getAttribute('tabindex')).to.equal('0');
    el.selected = 'e73210';
    await el.updateComplete;
    await waitUntil(() => {
      const pressed = root.querySelector('.list button[aria-pressed="true"]');
      return pressed?.textContent?.trim() === 'Établissement 73210' && inView(box, pressed);
    }, 'selection revealed');
    expect(root.querySelectorAll('.list button[aria-pressed="true"]').length).to.equal(1);
    expect(root.querySelectorAll('.list button[tabindex="0"]').length).to.equal(1);
    expect(button(root, 'Établissement 73210')!.getAttribute('tabindex')).to.equal('0');
    // The page keeps its focus: revealing is not focusing.
    expect(root.activeElement).to.equal(null);
  });

  it('shows the top of a new list, or its selected row', async () => {
    const { el, root, box } = await mount();
    button(root, 'Établissement 0')!.focus();
    await press(root, 'End', 'Établissement 99999');
    el.items = filterList(MANY, '1234');
    await el.updateComplete;
    await waitUntil(() => button(root, 'Établissement 1234') && inView(box, button(root, 'Établissement 1234')!), 'top of the results');
    expect(box.scrollTop).to.equal(0);
    expect(root.querySelectorAll('.list button[tabindex="0"]').length).to.equal(1);
    el.selected = 'e91234';
    el.items = MANY;
    await el.updateComplete;
    await waitUntil(() => button(root, 'Établissement 91234') && inView(box, button(root, 'Établissement 91234')!), 'selection in the whole list');
  });

  it('shrinks and grows under a search typed letter by letter without an error', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    const small = MANY.slice(0, 103);
    const { el, root } = await mount(small);
    for (const query of ['S', 'Su', 'Suc', 'Sucr', '', 'É', 'Ét', 'Éta', 'Établissement 10', '']) {
      el.items = filterList(small, query);
      await el.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    window.removeEventListener('error', onError);
    expect(errors.filter((m) => !/ResizeObserver/.test(m))).to.deep.equal([]);
    await waitUntil(() => root.querySelector('[role="listitem"]')?.getAttribute('aria-setsize') === '103', 'whole list back');
  });

  it('says so when nothing matches', async () => {
    const el = await fixture<ListHost>(html`<test-establishment-list .items=${[]}></test-establishment-list>`);
    expect(el.shadowRoot!.querySelector('.list-empty')!.textContent).to.equal('Aucun établissement ne correspond.');
  });

  it('is accessible', async () => {
    const { el } = await mount(MANY, 'e1');
    await expect(el).to.be.accessible();
  });
});

describe('filterList', () => {
  const names = [
    'Établissement Martin',
    'Société Générale du Port',
    'Cœur de Forge',
    'Scierie l’Érable',
    'Menuiserie  ARNAUD',
    'Ferme Æsir',
    'Usine\u202fNord',
    'Straße',
  ].map((name, i) => ({ id: `n${i}`, name, degree: 0 }));

  it('ignores case, accents, ligatures and apostrophes', () => {
    const found = (query: string) => filterList(names, query).map((item) => item.name);
    expect(found('etab')).to.deep.equal(['Établissement Martin']);
    expect(found('SOCIETE generale')).to.deep.equal(['Société Générale du Port']);
    expect(found('coeur')).to.deep.equal(['Cœur de Forge']);
    expect(found("l'erable")).to.deep.equal(['Scierie l’Érable']);
    expect(found('menuiserie arnaud')).to.deep.equal(['Menuiserie  ARNAUD']);
    expect(found('aesir')).to.deep.equal(['Ferme Æsir']);
    expect(found('usine nord')).to.deep.equal(['Usine\u202fNord']);
    expect(found('strasse')).to.deep.equal(['Straße']);
    expect(found('  forge ')).to.deep.equal(['Cœur de Forge']);
    expect(found('zzz')).to.deep.equal([]);
  });

  it('returns the list itself for an empty query, the same result for the same query', () => {
    expect(filterList(names, '')).to.equal(names);
    expect(filterList(names, '   ')).to.equal(names);
    const found = filterList(names, 'Forge');
    expect(filterList(names, ' forge')).to.equal(found);
    expect(filterList(names, 'forg')).to.not.equal(found);
  });

  it('returns every match of 100,000 items, in order', () => {
    expect(filterList(MANY, 'etab').length).to.equal(100_000);
    const matches = filterList(MANY, 'ÉTABLISSEMENT 9999');
    // 9999 and 99990 … 99999.
    expect(matches.length).to.equal(11);
    expect(matches.map((m) => m.id)).to.deep.equal(MANY.filter((m) => m.name.includes('t 9999')).map((m) => m.id));
    expect(filterList(MANY, '9999').length).to.equal(19);
    expect(filterList(MANY, 'etablissement 4').length).to.equal(MANY.filter((m) => / 4/.test(m.name)).length);
  });
});
