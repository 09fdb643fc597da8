import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Workspace packages resolve to their sources, so tests never run against a stale build.
const src = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@toile\/schema$/, replacement: src('schema/src/index.ts') },
      { find: /^@toile\/sdk$/, replacement: src('sdk/src/index.ts') },
      { find: /^@toile\/sdk\/(node|csv)$/, replacement: src('sdk/src/$1.ts') },
    ],
  },
  // Includes api-server/, sdk/ (the task scripts, run with tsx) and test/ (packing and installing the packages).
  test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 60_000 },
});
