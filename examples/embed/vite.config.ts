import { defaultClientConditions, defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The React and Vue recipes, as an application would build them after `npm install @toile/widgets`
// (here the workspace sources stand in for the package). `npx vite --config examples/embed/vite.config.ts`
// serves them with hot reload; server.ts builds them.
export default defineConfig({
  root: here('.'),
  // The sample data is served at the root, as the static server of the recipes does.
  publicDir: here('../data'),
  // Relative URLs, so that the built pages work under any folder.
  base: './',
  // Workspace packages resolve to their TypeScript sources (the workspace-only `toile-source` export condition).
  resolve: { conditions: ['toile-source', ...defaultClientConditions] },
  // Vue's bundler build asks for its compile-time flags; React's JSX uses the automatic runtime.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: {
    host: '127.0.0.1',
    port: 5181,
    fs: { allow: [here('../..')] },
  },
  build: {
    target: 'es2022',
    copyPublicDir: false,
    rolldownOptions: { input: { react: here('react.html'), vue: here('vue.html') } },
  },
});
