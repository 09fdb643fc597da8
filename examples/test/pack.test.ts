/**
 * The packages as a newcomer gets them: build, pack the four publishable packages, install the
 * tarballs in an empty folder with npm, then use them there — the SDK in Node (ESM, JSON imports),
 * the schema's types and JSON, the `toile` command, the widgets' CDN bundle and custom elements
 * manifest, a strict type check of a consumer file against the published declarations, and the API
 * server (`toile-serve`, and `toile serve` finding the installed @toile/server) on PGlite.
 *
 * Then the consumer matrix (see consumers.ts): the same install used by a Vite app (built and dev
 * server), a webpack 5 app and an esbuild app, each opened in Chromium; a React 19 + strict
 * TypeScript app on the JSX typings; a Vue 3 app; plus checks that no `dist/` file imports a `.ts`
 * path and that the SDK's browser graph has no `node:` module.
 *
 * Set TOILE_PACK_REUSE=1 to skip the build and pack whatever is in packages/*\/dist.
 * Packing uses pnpm: it rewrites the `workspace:*` ranges to real versions (npm pack would leave
 * them, and npm cannot install a `workspace:` range).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'playwright-core';
import { parseAst } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/browser.ts';
import { checkPage, esbuildApp, linkFromWorkspace, reactApp, serveStatic, viteApp, viteDev, vueApp, webpackApp, type PageResult } from './consumers.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MINI = join(ROOT, 'examples/data/mini.toile.json');
const PACKAGES = ['schema', 'sdk', 'widgets', 'server'] as const;
/** The packages whose README follows the Install / Example / Documentation outline. */
const OUTLINED = ['schema', 'sdk', 'widgets'] as const;
const PNPM = ['--yes', 'pnpm@10.34.9'];
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Every static, re-export and dynamic import specifier of an ES module (parsed, not grepped). */
function moduleSpecifiers(code: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; source?: { type?: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked: string } }[] } };
    const isImport =
      n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ImportExpression';
    if (isImport && n.source?.type === 'Literal' && typeof n.source.value === 'string') found.push(n.source.value);
    // Bundlers write dynamic imports as template literals without expressions: import(`./chunk.js`).
    if (isImport && n.source?.type === 'TemplateLiteral' && n.source.expressions?.length === 0) found.push(n.source.quasis![0]!.value.cooked);
    if (isImport && n.source && n.source.type !== 'Literal' && n.source.type !== 'TemplateLiteral') found.push('<computed>');
    for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
  };
  walk(parseAst(code));
  return found;
}

let work: string;
let app: string;

/** Runs a command, returning stdout; on failure the error carries stdout and stderr. */
async function sh(file: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'toile-pack-'));
  const tarballs = join(work, 'tarballs');
  app = join(work, 'app');
  await mkdir(tarballs);
  await mkdir(app);
  if (process.env.TOILE_PACK_REUSE !== '1') {
    const filters = PACKAGES.flatMap((name) => ['--filter', `@toile/${name}`]);
    await sh('npx', [...PNPM, ...filters, 'run', 'build'], ROOT);
  }
  for (const name of PACKAGES) await sh('npx', [...PNPM, 'pack', '--pack-destination', tarballs], join(ROOT, 'packages', name));
  const files = (await readdir(tarballs)).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
  expect(files).toHaveLength(PACKAGES.length);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'toile-newcomer', private: true, type: 'module' }, null, 2));
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files], app);
  // The frameworks the React and Vue apps use, from the workspace (as if installed beside the kit).
  await linkFromWorkspace(app, ['react', 'react-dom', 'vue', '@types/react', '@types/react-dom', '@vitejs/plugin-react', '@vitejs/plugin-vue']);
}, 300_000);

let browser: Browser | undefined;
const chromium = async () => (browser ??= await launchChromium());

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A consumer page passed: data, network, card, domino run in its worker, nothing else (see consumers.ts). */
function expectWorkingPage(result: PageResult): void {
  expect(result.log.errors).toEqual([]);
  expect(result.log.external).toEqual([]);
  expect(result.log.failed).toEqual([]);
  expect(result.nodes).toBeGreaterThan(80);
  expect(result.cardTitle).toContain('Aciérie de l’Estuaire');
  expect(result.dominoIn).toBe('worker');
  expect(result.results).toMatch(/\S/);
}

