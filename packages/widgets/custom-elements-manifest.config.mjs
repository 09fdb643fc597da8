// The custom-elements manifest (custom-elements.json) is generated from the components' JSDoc and
// decorators; JSX typings (React 19, Preact, Solid…) are generated from it. `pnpm run analyze`
// writes both; the test command checks they are up to date (scripts/check-manifest.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';

/** Event name → its detail type, as exported by the package (src/events.ts, ToileEventDetails). */
const EVENT_DETAILS = {
  'toile-select': 'SelectDetail',
  'toile-selection-change': 'SelectionChangeDetail',
  'toile-highlight-change': 'HighlightDetail',
  'toile-highlight': 'HighlightDetail',
  'toile-data-change': 'DataChangeDetail',
  'toile-data-error': 'DataErrorDetail',
  'toile-overlay-change': 'OverlayChangeDetail',
  'toile-network-ready': 'NetworkReadyDetail',
  'toile-network-layout': 'NetworkLayoutDetail',
  'toile-synergy-select': 'SynergySelectDetail',
  'toile-pooling-select': 'PoolingSelectDetail',
  'toile-synergy-query': 'SynergyQueryDetail',
  'toile-capability-select': 'CapabilitySelectDetail',
  'toile-domino-result': 'DominoResultDetail',
  'toile-domino-error': 'DominoErrorDetail',
  'toile-declaration-submit': 'DeclarationSubmitDetail',
  'toile-declaration-error': 'DeclarationErrorDetail',
  'toile-moderation-decide': 'ModerationDecideDetail',
  'toile-moderation-error': 'ModerationErrorDetail',
  'toile-workshop-change': 'WorkshopChangeDetail',
  'toile-workshop-error': 'WorkshopErrorDetail',
};

export default {
  globs: ['src/**/*.component.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  // package.json's customElements field is written by hand (the analyzer would rewrite it to its outdir).
  packagejson: false,
  plugins: [
    // The analyzer lists modules in the order its reads finish, which varies from run to run:
    // sorted by path, the manifest and the typings generated from it are the same every time.
    {
      name: 'toile-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    {
      // Each event's detail type (exported by @toile/widgets, see src/events.ts), so the JSX typings
      // give `ontoile-…` props a typed `event.detail` instead of `CustomEvent<never>`.
      name: 'toile-event-details',
      packageLinkPhase({ customElementsManifest }) {
        const untyped = [];
        for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
          for (const event of declaration.events ?? []) {
            const type = EVENT_DETAILS[event.name];
            if (type) event.type = { text: type };
            else untyped.push(`${declaration.tagName}: ${event.name}`);
          }
        }
        if (untyped.length)
          throw new Error(`Events without a detail type in custom-elements-manifest.config.mjs (EVENT_DETAILS) and src/events.ts: ${untyped.join(', ')}`);
      },
    },
    customElementJsxPlugin({
      outdir: './types',
      fileName: 'jsx.d.ts',
      // Types of each component come from the package's own exports.
      globalTypePath: '@toile/widgets',
      // Events typed as `(event: CustomEvent) => void` props: `ontoile-select` etc.
      defaultExport: false,
    }),
    {
      // The JSX plugin imports a detail type once per element that fires it: one import each.
      name: 'toile-jsx-dedupe-imports',
      packageLinkPhase() {
        const file = new URL('./types/jsx.d.ts', import.meta.url);
        const text = readFileSync(file, 'utf8').replace(/import type \{([^}]*)\} from "@toile\/widgets";/, (_, names) => {
          const unique = [
            ...new Set(
              names
                .split(',')
                .map((n) => n.trim())
                .filter(Boolean),
            ),
          ];
          return `import type {\n${unique.map((n) => `  ${n},\n`).join('')}} from "@toile/widgets";`;
        });
        writeFileSync(file, text);
      },
    },
  ],
};
