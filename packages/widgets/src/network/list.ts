import { css, html, nothing, type TemplateResult } from 'lit';
import { directive, type ChildPart } from 'lit/directive.js';
import { AsyncDirective } from 'lit/async-directive.js';
import { createRef, ref } from 'lit/directives/ref.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { foldText } from '@toile/sdk';

/** One establishment in the list. */
export interface ListItem {
  /** The establishment's id (given back to `onChoose`). */
  id: string;
  /** Its name, as shown. */
  name: string;
  /** Its number of flows (in and out), shown beside the name. */
  degree: number;
  /** More about it, shown before the degree (its kinship score in the network's kinship colour mode). */
  detail?: string;
}

/** What {@link establishmentList} shows and whom it tells. */
export interface EstablishmentListOptions {
  /**
   * Every establishment to list, in order (filtered already, see {@link filterList}). Keep the same
   * array while it does not change: a new array re-lays the list out and scrolls it back to the
   * selection or to the top.
   */
  items: readonly ListItem[];
  /** Id of the selected establishment: its row is pressed, holds the tab stop and is kept in view. */
  selected?: string | undefined;
  /** Language of the list's own words (the degree suffix, the empty message). */
  language: 'fr' | 'en';
  /** Accessible name of the list (e.g. "Établissements"). */
  label: string;
  /** Called with the id of a row chosen by click, Enter or Space. */
  onChoose(id: string): void;
}

const WORDS = {
  link: { fr: { one: 'lien', other: 'liens' }, en: { one: 'link', other: 'links' } },
  empty: { fr: 'Aucun établissement ne correspond.', en: 'No establishment matches.' },
} as const;

const plurals = { fr: new Intl.PluralRules('fr'), en: new Intl.PluralRules('en') };

/** "3 liens", "1 link": a row's degree with its word, in the list's language. */
export function degreeText(degree: number, language: 'fr' | 'en'): string {
  const form = plurals[language].select(degree) === 'one' ? 'one' : 'other';
  return `${degree.toLocaleString(language)} ${WORDS.link[language][form]}`;
}

/** The kit's one text folding (the SDK's), re-exported for the element. */
export { foldText };

/** Per list: its folded names, and the last search (query and result). */
interface SearchCache {
  folded: readonly string[];
  needle: string;
  found: readonly ListItem[];
}
const searches = new WeakMap<readonly ListItem[], SearchCache>();

/** The search cache of a list, its names folded once per array. */
function searchOf(all: readonly ListItem[]): SearchCache {
  let cache = searches.get(all);
  if (!cache) searches.set(all, (cache = { folded: all.map((item) => foldText(item.name)), needle: '', found: all }));
  return cache;
}

/**
 * The items whose name contains `query`, ignoring case, accents, ligatures and the spaces around
 * the query (`"etab"` finds `"Établissement"`), in their order. The folded names are computed once
 * per `all` array and cached (a WeakMap keyed by the array): keep the same array between keystrokes.
 * An empty or blank query returns `all` itself; the same query as the last one on `all` returns
 * the same array as then (so a re-render of the host is not "new items" for the list).
 */
export function filterList(all: readonly ListItem[], query: string): readonly ListItem[] {
  const needle = foldText(query).trim();
  if (!needle) return all;
  const cache = searchOf(all);
  if (needle === cache.needle) return cache.found;
  const found: ListItem[] = [];
  for (let i = 0; i < all.length; i++) if (cache.folded[i]!.includes(needle)) found.push(all[i]!);
  cache.needle = needle;
  cache.found = found;
  return found;
}

/** The styles of the list (class `list`): add them to the styles of the element that renders it. */
export const listStyles = css`
  .list {
    flex: 1 1 0;
    min-height: 0;
    margin: 0;
    padding: 0;
    overflow: auto;
    overscroll-behavior: contain;
  }
  .list > .row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    width: 100%;
    margin: 0;
    padding: 0.1em 0.3em 0.1em 0;
  }
  .list button {
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    text-align: start;
    font: inherit;
    font-size: 0.9em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    padding: 0.1em 0.3em;
    cursor: pointer;
  }
  .list button[aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  /* Inside the scroll box: an outline drawn inwards is never clipped. */
  .list button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .list .degree,
  .list .detail {
    flex: none;
    color: var(--_muted);
    font-size: 0.8em;
    white-space: nowrap;
  }
  .list-empty {
    margin: 0.3em 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
`;

