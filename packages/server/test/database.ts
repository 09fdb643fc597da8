/**
 * The database a test's server stores its territories in: a fresh PGlite folder in the `pglite`
 * project, a fresh database on the throwaway PostgreSQL server in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** True in the project that runs against a real PostgreSQL server. */
export const onPostgres = () => process.env.TOILE_TEST_ENGINE === 'postgres';

/** A `--db` value for a new, empty database. */
export async function testDatabase(): Promise<string> {
  if (!onPostgres()) return join(mkdtempSync(join(tmpdir(), 'toile-db-')), 'pglite');
  const admin = inject('postgresUrl');
  const name = `toile_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
