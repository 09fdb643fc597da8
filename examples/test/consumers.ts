/**
 * The consumer matrix of test/pack.test.ts: applications written as a web team would write them
 * after `npm install @toile/widgets @toile/sdk`, built with each bundler from the installed tarballs,
 * and the built pages checked in Chromium. The bundlers and frameworks are the workspace's own
 * (examples/package.json devDependencies): nothing is downloaded here.
 *
 * Every app lives in a folder under the one npm installed the tarballs in, so Node's resolution
 * finds `@toile/*` there; React, Vue and the Vite plugins are linked in from the workspace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { waitForData, waitForNetwork, waitForText, watchedPage, type PageLog } from '../e2e/browser.ts';

const run = promisify(execFile);
const EXAMPLES = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = join(EXAMPLES, 'data/port-estuaire.toile.json');

/** The workspace's copy of a package (its folder), as examples/ resolves it. */
export const workspacePackage = (name: string): string => realpathSync(join(EXAMPLES, 'node_modules', name));
const bin = (name: string, path: string) => join(workspacePackage(name), path);

/** Runs a command; on failure the error carries its output. */
export async function sh(file: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    });
    return stdout + stderr;
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

/** Links workspace packages (react, vue, their types…) into `app/node_modules`, as if installed there. */
export async function linkFromWorkspace(app: string, names: string[]): Promise<void> {
  for (const name of names) {
    const target = join(app, 'node_modules', name);
    await mkdir(dirname(target), { recursive: true });
    await symlink(workspacePackage(name), target, 'dir').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** The page every vanilla consumer builds: the sample territory, the network, the card and the domino simulator (in its worker). */
const PAGE = (script: string) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Toile consumer</title>
    <link rel="icon" href="data:," />
    <script type="module" src="${script}"></script>
  </head>
  <body>
    <toile-data src="./port-estuaire.toile.json" selected="acierie">
      <toile-network layout="geo"></toile-network>
      <toile-company-card></toile-company-card>
      <toile-domino-simulator model="cascade" worker-threshold="0"></toile-domino-simulator>
    </toile-data>
  </body>
</html>
`;

/** What a vanilla app imports: the tags, plus an SDK call so the SDK's browser entry is bundled too. */
const MAIN = (extra = '') => `import '@toile/widgets/define';
import { validateToile } from '@toile/sdk';
${extra}
window.toileSdkLoaded = typeof validateToile === 'function';
`;

/** Vite (current major), vanilla: index.html + main.js, the data in public/. Returns the built folder. */
export async function viteApp(dir: string): Promise<{ dir: string; dist: string }> {
  await mkdir(join(dir, 'public'), { recursive: true });
  await writeFile(join(dir, 'index.html'), PAGE('/main.js'));
  await writeFile(join(dir, 'main.js'), MAIN());
  await cp(SAMPLE, join(dir, 'public/port-estuaire.toile.json'));
  await writeFile(join(dir, 'vite.config.mjs'), `export default { base: './', logLevel: 'warn', build: { target: 'es2022' } };\n`);
  await sh(process.execPath, [bin('vite', 'bin/vite.js'), 'build'], dir);
  return { dir, dist: join(dir, 'dist') };
}

/** A TCP port free on 127.0.0.1 now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts Vite's dev server on the app; resolves with its URL once it answers. */
export async function viteDev(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [bin('vite', 'bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--logLevel', 'info'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`vite dev exited (${code}):\n${output}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** webpack 5 (webpack-cli), vanilla: the built folder. */
export async function webpackApp(dir: string): Promise<{ dir: string; dist: string }> {
  const dist = join(dir, 'dist');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.js'), MAIN());
  await writeFile(
    join(dir, 'webpack.config.mjs'),
    `import { fileURLToPath } from 'node:url';
export default {
  mode: 'production',
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./dist/', import.meta.url)), filename: 'main.js', publicPath: 'auto', clean: true },
  performance: { hints: false },
  // Unminified: the test is about what webpack builds, and terser on cytoscape takes a minute.
  optimization: { minimize: false },
  stats: 'errors-warnings',
};
`,
  );
  await sh(process.execPath, [bin('webpack-cli', 'bin/cli.js'), '--config', 'webpack.config.mjs'], dir);
  await writeFile(join(dist, 'index.html'), PAGE('./main.js'));
  await cp(SAMPLE, join(dist, 'port-estuaire.toile.json'));
  return { dir, dist };
}

/**
 * esbuild, vanilla. esbuild does not build `new Worker(new URL(…))`: as the README says, the
 * prebuilt workers are copied from `@toile/widgets/dist/workers/` and `setWorkerBase` points at them.
 */
export async function esbuildApp(dir: string, widgets: string): Promise<{ dir: string; dist: string; warnings: string }> {
  const dist = join(dir, 'dist');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.js'), MAIN(`import { setWorkerBase } from '@toile/widgets';\nsetWorkerBase('./toile-workers/');`));
  const warnings = await sh(
    bin('esbuild', 'bin/esbuild'),
    ['main.js', '--bundle', '--format=esm', '--splitting', '--platform=browser', '--target=es2022', '--minify', '--outdir=dist', '--log-level=warning'],
    dir,
  );
  await cp(join(widgets, 'dist/workers'), join(dist, 'toile-workers'), { recursive: true });
  await writeFile(join(dist, 'index.html'), PAGE('./main.js'));
  await cp(SAMPLE, join(dist, 'port-estuaire.toile.json'));
  return { dir, dist, warnings };
}

/** React 19 + TypeScript strict (no skipLibCheck) with the package's JSX typings: type-checked, then built with Vite. */
export async function reactApp(dir: string, tsc: string): Promise<{ dir: string; dist: string }> {
  await mkdir(join(dir, 'public'), { recursive: true });
  await writeFile(join(dir, 'index.html'), PAGE('/main.tsx').replace(/<toile-data[\s\S]*<\/toile-data>/, '<div id="root"></div>'));
  await cp(SAMPLE, join(dir, 'public/port-estuaire.toile.json'));
  await writeFile(
    join(dir, 'main.tsx'),
    `import '@toile/widgets/define';
import '@toile/widgets/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [selected, setSelected] = useState<string | null>('acierie');
  const [picked, setPicked] = useState('');
  return (
    <toile-data src="./port-estuaire.toile.json" selected={selected} ontoile-selection-change={(e) => setSelected(e.detail.id)}>
      <toile-network layout="geo" />
      <toile-company-card ontoile-select={(e) => setPicked(e.detail.id)} />
      <toile-domino-simulator model="cascade" worker-threshold={0} />
      <output id="picked">{picked}</output>
    </toile-data>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  );
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['main.tsx'],
    }),
  );
  await sh(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
  await writeFile(
    join(dir, 'vite.config.mjs'),
    `import react from '@vitejs/plugin-react';\nexport default { base: './', logLevel: 'warn', plugins: [react()], build: { target: 'es2022' } };\n`,
  );
  await sh(process.execPath, [bin('vite', 'bin/vite.js'), 'build'], dir);
  return { dir, dist: join(dir, 'dist') };
}

/** Vue 3 with `isCustomElement` for the toile- tags, built with Vite and @vitejs/plugin-vue. */
export async function vueApp(dir: string): Promise<{ dir: string; dist: string }> {
  await mkdir(join(dir, 'public'), { recursive: true });
  await writeFile(join(dir, 'index.html'), PAGE('/main.js').replace(/<toile-data[\s\S]*<\/toile-data>/, '<div id="app"></div>'));
  await cp(SAMPLE, join(dir, 'public/port-estuaire.toile.json'));
  await writeFile(
    join(dir, 'App.vue'),
    `<script setup>
import { ref } from 'vue';
const selected = ref('acierie');
</script>

<template>
  <toile-data src="./port-estuaire.toile.json" :selected="selected" @toile-selection-change="selected = $event.detail.id">
    <toile-network layout="geo"></toile-network>
    <toile-company-card></toile-company-card>
    <toile-domino-simulator model="cascade" worker-threshold="0"></toile-domino-simulator>
  </toile-data>
</template>
`,
  );
  await writeFile(
    join(dir, 'main.js'),
    `import '@toile/widgets/define';\nimport { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n`,
  );
  await writeFile(
    join(dir, 'vite.config.mjs'),
    `import vue from '@vitejs/plugin-vue';
export default {
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('toile-') } } })],
  build: { target: 'es2022' },
};
`,
  );
  await sh(process.execPath, [bin('vite', 'bin/vite.js'), 'build'], dir);
  return { dir, dist: join(dir, 'dist') };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Serves a built folder on 127.0.0.1 (a plain static server, as a host would). */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '') || 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What a consumer page did in Chromium. */
export interface PageResult {
  log: PageLog;
  cardTitle: string;
  nodes: number;
  dominoIn: string | undefined;
  /** The text of the simulator's results. */
  results: string;
}

/**
 * Opens `url`: the data loads, the network is drawn, the card shows the selected establishment, and
 * closing the refinery in the domino simulator runs (in its worker, given `worker-threshold="0"`).
 */
export async function checkPage(browser: Browser, url: string): Promise<PageResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
  try {
    const { page, log } = await watchedPage(context);
    await page.goto(url);
    await waitForData(page);
    await waitForNetwork(page);
    await waitForText(page, 'toile-company-card h2', 'Aciérie de l’Estuaire');
    const simulator = page.locator('toile-domino-simulator');
    await simulator.locator('[part="form"] input[type="search"]').fill('Raffinerie');
    await simulator.locator('[part="sites"] label', { hasText: 'Raffinerie de la Vire-Marine' }).locator('input').check();
    await simulator.locator('[part="actions"] button.primary').click();
    await simulator.locator('[part="results"]').waitFor();
    await page.waitForFunction(() => document.querySelector('toile-domino-simulator')!.lastRunIn !== undefined);
    const result = await page.evaluate(() => ({
      cardTitle: document.querySelector('toile-company-card')!.shadowRoot!.querySelector('h2')!.textContent!.trim(),
      nodes: document.querySelector('toile-network')!.cytoscape!.nodes().length,
      dominoIn: document.querySelector('toile-domino-simulator')!.lastRunIn,
      results: document.querySelector('toile-domino-simulator')!.shadowRoot!.querySelector('[part="results"]')!.textContent ?? '',
    }));
    return { log, ...result };
  } finally {
    await context.close();
  }
}
