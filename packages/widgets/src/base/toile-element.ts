import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLang, type WidgetLang } from './i18n.ts';

/**
 * Base class of every Toile element: language resolution and `emit` (events bubble and cross
 * shadow roots, with plain ids in `detail`).
 */
export class ToileElement extends LitElement {
  /** `light`, `dark`, or `auto` (follows the system). Reflected so that CSS can react. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  override connectedCallback(): void {
    super.connectedCallback();
    watchLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
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