/** Every .js file under `dir`, recursively. */
async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.m?js$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** A server started by a command of the installed packages. */
interface Started {
  /** Its root URL, read from its stdout (`Toile API: http://127.0.0.1:PORT/territories`). */
  url: string;
  output: () => string;
  /** SIGTERM to the command's process group (npx and the node it runs), then waits for its exit. */
  stop: () => Promise<void>;
}

/** Starts `file args` in `cwd` (its own process group) and waits until it says where it listens. */
async function startCommand(file: string, args: string[], cwd: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(file, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
  });
  let out = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${file} ${args.join(' ')}: no URL after 120 s\n${out}`)), 120_000);
      child.stdout.on('data', () => {
        // The URL, then the database line, are the first things it prints.
        const found = /Toile API: (http:\/\/127\.0\.0\.1:\d+)\/territories\n(?:base|database) ?: /.exec(stdout);
        if (found) resolve(found[1]!);
      });
      void exited.then((code) => reject(new Error(`${file} ${args.join(' ')} exited (${code}) before listening\n${out}`)));
    });
    return { url, output: () => out, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('the packed packages, installed with npm in an empty folder', () => {
  it('load and validate a territory with @toile/sdk in Node, with the schema JSON beside it', async () => {
    await writeFile(
      join(app, 'check.mjs'),
      `import { loadToile, validateToile, buildIndex, toGexf } from '@toile/sdk';
import { readCsvPackage } from '@toile/sdk/node';
import { exportCsvPackage } from '@toile/sdk/csv';
import { SCHEMA_ID, FLOW_KINDS } from '@toile/schema';
import schema from '@toile/schema/toile.schema.json' with { type: 'json' };
import { readFile } from 'node:fs/promises';

const loaded = await loadToile(process.argv[2]);
const again = validateToile(JSON.parse(await readFile(process.argv[2], 'utf8')));
const index = buildIndex(loaded.data);
const csv = exportCsvPackage(loaded.data);
console.log(JSON.stringify({
  valid: loaded.valid, errors: loaded.errors, againValid: again.valid,
  territory: loaded.data.territory.id, establishments: loaded.data.establishments.length, flows: loaded.data.flows.length,
  nodes: index.nodeCount, gexf: toGexf(loaded.data).startsWith('<?xml'),
  csvFiles: [...csv.keys()].sort(), readCsvPackage: typeof readCsvPackage,
  schemaId: SCHEMA_ID, schemaJsonId: schema.$id, kinds: FLOW_KINDS.length,
}));
`,
    );
    const out = JSON.parse(await sh('node', ['check.mjs', MINI], app)) as Record<string, unknown>;
    const mini = JSON.parse(await readFile(MINI, 'utf8')) as { territory: { id: string }; establishments: unknown[]; flows: unknown[] };
    expect(out).toMatchObject({
      valid: true,
      errors: 0,
      againValid: true,
      territory: mini.territory.id,
      establishments: mini.establishments.length,
      flows: mini.flows.length,
      nodes: mini.establishments.length,
      gexf: true,
      readCsvPackage: 'function',
      schemaId: 'https://toile.dev/schema/1/toile.schema.json',
      schemaJsonId: 'https://toile.dev/schema/1/toile.schema.json',
      kinds: 9,
    });
    expect(out.csvFiles).toEqual(expect.arrayContaining(['datapackage.json', 'establishments.csv', 'flows.csv']));
  });

  it('read a 40 MB JSON file with `threads: true`: the second thread runs from dist, same result as one thread', async () => {
    await writeFile(
      join(app, 'threads.mjs'),
      `import { jsonChunks } from '@toile/sdk';
import { readJsonColumns } from '@toile/sdk/node';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isDeepStrictEqual } from 'node:util';

