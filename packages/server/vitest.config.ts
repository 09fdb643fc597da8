import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the workspace-only `toile-source`
// export condition, so tests never run against a stale build.
//
// Two projects: every test on the embedded PostgreSQL (PGlite); the storage, declaration and
// moderation tests again on a real PostgreSQL server started for the run (test/postgres-setup.ts).
const POSTGRES_TESTS = ['test/store.test.ts', 'test/declarations.test.ts', 'test/declarations-safety.test.ts', 'test/concurrency.test.ts'];

export default defineConfig({
  resolve: { conditions: ['toile-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['toile-source', ...defaultServerConditions] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: ['test/**/*.test.ts'], env: { TOILE_TEST_ENGINE: 'pglite' } } },
      {
        extends: true,
        test: { name: 'postgres', include: POSTGRES_TESTS, globalSetup: ['test/postgres-setup.ts'], env: { TOILE_TEST_ENGINE: 'postgres' } },
      },
    ],
  },
});