/** Keys that move the focus, and where to (`page`: rows per page, `last`: the last index). */
const MOVES: Record<string, (from: number, page: number, last: number) => number> = {
  ArrowDown: (from, _page, last) => Math.min(last, from + 1),
  ArrowUp: (from) => Math.max(0, from - 1),
  Home: () => 0,
  End: (_from, _page, last) => last,
  PageDown: (from, page, last) => Math.min(last, from + page),
  PageUp: (from, page) => Math.max(0, from - page),
};

/** Frames to wait for a row the virtualizer was asked to bring into view. */
const MAX_FRAMES = 30;

const LAYOUT = flow();
type Virtualizer = NonNullable<VirtualizerHostElement[typeof virtualizerRef]>;
/**
 * The flow layout with its pin released. `element(i).scrollIntoView()` pins the layout to row i
 * until the user scrolls; a pin left behind would pull the view back to that row at the next
 * reflow (new items, our own scrolling of the box). The layout's `pin` accepts null (see its
 * `Layout` interface) though the config type omits it.
 */
const UNPINNED = { ...LAYOUT, pin: null } as unknown as Parameters<Virtualizer['updateLayoutConfig']>[0];
// The virtualizer may ask for a row past the end for a frame after the items shrink (a search, a
// filter): such a row has no item, and renders nothing.
const keyOf = (item: ListItem | undefined, index: number): string => item?.id ?? `#${index}`;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The row element (role listitem) of the item at `index`, when it is in the DOM. */
function rowAt(box: HTMLElement, index: number): HTMLElement | null {
  return box.querySelector<HTMLElement>(`:scope > .row[aria-posinset="${index + 1}"]`);
}

/** Scrolls `box` (only) by the least amount that shows `row` whole. */
function scrollWithin(box: HTMLElement, row: HTMLElement): void {
  const outer = box.getBoundingClientRect();
  const top = outer.top + box.clientTop;
  const bottom = top + box.clientHeight;
  const r = row.getBoundingClientRect();
  if (r.top < top) box.scrollTop -= top - r.top;
  else if (r.bottom > bottom) box.scrollTop += r.bottom - bottom;
}

/** The index of the row holding `target`, if any. */
function indexOf(target: EventTarget | null): number | undefined {
  const row = target instanceof Element ? target.closest<HTMLElement>('.row[aria-posinset]') : null;
  return row ? Number(row.getAttribute('aria-posinset')) - 1 : undefined;
}

class EstablishmentListDirective extends AsyncDirective {
  private options: EstablishmentListOptions | undefined;
  private readonly box = createRef<HTMLElement>();
  /** The row holding the tab stop: the last focused, or the selected one. */
  private activeId: string | undefined;
  private activeIndex = -1;
  /** The rows in the DOM (from the virtualizer's `rangeChanged`). */
  private range = { first: 0, last: -1 };
  /** Bumped by every scroll request: an older one still waiting gives up. */
  private request = 0;
  /** Whether we pinned the layout to a row (released once that row is rendered). */
  private pinned = false;
  /** The focused row left the DOM (scrolled out, or a transient empty range after a jump). */
  private focusLost = false;
  /** The items shown when a row last took the focus. */
  private focusedItems: readonly ListItem[] | undefined;

  override update(_part: ChildPart, [options]: [EstablishmentListOptions]): unknown {
    const previous = this.options;
    this.options = options;
    const itemsChanged = options.items !== previous?.items;
    const selectedChanged = options.selected !== previous?.selected;
    if (itemsChanged || selectedChanged) this.follow(options.selected, selectedChanged);
    if (previous && itemsChanged) {
      // Before the virtualizer takes the new items: lay them out from the current scroll position.
      this.request++;
      void this.unpin();
      void this.reveal(this.indexOfId(options.selected), true);
    } else if (selectedChanged && options.selected !== undefined) {
      void this.reveal(this.indexOfId(options.selected), false);
    }
    return this.render(options);
  }

  /** New items or a new selection: the tab stop goes to the selection (if it changed), found anew. */
  private follow(selected: string | undefined, selectedChanged: boolean): void {
    // A row that lost the focus before does not take it back.
    this.focusLost = false;
    if (selectedChanged && selected !== undefined) this.activeId = selected;
    this.activeIndex = this.activeId === undefined ? -1 : this.options!.items.findIndex((item) => item.id === this.activeId);
  }

  /** The index of the item `id` in the items (-1 when absent or undefined). */
  private indexOfId(id: string | undefined): number {
    if (id === undefined) return -1;
    return id === this.activeId ? this.activeIndex : this.options!.items.findIndex((item) => item.id === id);
  }

