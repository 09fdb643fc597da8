/**
 * Prebuilt workers: `dist/workers/domino.worker.js` and `dist/workers/layout.worker.js`, each one
 * self-contained ES module (the SDK, cytoscape… bundled in), for hosts whose bundler does not build
 * `new Worker(new URL('./x.js', import.meta.url))` (esbuild, say): they copy this folder to their
 * site and call `setWorkerBase(url)` (see src/base/worker.ts). Vite and webpack 5 build the workers
 * from dist/src themselves and never load these files.
 *
 * Run by `npm run build` (after tsc); `node scripts/build-workers.mjs`.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const WORKERS = {
  'domino.worker': 'src/domino-simulator/domino.worker.ts',
  'layout.worker': 'src/network/layout.worker.ts',
};

await rm(`${root}dist/workers`, { recursive: true, force: true });
for (const [name, entry] of Object.entries(WORKERS)) {
  await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    // The workspace packages from their sources (workspace-only `toile-source` export condition).
    resolve: { conditions: ['toile-source', ...defaultClientConditions] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist/workers',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      // One file per worker: a worker started from another folder has no chunks to find.
      rolldownOptions: { output: { codeSplitting: false, minify: true } },
    },
  });
}
