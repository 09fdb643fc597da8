import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the workspace-only `toile-source`
// export condition, so tests never run against a stale build.
export default defineConfig({
  resolve: { conditions: ['toile-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['toile-source', ...defaultServerConditions] } },
  // Includes sdk/ (the task scripts, run with tsx) and test/ (packing and installing the packages).
  test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 60_000 },
});