const mini = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const establishments = [];
const flows = [];
for (let c = 0; c < 3000; c++) {
  for (const e of mini.establishments) establishments.push({ ...e, id: e.id + '-' + c });
  for (const f of mini.flows) flows.push({ ...f, id: f.id + '-' + c, from: f.from + '-' + c, to: f.to + '-' + c });
}
const path = 'big.toile.json';
const out = createWriteStream(path);
for (const chunk of jsonChunks({ ...mini, resources: [], establishments, flows })) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
await new Promise((r) => out.end(r));
const one = await readJsonColumns(path, { threads: false });
const two = await readJsonColumns(path, { threads: true });
// The scan itself, to see the second thread's part used (dist/src/load/json-scan-worker.js).
const { scanJsonFile } = await import(new URL('./node_modules/@toile/sdk/dist/src/load/json-scan-file.js', import.meta.url));
const scanned = await scanJsonFile(path, undefined, 'auto');
console.log(JSON.stringify({
  bytes: statSync(path).size, same: isDeepStrictEqual(one, two), flows: two.data.tables.flows.rows,
  parts: scanned.parts, cores: availableParallelism(),
}));
`,
    );
    const out = JSON.parse(await sh('node', ['threads.mjs', MINI], app)) as { bytes: number; same: boolean; flows: number; parts: number; cores: number };
    expect(out.bytes).toBeGreaterThan(32 * 1024 * 1024);
    expect(out.same).toBe(true);
    expect(out.flows).toBe(60_000);
    expect(out.parts).toBe(out.cores >= 2 ? 1 : 0);
  });

  it('run the `toile` command from the installed @toile/sdk', async () => {
    const out = await sh(join(app, 'node_modules/.bin/toile'), ['validate', MINI, '--lang', 'en'], app);
    expect(out).toMatch(/valid/i);
  });

  it('ship the widgets CDN bundle, self-contained, and the custom elements manifest', async () => {
    const widgets = join(app, 'node_modules/@toile/widgets');
    const pkg = JSON.parse(await readFile(join(widgets, 'package.json'), 'utf8')) as {
      customElements: string;
      version: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['@toile/sdk']).toBe(pkg.version); // workspace:* was rewritten
    // From the entry, every chunk it can load imports only relative paths that exist (no bare
    // specifier: the bundle runs from any URL without an import map).
    const cdn = join(widgets, 'dist/cdn');
    const seen = new Set<string>();
    const queue = ['toile.js'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of moduleSpecifiers(await readFile(join(cdn, file), 'utf8'))) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
        const target = join(dirname(file), specifier);
        expect(existsSync(join(cdn, target)), `${file} imports ${specifier}`).toBe(true);
        queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    expect([...seen].some((f) => /cytoscape/.test(f))).toBe(true);
    expect(await readFile(join(cdn, 'toile.js'), 'utf8')).toContain('toile-network');
    const manifest = JSON.parse(await readFile(join(widgets, pkg.customElements), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .map((d) => d.tagName)
      .filter(Boolean);
    expect(tags).toEqual(expect.arrayContaining(['toile-data', 'toile-network', 'toile-company-card']));
    expect(existsSync(join(widgets, 'LICENSE'))).toBe(true);
    expect(existsSync(join(widgets, 'src/network/network.test.ts'))).toBe(false);
  });

  it('type-check a consumer against the published declarations (strict, no skipLibCheck)', async () => {
    await writeFile(
      join(app, 'consumer.ts'),
      `import type { ToileDocument, Establishment } from '@toile/schema';
import { validateToile, buildIndex, type ValidationResult } from '@toile/sdk';
import { exportCsvPackage } from '@toile/sdk/csv';
import { ToileNetwork } from '@toile/widgets';