  render(options: EstablishmentListOptions): TemplateResult {
    return html`<div
        part="list"
        class="list"
        role="list"
        aria-label=${options.label}
        ${ref(this.box)}
        @keydown=${this.onKey}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
        @rangeChanged=${this.onRange}
      >
        ${virtualize({ items: options.items as ListItem[], renderItem: this.renderRow, keyFunction: keyOf, scroller: true, layout: LAYOUT })}
      </div>
      ${options.items.length ? nothing : html`<p class="list-empty">${WORDS.empty[options.language]}</p>`}`;
  }

  private readonly renderRow = (item: ListItem | undefined, index: number): TemplateResult => {
    if (!item || !this.options) return html``;
    const { items, selected, language } = this.options;
    return html`<div class="row" role="listitem" aria-setsize=${items.length} aria-posinset=${index + 1}>
      <button
        type="button"
        tabindex=${index === this.tabStop() ? 0 : -1}
        aria-pressed=${item.id === selected ? 'true' : 'false'}
        @click=${() => this.options?.onChoose(item.id)}
      >
        ${item.name}
      </button>
      ${item.detail ? html`<span class="detail">${item.detail}</span>` : nothing}
      <span class="degree">${degreeText(item.degree, language)}</span>
    </div>`;
  };

  /** The index of the row with tabindex 0: the active one when rendered, else the first rendered. */
  private tabStop(): number {
    const { first, last } = this.range;
    return this.activeIndex >= first && this.activeIndex <= last ? this.activeIndex : first;
  }

  private virtualizer(): Virtualizer | undefined {
    return (this.box.value as VirtualizerHostElement | undefined)?.[virtualizerRef];
  }

  private readonly onRange = (event: RangeChangedEvent): void => {
    this.range = { first: event.first, last: event.last };
    // The rows of this range are rendered right after this listener, in the same task.
    if (this.focusLost) queueMicrotask(() => this.restoreFocus());
  };

  /**
   * A focused row removed by the virtualizer (not by new items) leaves the focus nowhere (on the
   * body): remember to give it back.
   */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target;
    if (event.relatedTarget !== null || !(target instanceof Element) || indexOf(target) === undefined) return;
    queueMicrotask(() => {
      if (!target.isConnected && this.options?.items === this.focusedItems) this.focusLost = true;
    });
  };

  /** Focuses the active row again once rendered, if nothing else took the focus meanwhile. */
  private restoreFocus(): void {
    const box = this.box.value;
    const active = box?.ownerDocument.activeElement;
    if (!box || !this.focusLost || (active && active !== box.ownerDocument.body)) return;
    rowAt(box, this.activeIndex)?.querySelector('button')?.focus({ preventScroll: true });
  }

  /** The focused row takes the tab stop (roving tabindex). */
  private readonly onFocusIn = (event: FocusEvent): void => {
    this.focusLost = false;
    this.focusedItems = this.options?.items;
    const index = indexOf(event.target);
    const item = index === undefined ? undefined : this.options?.items[index];
    if (index === undefined || !item || index === this.activeIndex) return;
    this.activeId = item.id;
    this.activeIndex = index;
    if (this.options) this.setValue(this.render(this.options));
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const from = indexOf(event.target);
    const move = MOVES[event.key];
    const box = this.box.value;
    if (from === undefined || !move || !box || !this.options || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.focusRow(box, move(from, this.pageSize(box, from), this.options.items.length - 1));
  };

  /** Rows in a page: as many as the box shows whole. */
  private pageSize(box: HTMLElement, at: number): number {
    const height = rowAt(box, at)?.getBoundingClientRect().height ?? 0;
    return height > 0 ? Math.max(1, Math.floor(box.clientHeight / height)) : 1;
  }

  /**
   * Focuses the row at `index`, scrolled into view: at once when it is rendered, else once the
   * virtualizer has rendered it.
   */
  private focusRow(box: HTMLElement, index: number): void {
    const focus = (row: HTMLElement | null) => row?.querySelector('button')?.focus({ preventScroll: true });
    const row = rowAt(box, index);
    if (!row) {
      void this.bringIntoView(index, 'nearest').then(focus);
      return;
    }
    this.request++;
    void this.unpin();
    scrollWithin(box, row);
    focus(row);
  }

  /**
   * Shows the selected row (when `selected` changed, or the items did), or the top of the list
   * when the items changed and the selection is not among them; never moves the focus.
   */
  private async reveal(index: number, itemsChanged: boolean): Promise<void> {
    if (index < 0 && !itemsChanged) return;
    // The virtualizer takes new items and lays them out in microtasks after this render.
    await nextFrame();
    await this.bringIntoView(Math.max(0, index), index < 0 ? 'start' : 'center');
  }

  /** Releases the pin set by `element(i).scrollIntoView()`, so that the next reflow keeps the view. */
  private async unpin(): Promise<void> {
    if (!this.pinned) return;
    this.pinned = false;
    await this.virtualizer()?.updateLayoutConfig(UNPINNED);
  }

  /**
   * Scrolls the box (never the page) so that the row at `index` is whole in view: by hand when it
   * is rendered, through the virtualizer (`element(i).scrollIntoView`) when it is not, then waits
   * for it to be rendered. Resolves with the row, or null (list gone, or a newer request).
   */
  private async bringIntoView(index: number, block: ScrollLogicalPosition): Promise<HTMLElement | null> {
    const box = this.box.value;
    const request = ++this.request;
    if (!box?.isConnected) return null;
    let row = rowAt(box, index);
    if (!row) {
      this.pinned = true;
      this.virtualizer()?.element(index)?.scrollIntoView({ block });
    }
    for (let frame = 0; !row && frame < MAX_FRAMES && request === this.request; frame++) {
      await nextFrame();
      row = rowAt(box, index);
    }
    if (request !== this.request) return null;
    await this.unpin();
    if (!row) return null;
    scrollWithin(box, row);
    return row;
  }
}

