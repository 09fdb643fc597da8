/**
 * CDN build of @toile/widgets: one ES module, `dist/cdn/toile.js`, that registers every element.
 *
 * ```html
 * <script type="module" src="https://cdn.example/@toile/widgets@0.1.0/dist/cdn/toile.js"></script>
 * ```
 *
 * - Entry: `src/autoload.ts`: each element's code is loaded when its tag first appears. Everything (Lit, @toile/sdk, @toile/schema and its vocabularies) is
 *   bundled from source: the output has no bare specifiers, and every chunk, worker and asset is
 *   loaded relative to `import.meta.url`, so the folder can be served from any path or CDN.
 * - Code-split: what the components load with `import()` (cytoscape, cytoscape-fcose, the CSV
 *   reader…) lands in lazily loaded chunks under `chunks/`.
 * - Strict CSP: no `eval`/`new Function` (the ajv validators are precompiled in @toile/schema), no
 *   inline script, and workers are separate same-origin files under `workers/` (not blob: URLs).
 *
 * Run: `npm run build:cdn` in packages/widgets. Vite prints every chunk's gzip size; the
 * `toile:cdn-report` plugin below adds what a page downloads up front (the entry and its static
 * imports) versus on demand, and fails the build on a bare specifier or an eval.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, defaultClientConditions, type Plugin, type Rolldown } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SRC = here('src/');

/**
 * The modules that register tags have side effects: `src/define.ts` and each `<name>.ts` that sits
 * next to a `<name>.component.ts`. Decided here rather than by package.json `sideEffects`, so a new
 * component folder can never be tree-shaken out of the CDN bundle.
 */
function isDefineModule(id: string): boolean {
  if (!id.startsWith(SRC) || !id.endsWith('.ts')) return false;
  return id === `${SRC}define.ts` || id === `${SRC}autoload.ts` || existsSync(id.replace(/\.ts$/, '.component.ts'));
}

/** Marks the define modules as side-effectful (a resolveId result overrides package.json). */
const keepDefineModules: Plugin = {
  name: 'toile:keep-define-modules',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && isDefineModule(resolved.id) ? { ...resolved, moduleSideEffects: true } : null;
  },
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
// lodash's global lookup `Function("return this")()` in cytoscape is only reached when neither
// `globalThis`-like object exists (never in a browser); any other eval or Function call fails.
const EVAL = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![.\w])Function\s*\((?!\s*["'`]return this["'`]\s*\))/g;

/** Prints initial versus lazy download (gzip) and checks the output is CDN- and CSP-safe. */
const cdnReport: Plugin = {
  name: 'toile:cdn-report',
  apply: 'build',
  writeBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
    // Workers are built separately and reach this bundle as assets.
    const workers = Object.values(bundle).filter((o): o is Rolldown.OutputAsset => o.type === 'asset' && o.fileName.endsWith('.js'));
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const code = new Map<string, string | Uint8Array>([
      ...chunks.map((c) => [c.fileName, c.code] as const),
      ...workers.map((w) => [w.fileName, w.source] as const),
    ]);
    const gz = new Map([...code].map(([file, text]) => [file, gzipSync(text, { level: 9 }).length]));
    const closure = (entry: string) => {
      const files = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        for (const next of byName.get(file)?.imports ?? []) visit(next);
      };
      visit(entry);
      return files;
    };
    const initial = closure('toile.js');
    const problems: string[] = [];
    for (const c of chunks) {
      // Every import must be another file of the bundle (an external would stay a bare specifier).
      for (const target of [...c.imports, ...c.dynamicImports]) {
        if (!byName.has(target)) problems.push(`${c.fileName}: external import "${target}"`);
      }
    }
    for (const [file, text] of code) {
      const source = typeof text === 'string' ? text : new TextDecoder().decode(text);
      for (const m of source.matchAll(EVAL)) problems.push(`${file}: eval-like code "${m[0]}"`);
    }
    const sum = (files: Iterable<string>) => [...files].reduce((s, f) => s + (gz.get(f) ?? 0), 0);
    const lazy = [...code.keys()].filter((file) => !initial.has(file));
    const line = (f: string) => `  ${f.padEnd(48)} ${kb(gz.get(f) ?? 0).padStart(10)} gzip`;
    this.info(
      [
        `toile.js up front (entry + static imports): ${kb(sum(initial))} gzip`,
        ...[...initial].map(line),
        `on demand (import() and workers): ${kb(sum(lazy))} gzip`,
        ...lazy.map(line),
      ].join('\n'),
    );
    if (problems.length > 0) this.error(`CDN bundle is not self-contained or not CSP-safe:\n${problems.join('\n')}`);
  },
};

export default defineConfig({
  // A library entry, not an app: no index.html, no public dir.
  root: here('.'),
  publicDir: false,
  // Relative base: chunk, worker and asset URLs are resolved against the bundle's own URL.
  base: './',
  resolve: {
    // Workspace packages are bundled from their TypeScript sources (the workspace-only `toile-source` export condition).
    conditions: ['toile-source', ...defaultClientConditions],
  },
  plugins: [keepDefineModules, cdnReport],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  worker: {
    format: 'es',
    rolldownOptions: { output: { entryFileNames: 'workers/[name]-[hash].js', chunkFileNames: 'workers/[name]-[hash].js' } },
  },
  logLevel: 'info',
  build: {
    outDir: here('dist/cdn'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    reportCompressedSize: true,
    // The preload helper would inject <link> tags; plain ES module imports are enough (and CSP-simple).
    modulePreload: false,
    copyPublicDir: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: { toile: here('src/autoload.ts') },
      // The entry is a real module whose side effect is registering the custom elements.
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // The reference data and the precompiled validators change rarely: their own chunks stay
        // cached across releases of the components (same content, same hash).
        codeSplitting: {
          groups: [
            // One chunk per vocabulary file: the card needs NAF labels, not the List of Waste.
            {
              name: (id: string) => `vocab-${id.replace(/^.*[\\/]/, '').replace(/\.json$/, '')}`,
              test: /[\\/]packages[\\/]schema[\\/](vocab|generated)[\\/][^\\/]+\.json$/,
              priority: 2,
            },
            { name: 'validators', test: /[\\/]packages[\\/]schema[\\/]generated[\\/]validators-|[\\/]ajv-i18n[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
