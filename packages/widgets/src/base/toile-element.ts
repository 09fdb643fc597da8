import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLang, type WidgetLang } from './i18n.ts';
import { followPageScheme, refreshSchemes, resolveScheme, type ColorScheme } from './theme.ts';

/**
 * Base class of every Toile element: language resolution and `emit` (events bubble and cross
 * shadow roots, with plain ids in `detail`).
 */
export class ToileElement extends LitElement {
  /**
   * `light`, `dark`, or `auto` (default): follows the page — a theme on the surrounding
   * `<toile-data>`, a `data-theme`/`class` marker or a `color-scheme` on `<html>`, the background
   * behind the element — and the system only when the page declares both schemes. Reflected.
   */
  @property({ reflect: true })
  get theme(): 'light' | 'dark' | 'auto' {
    return this.themeValue;
  }
  set theme(value: 'light' | 'dark' | 'auto') {
    const old = this.themeValue;
    this.themeValue = value;
    this.requestUpdate('theme', old);
    // Elements inside a <toile-data> follow its explicit theme: resolve every element again.
    if (old !== value) refreshSchemes();
  }
  private themeValue: 'light' | 'dark' | 'auto' = 'auto';

  /** Custom states (`:state(dark)`) carry the resolved scheme: no attribute is written on the host. */
  private readonly internals: ElementInternals | undefined = typeof this.attachInternals === 'function' ? this.attachInternals() : undefined;
  private scheme: ColorScheme = 'light';
  private stopFollowing: (() => void) | undefined;

  /** The colour scheme the element shows now (`theme`, or for `auto` the page's). */
  get colorScheme(): ColorScheme {
    return this.scheme;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLanguage(this);
    this.stopFollowing = followPageScheme(this);
    this.refreshScheme();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.stopFollowing?.();
  }

  /**
   * Resolves the scheme again (the page watcher calls it). A change is announced as a change of
   * `theme` (its old value being the scheme shown before), so that components that repaint on a
   * theme change (a canvas) also follow the page.
   * @internal
   */
  refreshScheme(): void {
    if (!this.isConnected) return;
    const next = resolveScheme(this, this.theme);
    const states = this.internals?.states;
    try {
      if (next === 'dark') states?.add('dark');
      else states?.delete('dark');
    } catch {
      // Browsers before custom states: the explicit theme attribute still applies.
    }
    if (next === this.scheme) return;
    const before = this.scheme;
    this.scheme = next;
    // Lit records a change only when the old value differs: the scheme shown before stands for it.
    this.requestUpdate('theme', before);
  }

  /** The language the element speaks now. */
  protected get language(): WidgetLang {
    return resolveLang(this);
  }

  /** Dispatches a `toile-…` event that bubbles and is composed. */
  protected emit<T>(name: `toile-${string}`, detail: T): boolean {
    return this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

// One observer for the whole page: when a `lang` attribute changes anywhere (a portal's language
// switch on <html> or <main>), every connected Toile element renders again in its new language.
const connected = new Set<ToileElement>();
let languageObserver: MutationObserver | undefined;
function watchLanguage(element: ToileElement): void {
  connected.add(element);
  if (languageObserver || typeof MutationObserver === 'undefined') return;
  languageObserver = new MutationObserver(() => connected.forEach((e) => e.requestUpdate()));
  languageObserver.observe(element.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}
