// Checks that custom-elements.json and types/jsx.d.ts match the components' sources: regenerates
// them and fails (restoring the committed files) when anything differs. `pnpm run analyze` updates them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = ['custom-elements.json', 'types/jsx.d.ts'];
const read = (f) => {
  try {
    return readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
};
const before = files.map(read);
execFileSync(
  process.execPath,
  [
    fileURLToPath(new URL('../node_modules/@custom-elements-manifest/analyzer/cem.js', import.meta.url)),
    'analyze',
    '--config',
    'custom-elements-manifest.config.mjs',
  ],
  { cwd: root, stdio: 'pipe' },
);
const stale = files.filter((f, i) => read(f) !== before[i]);
if (stale.length) {
  files.forEach((f, i) => before[i] !== undefined && writeFileSync(new URL(`../${f}`, import.meta.url), before[i]));
  console.error(`Out of date: ${stale.join(', ')}. Run \`pnpm --filter @toile/widgets run analyze\` and commit the result.`);
  process.exit(1);
}
console.log(`custom-elements.json and types/jsx.d.ts are up to date (${JSON.parse(before[0]).modules.length} modules).`);
