// The custom-elements manifest (custom-elements.json) is generated from the components' JSDoc and
// decorators; JSX typings (React 19, Preact, Solid…) are generated from it. `pnpm run analyze`
// writes both; the test command checks they are up to date (scripts/check-manifest.mjs).
import { customElementJsxPlugin } from 'custom-element-jsx-integration';

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
    customElementJsxPlugin({
      outdir: './types',
      fileName: 'jsx.d.ts',
      // Types of each component come from the package's own exports.
      globalTypePath: '@toile/widgets',
      // Events typed as `(event: CustomEvent) => void` props: `ontoile-select` etc.
      defaultExport: false,
    }),
  ],
};
