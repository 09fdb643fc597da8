/** Writes every generated file of @toile/schema (see artifacts.ts). Run with `pnpm generate`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildArtifacts, PACKAGE_DIR } from './artifacts.ts';

const files = await buildArtifacts();
for (const [path, content] of files) {
  const target = join(PACKAGE_DIR, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path} (${content.length} bytes)`);
}