export function count(doc: ToileDocument): number {
  const result: ValidationResult = validateToile(doc);
  const first: Establishment | undefined = result.data?.establishments[0];
  return buildIndex(doc).ids.length + (first ? 1 : 0) + exportCsvPackage(doc).size;
}
export const tag: string = ToileNetwork.name;
`,
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    await sh('node', [TSC, '-p', 'tsconfig.json'], app);
  });

  it('ship no dist file that imports a .ts path (import, export, import() or a worker URL)', async () => {
    const offenders: string[] = [];
    for (const name of PACKAGES) {
      const dist = join(app, 'node_modules/@toile', name, 'dist');
      for (const file of await jsFiles(dist)) {
        const code = await readFile(file, 'utf8');
        const rel = file.slice(dist.length + 1);
        for (const specifier of moduleSpecifiers(code)) if (/\.ts$/.test(specifier)) offenders.push(`${name}/dist/${rel}: ${specifier}`);
        for (const m of code.matchAll(/new URL\(\s*(['"`])([^'"`]+\.ts)\1/g)) offenders.push(`${name}/dist/${rel}: new URL(${m[2]})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('ship a README and engines per package, and no CDN source maps, benchmarks or fixtures', async () => {
    const server = JSON.parse(await readFile(join(app, 'node_modules/@toile/server/package.json'), 'utf8')) as { engines?: { node?: string } };
    expect(server.engines?.node, '@toile/server engines').toMatch(/^>=\s*20/);
    expect(await readFile(join(app, 'node_modules/@toile/server/README.md'), 'utf8')).toMatch(/^# @toile\/server/);
    for (const name of OUTLINED) {
      const dir = join(app, 'node_modules/@toile', name);
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { engines?: { node?: string } };
      expect(pkg.engines?.node, `@toile/${name} engines`).toMatch(/^>=\s*20/);
      const readme = await readFile(join(dir, 'README.md'), 'utf8');
      expect(readme, `@toile/${name} README`).toMatch(new RegExp(`^# @toile/${name}`));
      expect(readme).toMatch(/## Install[\s\S]*## Example[\s\S]*## Documentation/);
    }
    const files = (await readdir(join(app, 'node_modules/@toile/widgets'), { recursive: true })).map(String);
    expect(files.filter((f) => /^dist[/\\]cdn[/\\].*\.map$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(bench|fixtures?)\.|[/\\]bench[/\\]/.test(f))).toEqual([]);
    // The prebuilt workers for esbuild hosts are there.
    expect(files).toEqual(expect.arrayContaining([join('dist', 'workers', 'domino.worker.js'), join('dist', 'workers', 'layout.worker.js')]));
  });

  it('keep node: modules out of the browser graph of @toile/sdk (esbuild, platform browser)', async () => {
    const result = await esbuild({
      stdin: { contents: "export * from '@toile/sdk'; export * from '@toile/sdk/csv';", resolveDir: app, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      splitting: true,
      outdir: join(work, 'sdk-browser'),
      metafile: true,
      logLevel: 'silent',
      // Kept external so that a node: import shows in the metafile instead of failing the build.
      external: ['node:*'],
    });
    const nodeImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.path.startsWith('node:')).map((i) => `${file} → ${i.path}`),
    );
    expect(nodeImports).toEqual([]);
    expect(Object.keys(result.metafile.inputs).some((f) => f.includes('read-path.browser'))).toBe(true);
  });

  describe('the API server, @toile/server', { timeout: 180_000 }, () => {
    const TOKEN = 'agence-paquet';
    const mini = async () => JSON.parse(await readFile(MINI, 'utf8')) as { territory: { id: string }; establishments: { id: string }[] };

    /** A folder with a copy of mini.toile.json, and a database folder beside it. */
    async function dataFolder(name: string): Promise<{ data: string; db: string }> {
      const data = join(work, name);
      await mkdir(data, { recursive: true });
      await copyFile(MINI, join(data, 'mini.toile.json'));
      return { data, db: join(work, `${name}-db`) };
    }

    it('finds @toile/schema/openapi.yaml from the installed server, as its OpenAPI checks do', () => {
      const fromServer = createRequire(join(app, 'node_modules/@toile/server/dist/src/openapi-check.js'));
      expect(existsSync(fromServer.resolve('@toile/schema/openapi.yaml'))).toBe(true);
      expect(existsSync(fromServer.resolve('@toile/schema/toile.schema.json'))).toBe(true);
    });

    it('`npx toile-serve DIR --db FOLDER --port 0`: PGlite from the install, GET /territories, a declaration pending', async () => {
      const { data, db } = await dataFolder('serve-bin');
      const { territory, establishments } = await mini();
      const server = await startCommand('npx', ['toile-serve', data, '--db', db, '--port', '0'], app, { TOILE_TOKEN: TOKEN, LANG: 'en_GB.UTF-8' });
      try {
        expect(server.output()).toMatch(/database: pglite /);
        const list = await fetch(`${server.url}/territories`);
        expect(list.status).toBe(200);
        const { territories } = (await list.json()) as { territories: { id: string; establishments: number }[] };
        expect(territories).toEqual([expect.objectContaining({ id: territory.id, establishments: establishments.length })]);
        const declaration = {
          establishment: { id: 'decl-paquet', name: 'Usinage du Paquet', naf: '25.62A' },
          flows: [{ id: 'decl-paquet-f1', from: 'decl-paquet', to: establishments[0]!.id, kind: 'service', item: { label: 'Usinage' } }],
        };
        const posted = await fetch(`${server.url}/territories/${territory.id}/declarations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(declaration),
        });
        expect(posted.status).toBe(200);
        expect(await posted.json()).toMatchObject({ status: 'pending', records: 2 });
        const queue = await fetch(`${server.url}/territories/${territory.id}/declarations?status=pending`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(((await queue.json()) as { total: number }).total).toBe(1);
      } finally {
        await server.stop();
      }
      expect(existsSync(db)).toBe(true);
    });

    it('`npx toile serve` from the installed @toile/sdk loads the installed @toile/server', async () => {
      const { data, db } = await dataFolder('serve-sdk');
      const { territory } = await mini();
      const server = await startCommand('npx', ['toile', 'serve', data, '--db', db, '--port', '0'], app, { TOILE_TOKEN: TOKEN });
      try {
        const list = await fetch(`${server.url}/territories`);
        expect(list.status).toBe(200);
        expect(((await list.json()) as { territories: { id: string }[] }).territories.map((t) => t.id)).toEqual([territory.id]);
      } finally {
        await server.stop();
      }
    });
  });

  /** Serves a built app on 127.0.0.1 and checks its page in Chromium (see expectWorkingPage). */
  async function expectBuiltPageWorks(dist: string): Promise<void> {
    const server = await serveStatic(dist);
    try {
      expectWorkingPage(await checkPage(await chromium(), server.url));
    } finally {
      await server.close();
    }
  }

  describe('consumer matrix', { timeout: 180_000 }, () => {
    it('Vite (current major): vite build, the built page in Chromium', async () => {
      const built = await viteApp(join(app, 'vite'));
      await expectBuiltPageWorks(built.dist);
    });

    it('Vite dev server: the same page', async () => {
      const dev = await viteDev(join(app, 'vite'));
      try {
        expectWorkingPage(await checkPage(await chromium(), dev.url));
      } finally {
        await dev.close();
      }
    });

    it('webpack 5: the built page in Chromium (the domino worker built by webpack)', async () => {
      const built = await webpackApp(join(app, 'webpack'));
      const bundled = await readdir(built.dist);
      // webpack made the worker a chunk of its own, not a raw copy of dist/src/domino-simulator/domino.worker.js.
      expect(bundled.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
      expect(bundled).not.toContain('domino.worker.js');
      await expectBuiltPageWorks(built.dist);
    });

    it('esbuild: the built page in Chromium, workers from dist/workers via setWorkerBase', async () => {
      const built = await esbuildApp(join(app, 'esbuild'), join(app, 'node_modules/@toile/widgets'));
      expect(built.warnings).not.toMatch(/node:|\.ts\b/);
      await expectBuiltPageWorks(built.dist);
    });

    it('React 19 + strict TypeScript (skipLibCheck false) on @toile/widgets/react: e.detail typed, built and run', async () => {
      const built = await reactApp(join(app, 'react'), TSC);
      await expectBuiltPageWorks(built.dist);
    });

    it('Vue 3 with isCustomElement: built and run', async () => {
      const built = await vueApp(join(app, 'vue'));
      await expectBuiltPageWorks(built.dist);
    });
  });
});
