/**
 * Vitest global set-up of the `postgres` project: starts a throwaway PostgreSQL cluster on a free
 * local port (Debian's server, found by scripts/find-postgres.mjs), provides its URL to the tests,
 * and stops and removes it afterwards (@toile/testkit's postgres.ts). As root, the cluster runs as the
 * `postgres` user (initdb refuses root).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '@toile/testkit/node';

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
