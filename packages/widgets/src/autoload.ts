/**
 * The CDN entry (`dist/cdn/toile.js`): registers each Toile element when its tag first appears in the
 * page, loading only that element's code (Shoelace's autoloader, in a few lines). A page with a card
 * and no network never downloads the network or cytoscape; the entry itself stays a few kilobytes.
 * Elements inside other components' shadow roots are not seen by the observer: call
 * {@link loadToileElements} for them, or import `@toile/widgets/define` (everything, eagerly).
 */
const LOADERS: Readonly<Record<string, () => Promise<unknown>>> = {
  'toile-data': () => import('./data/toile-data.ts'),
  'toile-network': () => import('./network/network.ts'),
  'toile-company-card': () => import('./company-card/company-card.ts'),
  'toile-synergy-finder': () => import('./synergy-finder/synergy-finder.ts'),
  'toile-domino-simulator': () => import('./domino-simulator/domino-simulator.ts'),
  'toile-declaration-form': () => import('./declaration-form/declaration-form.ts'),
  'toile-moderation': () => import('./moderation/moderation.ts'),
  'toile-workshop': () => import('./workshop/workshop.ts'),
};

const loading = new Map<string, Promise<unknown>>();

/** Loads and registers the given Toile tags (all of them by default); resolves once they are defined. */
export function loadToileElements(tags: readonly string[] = Object.keys(LOADERS)): Promise<void> {
  return Promise.all(
    tags.map((tag) => {
      const load = LOADERS[tag];
      if (!load) return undefined;
      let pending = loading.get(tag);
      if (!pending) {
        pending = load().catch((error: unknown) => {
          loading.delete(tag);
          console.error(`[toile] <${tag}> could not be loaded`, error);
        });
        loading.set(tag, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

function discover(root: ParentNode): void {
  const found = Object.keys(LOADERS).filter((tag) => !loading.has(tag) && ((root as Element).localName === tag || root.querySelector(tag)));
  if (found.length) void loadToileElements(found);
}

if (typeof document !== 'undefined') {
  discover(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) discover(node as Element);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
