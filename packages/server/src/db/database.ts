/**
 * One small interface over the two PostgreSQL engines the server runs on, so that the store, its
 * migrations and its SQL are written once:
 *
 * - **PGlite** (`@electric-sql/pglite`), PostgreSQL compiled to WASM, in-process, file-backed under
 *   a data folder: the default, nothing to install;
 * - **a PostgreSQL server** through `pg` (node-postgres), with `--db postgres://…`.
 *
 * Both speak the same SQL (PGlite *is* PostgreSQL); only connecting and transactions differ.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * A value bound to a `$n` parameter; arrays go as PostgreSQL arrays (`$n::text[]`). JSON goes as
 * text with a `::json` cast in the SQL, so both drivers send the same thing.
 */
export type SqlValue = string | number | boolean | null | readonly (string | number | null)[];

/** What queries run on: the database itself, or one transaction. */
export interface Queryable {
  /** Runs one statement with `$1…$n` parameters; returns its rows. */
  query<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/** A PostgreSQL database (PGlite or a server). */
export interface Database extends Queryable {
  /** `pglite` (embedded) or `postgres` (a server). */
  readonly engine: 'pglite' | 'postgres';
  /** Where it lives, for logs: the PGlite folder, or the server URL without its password. */
  readonly location: string;
  /**
   * Runs `work` in one transaction (`READ COMMITTED`): committed when it resolves, rolled back when
   * it throws. Rows the work locks (`SELECT … FOR UPDATE`, `pg_advisory_xact_lock`) stay locked to
   * other transactions until then.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the connections (PGlite: flushes and closes its files). */
  close(): Promise<void>;
}

/** Opens (creating when missing) an embedded PostgreSQL in `folder`. */
export async function openPglite(folder: string): Promise<Database> {
  mkdirSync(folder, { recursive: true });
  const db = await PGlite.create(folder);
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    query: async <Row>(sql: string, params: readonly SqlValue[] = []) => (await q.query<Row>(sql, [...params])).rows,
  });
  return {
    engine: 'pglite',
    location: folder,
    ...wrap(db),
    // PGlite runs one transaction at a time (it is one single-user backend); others wait their turn.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

/** The URL with its password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Connects to a PostgreSQL server (`postgres://user:password@host:port/database`) through a pool. */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // Fail now, with the server's own message, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const query = async <Row>(client: Pick<pg.Pool, 'query'>, sql: string, params: readonly SqlValue[] = []) =>
    (await client.query(sql, [...params])).rows as Row[];
  return {
    engine: 'postgres',
    location: redactUrl(url),
    query: (sql, params) => query(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => query(client, sql, params) });
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A connection whose ROLLBACK failed is broken: destroyed rather than given back to the pool.
        const broken = await client.query('ROLLBACK').then(
          () => undefined,
          (rollback: unknown) => (rollback instanceof Error ? rollback : new Error(String(rollback))),
        );
        client.release(broken);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

/** True for a `postgres://` or `postgresql://` URL (anything else names a PGlite folder). */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** Opens the database a `--db` value names: a `postgres://` or `postgresql://` URL, else a PGlite folder. */
export function openDatabase(target: string): Promise<Database> {
  return isPostgresUrl(target) ? openPostgres(target) : openPglite(target);
}
