// The example portal: registers the Toile elements and wires the little page behaviour around them
// (language switch, key figures, establishment pickers, copy buttons). Every
// interaction with a widget goes through its public API: attributes, properties and events.
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
if (initialLang() !== 'fr') applyLang(initialLang());

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
  const fromUrl = new URLSearchParams(location.search).get('id');
  whenLoaded(data, () => {
    const doc = data.value?.document;
    if (!doc) return;
    const sorted = [...doc.establishments].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    select.replaceChildren(...sorted.map((e) => new Option(e.name, e.id)));
    if (fromUrl && doc.establishments.some((e) => e.id === fromUrl)) data.select(fromUrl);
    select.value = data.selected ?? '';
  });
  select.addEventListener('change', () => data.select(select.value || null));
  data.addEventListener('toile-selection-change', (event) => {
    select.value = event.detail.id ?? '';
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