const listDirective = directive(EstablishmentListDirective);

/**
 * The complete, virtualised list of establishments (the keyboard and screen-reader view of the
 * network): a scroll box (`part="list"`, class `list`, role `list`) in which only the rows near the
 * view are in the DOM (@lit-labs/virtualizer, flow layout), so 100,000 items cost a few dozen rows.
 * Each row (role `listitem`, with `aria-setsize` and `aria-posinset` so that a screen reader
 * announces "12 of 100,000" although most rows are not rendered) holds a `<button>` with the name
 * (`aria-pressed` on the selected one), the item's `detail` when it has one (`<span class="detail">`)
 * and a `<span class="degree">` ("3 liens" / "3 links").
 *
 * One tab stop (roving tabindex): the last focused row, else the selected one, else the first
 * rendered. Arrow Up/Down, Home, End, PageUp and PageDown move the focus across the whole list,
 * scrolling the target into view and rendering it first when needed; click, Enter and Space call
 * `onChoose(id)`. When `selected` changes (a click on the map), the list scrolls its row into view
 * on that render, inside the box only, without moving the focus; when `items` change (a search), it
 * shows the selected row, or the top. Render it in a shadow root whose styles include
 * {@link listStyles}; give the box a height (it is a flex item of `flex: 1` in a column).
 *
 * The virtualizer sets its layout through the CSSOM (`element.style`), which a strict CSP without
 * 'unsafe-inline' allows; it injects no `<style>` element.
 */
export function establishmentList(options: EstablishmentListOptions): TemplateResult {
  return html`${listDirective(options)}`;
}

/** Items per document and scope: one array each, so that {@link filterList}'s cache holds across renders. */
const itemsCache = new WeakMap<object, Map<boolean, readonly ListItem[]>>();

/**
 * Every establishment of a loaded document as list items with their degree (flows in and out),
 * outside partners included or not; the same array for the same document and scope.
 */
export function listItemsOf(
  loaded: {
    document: { establishments: readonly { id: string; name: string; external?: boolean }[] };
    index: { nodeOf: ReadonlyMap<string, number>; outOffsets: ArrayLike<number>; inOffsets: ArrayLike<number> };
  },
  showExternal: boolean,
): readonly ListItem[] {
  let byScope = itemsCache.get(loaded.document);
  if (!byScope) itemsCache.set(loaded.document, (byScope = new Map()));
  const cached = byScope.get(showExternal);
  if (cached) return cached;
  const { nodeOf, outOffsets, inOffsets } = loaded.index;
  const degree = (id: string) => {
    const n = nodeOf.get(id);
    return n === undefined ? 0 : outOffsets[n + 1]! - outOffsets[n]! + inOffsets[n + 1]! - inOffsets[n]!;
  };
  const items = loaded.document.establishments.filter((e) => showExternal || !e.external).map((e) => ({ id: e.id, name: e.name, degree: degree(e.id) }));
  byScope.set(showExternal, items);
  return items;
}
