import { existsSync } from 'node:fs';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import rollupJson from '@rollup/plugin-json';

const commonjs = fromRollup(rollupCommonjs);
const json = fromRollup(rollupJson);
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'], browser: true },
  rootDir: '../..',
  // Only the JSON that code imports is served as a module; data files stay JSON for fetch().
  mimeTypes: { 'packages/schema/vocab/*.json': 'js', 'packages/schema/generated/*.json': 'js' },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('../../tsconfig.base.json', import.meta.url).pathname, target: 'es2022' }),
    // papaparse and ajv-i18n ship CommonJS only.
    // Vocabularies are JSON modules; served as JS (esbuild drops the import attribute for es2022).
    json({ preferConst: true, include: [/packages\/schema\/(vocab|generated)\/[^/]+\.json$/] }),
    commonjs({ include: [/node_modules\/.*\/(papaparse|ajv-i18n)\//] }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
};
