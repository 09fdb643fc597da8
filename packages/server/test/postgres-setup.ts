/**
 * Vitest global set-up of the `postgres` project: starts a throwaway PostgreSQL cluster on a free
 * local port (Debian's server, found by scripts/find-postgres.mjs), provides its URL to the tests,
 * and stops and removes it afterwards (@toile/testkit's postgres.ts). As root, the cluster runs as the
 * `postgres` user (initdb refuses root).
 */
import type { TestProject } from 'vitest/node';
// The subpath, not `@toile/testkit/node`: a global set-up resolves packages without the workspace's
// `toile-source` condition, and this module needs nothing of the SDK.
import { startPostgresCluster } from '@toile/testkit/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
