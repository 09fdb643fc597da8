/** The kit's two languages: French by default, English on request (`lang="en"` on the element or page). */
export type WidgetLang = 'fr' | 'en';

/** The language of an element: the nearest `lang` attribute up the tree, across shadow roots. */
export function resolveLang(element: Element): WidgetLang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      return (node.getAttribute('lang') ?? '').toLowerCase().startsWith('en') ? 'en' : 'fr';
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return 'fr';
}

/** A message in both languages. */
export type Message = { readonly fr: string; readonly en: string };
