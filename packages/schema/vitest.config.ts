import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the workspace-only `toile-source`
// export condition, so tests never run against a stale build.
export default defineConfig({
  resolve: { conditions: ['toile-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['toile-source', ...defaultServerConditions] } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
