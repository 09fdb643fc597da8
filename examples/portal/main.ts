// The example portal: registers the Toile elements and wires the little page behaviour around them
// (language switch, key figures, the selection in the address (?id=), establishment pickers, the
// home page's tabs, copy buttons). Every interaction with a widget goes through its public API:
// attributes, properties and events.
import '@toile/widgets/define';

// The define modules augment HTMLElementTagNameMap, so the element types come from there.
type ToileData = HTMLElementTagNameMap['toile-data'];

type Lang = 'fr' | 'en';
const LANG_KEY = 'toile-portal-lang';

/** Every Toile element in the page, including those inside other elements' shadow roots. */
function toileElements(root: ParentNode = document): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.localName.startsWith('toile-')) found.push(el);
    if (el.shadowRoot) found.push(...toileElements(el.shadowRoot));
  }
  return found;
}

/** Sets the page language: `lang` on <html> (page text) and on <main> (the widgets read it). */
function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.querySelector('main')?.setAttribute('lang', lang);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset['setLang'] === lang));
  }
  // Accessible names in both languages: data-aria-fr / data-aria-en.
  for (const el of document.querySelectorAll<HTMLElement>('[data-aria-fr]')) {
    el.setAttribute('aria-label', (lang === 'en' ? el.dataset['ariaEn'] : el.dataset['ariaFr']) ?? '');
  }
  // The widgets resolve their language when they render: ask them to render again.
  for (const el of toileElements()) (el as HTMLElement & { requestUpdate?: () => void }).requestUpdate?.();
  document.dispatchEvent(new CustomEvent('portal-lang-change', { detail: { lang } }));
}

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'fr') return fromUrl;
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

function currentLang(): Lang {
  return document.documentElement.lang === 'en' ? 'en' : 'fr';
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
  button.addEventListener('click', () => {
    const lang: Lang = button.dataset['setLang'] === 'en' ? 'en' : 'fr';
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Storage may be disabled; the switch still works for this page.
    }
    applyLang(lang);
  });
}
applyLang(initialLang());

/** Calls back now if the document is loaded, and after every (re)load. */
function whenLoaded(data: ToileData, callback: () => void): void {
  if (data.value) callback();
  // `toile-data-change` fires just before `value` is set (in @lit/task's onComplete): read it after the update.
  data.addEventListener('toile-data-change', () => void data.updateComplete.then(callback));
}

// Key figures of the home page, counted from what the page's audience may see.
for (const data of document.querySelectorAll<ToileData>('toile-data')) {
  whenLoaded(data, () => {
    const doc = data.value?.document;
    if (!doc) return;
    const figures: Record<string, number> = {
      establishments: doc.establishments.filter((e) => !e.external).length,
      flows: doc.flows.length,
      external: doc.establishments.filter((e) => e.external).length,
    };
    for (const dd of document.querySelectorAll<HTMLElement>('[data-figure]')) {
      const value = figures[dd.dataset['figure'] ?? ''];
      if (value !== undefined) dd.textContent = value.toLocaleString(currentLang());
    }
  });
}

// Establishment pickers: a plain <select> that drives the shared selection of a <toile-data>.
for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-source]')) {
  const data = document.getElementById(select.dataset['source'] ?? '') as ToileData | null;
  if (!data) continue;
  whenLoaded(data, () => {
    const doc = data.value?.document;
    if (!doc) return;
    const sorted = [...doc.establishments].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    select.replaceChildren(...sorted.map((e) => new Option(e.name, e.id)));
    select.value = data.selected ?? '';
  });
  select.addEventListener('change', () => data.select(select.value || null));
  data.addEventListener('toile-selection-change', (event) => {
    select.value = event.detail.id ?? '';
  });
}

// The selection lives in the address: `?id=` on every page with a <toile-data>. Opening an address
// with `?id=` selects that establishment; each new selection is a history entry, so the back
// button returns to the previous one; the company card's partner links (`?id=…`) open in a new tab.
for (const data of document.querySelectorAll<ToileData>('toile-data')) followSelectionInUrl(data);

function followSelectionInUrl(data: ToileData): void {
  // The page's own default (`selected="…"` in its markup) is what an address without ?id= shows.
  const fallback = data.getAttribute('selected');
  const fromUrl = (): string | null => new URLSearchParams(location.search).get('id');
  /** What the address shows: its ?id=, else the page's default. */
  const wanted = (): string | null => fromUrl() ?? fallback;
  if (fromUrl()) data.select(fromUrl());
  // An id the data does not know (or that the audience may not see): back to the page's default.
  whenLoaded(data, () => {
    const id = data.selected;
    if (!id || data.value?.index.nodeOf.has(id)) return;
    const url = new URL(location.href);
    url.searchParams.delete('id');
    history.replaceState(history.state, '', url);
    data.select(fallback);
  });
  data.addEventListener('toile-selection-change', (event) => {
    const id = event.detail.id;
    if (wanted() === id) return;
    const url = new URL(location.href);
    if (id) url.searchParams.set('id', id);
    else url.searchParams.delete('id');
    history.pushState({ id }, '', url);
  });
  window.addEventListener('popstate', () => data.select(wanted()));
}

// The home page's tabs (ARIA tabs pattern): the card, the synergies and the domino simulator
// beside the map, one click away. The open tab is kept in the address's #fragment.
for (const list of document.querySelectorAll<HTMLElement>('[data-tabs]')) {
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');
  const open = (tab: HTMLButtonElement) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = panelOf(t);
      if (panel) panel.hidden = !selected;
    }
  };
  const fromHash = () => tabs.find((t) => `#${t.getAttribute('aria-controls')}` === location.hash);
  list.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
    if (!tab) return;
    open(tab);
    const url = new URL(location.href);
    url.hash = tab.getAttribute('aria-controls') ?? '';
    history.replaceState(history.state, '', url);
  });
  list.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    tabs[(next + tabs.length) % tabs.length]!.click();
    tabs[(next + tabs.length) % tabs.length]!.focus();
  });
  // A link to #synergies or #domino (from another page, or the site's own menu) opens that tab.
  const followHash = () => {
    const tab = fromHash();
    if (tab) open(tab);
  };
  followHash();
  window.addEventListener('hashchange', followHash);
}

// Links that open a tab (the home page's shortcuts on a narrow screen): open it, then go to it.
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-open-tab]')) {
  link.addEventListener('click', (event) => {
    const tab = document.getElementById(link.dataset['openTab'] ?? '');
    if (!tab) return;
    event.preventDefault();
    tab.click();
    tab.scrollIntoView({ block: 'start' });
    tab.focus({ preventScroll: true });
  });
}

// Copy buttons of the embedding page: the text of the snippet next to them.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.addEventListener('click', () => {
    const code = button.parentElement?.querySelector('code')?.textContent ?? '';
    void navigator.clipboard?.writeText(code).then(() => {
      const label = button.textContent;
      button.textContent = currentLang() === 'en' ? 'Copied' : 'Copié';
      setTimeout(() => (button.textContent = label), 1500);
    });
  });
}
