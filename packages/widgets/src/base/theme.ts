/**
 * Which colour scheme a Toile element shows. `theme="light"` and `theme="dark"` are obeyed as they
 * are; `theme="auto"` (the default) follows the page the element sits in, so that a light site keeps
 * light widgets whatever the visitor's system says. The page is read in this order:
 *
 * 1. an explicit theme on the nearest `<toile-data>` around the element;
 * 2. a theme marker on `<html>` or `<body>`: `data-theme`, `data-bs-theme`, `data-color-scheme`,
 *    `data-mode` (`dark` / `light`), or a class such as `dark`, `theme-dark`, `dark-mode`
 *    (and their `light` counterparts) — the conventions of common CSS frameworks;
 * 3. the `color-scheme` the element inherits (`color-scheme: dark` on `:root` → dark, `light` → light);
 * 4. the background the page paints behind the element (dark when its luminance is low);
 * 5. a page that declares both schemes (`color-scheme: light dark`) and paints nothing follows the
 *    system (`prefers-color-scheme`); a page that declares nothing is light, as browsers draw it.
 */
export type ColorScheme = 'light' | 'dark';

const MARKER_ATTRIBUTES = ['data-theme', 'data-bs-theme', 'data-color-scheme', 'data-mode'] as const;
const DARK_CLASSES = ['dark', 'theme-dark', 'dark-mode', 'dark-theme', 'is-dark'];
const LIGHT_CLASSES = ['light', 'theme-light', 'light-mode', 'light-theme', 'is-light'];

/** The scheme a page marker names on one element (`<html>` or `<body>`), if any. */
function markerOf(element: Element | null): ColorScheme | undefined {
  if (!element) return undefined;
  for (const name of MARKER_ATTRIBUTES) {
    const value = element.getAttribute(name)?.toLowerCase();
    if (value === 'dark' || value === 'light') return value;
  }
  if (DARK_CLASSES.some((c) => element.classList.contains(c))) return 'dark';
  if (LIGHT_CLASSES.some((c) => element.classList.contains(c))) return 'light';
  return undefined;
}

/** The element around `node` across shadow roots (the host of a shadow root, else the parent). */
function composedParent(node: Node): Element | null {
  const parent = node.parentNode;
  if (parent instanceof ShadowRoot) return parent.host;
  return parent instanceof Element ? parent : null;
}

/**
 * Relative luminance (WCAG) of an `rgb()`/`rgba()` colour, or undefined when transparent or
 * unreadable (the walk then looks further up). One formula: a colour library (culori, colorjs.io)
 * would add kilobytes to every widget for it.
 */
function luminance(colour: string): number | undefined {
  const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(colour);
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number.parseFloat(match[4]) / 100 : Number(match[4]);
  if (alpha < 0.5) return undefined;
  const [r, g, b] = [match[1], match[2], match[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The colour scheme `element` shows for its `theme` (see the module comment for `auto`). */
export function resolveScheme(element: Element, theme: string | null | undefined): ColorScheme {
  if (theme === 'dark' || theme === 'light') return theme;
  const data = element.parentElement?.closest('toile-data');
  // The property, not the attribute: it is reflected only at the element's next update.
  const dataTheme = data ? ((data as Element & { theme?: unknown }).theme ?? data.getAttribute('theme')) : undefined;
  if (dataTheme === 'dark' || dataTheme === 'light') return dataTheme;
  const doc = element.ownerDocument;
  const marked = markerOf(doc.documentElement) ?? markerOf(doc.body);
  if (marked) return marked;
  const view = doc.defaultView;
  const around = composedParent(element) ?? doc.documentElement;
  if (!view) return 'light';
  // The element sets its own color-scheme: read the one it inherits, from around it.
  const declared = view.getComputedStyle(around).colorScheme.split(/\s+/);
  const light = declared.includes('light');
  const dark = declared.includes('dark');
  if (dark && !light) return 'dark';
  if (light && !dark) return 'light';
  for (let node: Element | null = around; node; node = composedParent(node)) {
    const l = luminance(view.getComputedStyle(node).backgroundColor);
    if (l !== undefined) return l < 0.18 ? 'dark' : 'light';
  }
  return dark && light && view.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** An element whose scheme follows the page. */
export interface SchemeFollower {
  refreshScheme(): void;
}

// One watcher for the whole page: a theme marker or style changed on <html>/<body>, or the system
// scheme changed; every connected element resolves its scheme again.
const followers = new Set<SchemeFollower>();
let watching = false;

/** Resolves the scheme of every connected element again. */
export function refreshSchemes(): void {
  followers.forEach((f) => f.refreshScheme());
}

/** Starts following the page's scheme for `element`; returns the function that stops it. */
export function followPageScheme(element: SchemeFollower & Element): () => void {
  followers.add(element);
  const doc = element.ownerDocument;
  if (!watching && typeof MutationObserver !== 'undefined' && doc.defaultView) {
    watching = true;
    const observer = new MutationObserver(refreshSchemes);
    const attributeFilter = ['class', 'style', ...MARKER_ATTRIBUTES];
    observer.observe(doc.documentElement, { attributes: true, attributeFilter });
    const watchBody = () => doc.body && observer.observe(doc.body, { attributes: true, attributeFilter });
    if (doc.body) watchBody();
    else doc.addEventListener('DOMContentLoaded', watchBody, { once: true });
    doc.defaultView.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', refreshSchemes);
  }
  return () => followers.delete(element);
}
