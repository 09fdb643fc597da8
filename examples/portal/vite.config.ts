import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { footer, header, PAGES } from './layout.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Writes the shared header and footer into each page (see layout.ts). */
const layout: Plugin = {
  name: 'toile-portal:layout',
  transformIndexHtml: {
    // Before vite's own HTML processing, so that the logo in the header is handled like any asset.
    order: 'pre',
    handler(html) {
      const page = /<body[^>]*data-page="([^"]+)"/.exec(html)?.[1] ?? 'index';
      return html.replace('<!-- toile:header -->', header(page)).replace('<!-- toile:footer -->', footer());
    },
  },
};

// The portal runs on the packages' sources (no build step), data from examples/data.
export default defineConfig({
  root: here('.'),
  publicDir: here('../data'),
  plugins: [layout],
  // Workspace packages resolve to their TypeScript sources (the workspace-only `toile-source` export condition).
  resolve: { conditions: ['toile-source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [here('../..')] } },
  build: {
    target: 'es2022',
    // One HTML entry per page (a multi-page site, not a single-page app).
    rolldownOptions: { input: Object.fromEntries(PAGES.map((p) => [p.id, here(`${p.id}.html`)])) },
  },
});
