import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import rollupJson from '@rollup/plugin-json';
import { geocoderFixture, toileServerPlugin } from './scripts/wtr-toile-server.mjs';

const commonjs = fromRollup(rollupCommonjs);
const json = fromRollup(rollupJson);
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

// A real HTTP endpoint for <toile-data api territory>: GET /api/territories/{id} answers the sample
// territory as the Toile API does (the document itself), 404 with a problem document otherwise.
const SAMPLE = new URL('../../examples/data/port-estuaire.toile.json', import.meta.url);
async function territoryApi(ctx, next) {
  const match = /^\/api\/territories\/([^/]+)$/.exec(ctx.path);
  if (!match) return next();
  if (match[1] === 'estuaire-vire-marine') {
    ctx.type = 'application/json';
    ctx.body = readFileSync(SAMPLE, 'utf8');
  } else {
    ctx.status = 404;
    ctx.type = 'application/problem+json';
    ctx.body = JSON.stringify({ type: 'about:blank', title: 'Territory not found', status: 404 });
  }
}

// The real API server for the declaration form's tests: `startToileServer` (a test runner command)
// starts one on 127.0.0.1, reached through `/toile-api/<name>` on the test page's origin.
const toileServer = toileServerPlugin();

// papaparse, cytoscape-fcose and its bases are UMD files that @rollup/plugin-commonjs cannot proxy
// under the dev server (it asks for an `exports` binding the proxy lacks). Wrapped as ES modules,
// with their `require` calls turned into imports, they need nothing else.
const UMD_DEPENDENCIES = { papaparse: [], 'layout-base': [], 'cose-base': ['layout-base'], 'cytoscape-fcose': ['cose-base'] };
const umdAsEsm = {
  name: 'umd-as-esm',
  transform(context) {
    const match = /\/node_modules\/(papaparse|layout-base|cose-base|cytoscape-fcose)\/[^/]+\.js$/.exec(context.path);
    if (!match) return undefined;
    const deps = UMD_DEPENDENCIES[match[1]];
    const imports = deps.map((d, i) => `import dep${i} from '${d}';`).join('\n');
    const table = deps.map((d, i) => `${JSON.stringify(d)}: dep${i}`).join(', ');
    return {
      body: `${imports}\nconst module = { exports: {} };\nconst require = (name) => ({ ${table} })[name];\n(function (module, exports, require) {\n${context.body}\n}).call(globalThis, module, module.exports, require);\nexport default module.exports;\n`,
    };
  },
};

// Sources name their workers as built (`new URL('./domino.worker.js', import.meta.url)`, see
// src/base/worker.ts); served from the sources, a `.js` that does not exist is its `.ts`.
const ROOT = new URL('../../', import.meta.url);
async function workerSources(ctx, next) {
  if (/^\/packages\/[\w./-]+\.js$/.test(ctx.path) && !ctx.path.includes('..')) {
    const ts = new URL(`.${ctx.path.replace(/\.js$/, '.ts')}`, ROOT);
    if (!existsSync(new URL(`.${ctx.path}`, ROOT)) && existsSync(ts)) ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
  }
  return next();
}

// The kit served from "another origin" (base/worker.test.ts loads it from 127.0.0.1 on a localhost
// page), as a CDN would: with CORS headers.
async function cors(ctx, next) {
  ctx.set('Access-Control-Allow-Origin', '*');
  return next();
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const chromium = (extraArgs = []) => playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] } });

// `*.nowebgl.test.ts` run in their own group, in a Chromium without WebGL (issue #18: everything
// works without it); every other test in the default group. `wtr` runs both groups,
// `wtr --group no-webgl` only the former.
const NO_WEBGL_FILES = 'src/**/*.nowebgl.test.ts';
const noWebgl = () => Object.assign(chromium(['--disable-webgl', '--disable-3d-apis']), { name: 'Chromium without WebGL' });
// Files named on the command line (`wtr --files …`) replace the default group's files, WebGL-less
// tests included, and the groups would run on top: read the arguments as wtr does (its own parser)
// and run what was named once, WebGL-less tests in the WebGL-less browser.
const wtrRequire = createRequire(createRequire(import.meta.url).resolve('@web/test-runner'));
const cli = wtrRequire('./config/readCliArgs.js').readCliArgs();
const named = cli.files && cli.group == null ? wtrRequire('globby').sync(cli.files.map((f) => f.split('\\').join('/'))) : undefined;
const isNoWebgl = (file) => /\.nowebgl\.test\.ts$/.test(file);
if (named?.some(isNoWebgl) && !named.every(isNoWebgl)) {
  throw new Error(
    `Run WebGL-less tests (*.nowebgl.test.ts) apart from the others: they need another browser (wtr --group no-webgl, or --files with only them). Named: ${named.join(', ')}`,
  );
}
const onlyNoWebgl = named !== undefined && named.length > 0 && named.every(isNoWebgl);

export default {
  files: ['src/**/*.test.ts', `!${NO_WEBGL_FILES}`],
  groups: named ? [] : [{ name: 'no-webgl', files: NO_WEBGL_FILES, browsers: [noWebgl()] }],
  middleware: [cors, workerSources, territoryApi, toileServer.middleware, geocoderFixture],
  nodeResolve: { exportConditions: ['toile-source', 'browser'], browser: true },
  rootDir: '../..',
  // Only the JSON that code imports is served as a module; data files stay JSON for fetch().
  mimeTypes: { 'packages/schema/vocab/*.json': 'js', 'packages/schema/generated/*.json': 'js' },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('../../tsconfig.base.json', import.meta.url).pathname, target: 'es2022' }),
    // papaparse and ajv-i18n ship CommonJS only.
    // Vocabularies are JSON modules; served as JS (esbuild drops the import attribute for es2022).
    json({ preferConst: true, include: [/packages\/schema\/(vocab|generated)\/[^/]+\.json$/] }),
    umdAsEsm,
    commonjs({ include: [/node_modules\/.*\/ajv-i18n\//] }),
    toileServer.plugin,
  ],
  browsers: [onlyNoWebgl ? noWebgl() : chromium()],
  // A guard against hangs, not a performance assertion: worker tests on 6k-node networks need room on 2 cores.
  testFramework: { config: { timeout: 30000 } },
  // The resource-timing buffer is raised before the tests' modules load: the kit is served as
  // hundreds of module files, past the browser's default 250 entries, and the tests that check what
  // was (or was not) fetched must see every fetch.
  testRunnerHtml: (testFramework) =>
    `<html><head><script type="module" src="/packages/widgets/fixtures/resource-timing-buffer.js"></script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  // The whole suite (worker layouts, 5k-node networks) takes a few minutes on two cores.
  testsFinishTimeout: 600000,
  concurrency: 1,
  // One browser at a time too (the default group's and the no-webgl group's): two cores.
  concurrentBrowsers: 1,
};
