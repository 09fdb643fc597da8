/**
 * The database schema, as numbered migrations applied in order and recorded in `toile_migrations`.
 *
 * Written by hand rather than with a migration tool: the server must run the same migrations on
 * PGlite (in-process, no connection string) and on a PostgreSQL server, and the tools made for the
 * job (node-pg-migrate, postgrator) drive a `pg` client or a URL only. What they would add here —
 * ordering, a version table, one transaction per step, a lock against two servers migrating at
 * once — is the thirty lines of {@link migrate}.
 *
 * A migration is never edited once released: a change is a new one at the end of the list.
 */
import type { Database } from './database.ts';

/** One step of the schema. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'territories, records and their history',
    sql: `
      CREATE TABLE territories (
        id text PRIMARY KEY,
        -- "$schema" and "toile" of the document, its "territory" and "meta" objects, as written.
        header json NOT NULL,
        territory json NOT NULL,
        meta json NOT NULL,
        -- Bumped by every write, in the write's transaction: a reader's cache is fresh while it matches.
        revision bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row per establishment, flow and resource: two writers of two records never overwrite each other.
      -- "json", not "jsonb": a record is served as it was written, keys in its own order.
      CREATE TABLE records (
        territory_id text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('establishment', 'flow', 'resource')),
        id text NOT NULL,
        position bigint NOT NULL,
        data json NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (territory_id, kind, id)
      );
      CREATE INDEX records_order ON records (territory_id, kind, position);
      -- The audit log: every change of every record, kept for ever; "after" rebuilds any past state.
      CREATE TABLE changes (
        seq bigserial PRIMARY KEY,
        territory_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('territory', 'establishment', 'flow', 'resource')),
        record_id text NOT NULL,
        -- "reject": a moderator refused a declared record (the territory did not change; kept to tell every decision).
        op text NOT NULL CHECK (op IN ('create', 'update', 'delete', 'reject')),
        before json,
        after json,
        actor text NOT NULL,
        origin text,
        comment text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX changes_record ON changes (territory_id, kind, record_id, seq);
      CREATE INDEX changes_time ON changes (territory_id, at);
      -- Files of the served folder already imported, by content: an unchanged file is not imported again.
      CREATE TABLE imports (
        file text PRIMARY KEY,
        territory_id text NOT NULL,
        sha256 text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'invitations, declarations and moderation decisions',
    sql: `
      CREATE TABLE invitations (
        id text PRIMARY KEY,
        -- Only a digest of the token is kept: the token itself is shown once, when it is issued.
        token_sha256 text NOT NULL UNIQUE,
        territory_id text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
        establishment_id text,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE TABLE declarations (
        id text PRIMARY KEY,
        territory_id text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
        invitation_id text REFERENCES invitations (id),
        body json NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided')),
        -- SHA-256 of the sender's address, for the hourly limits of anonymous declarations.
        client_sha256 text,
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX declarations_queue ON declarations (territory_id, status, submitted_at);
      CREATE INDEX declarations_recent ON declarations (territory_id, submitted_at);
      CREATE TABLE decisions (
        declaration_id text NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('establishment', 'flow', 'resource')),
        record_id text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
        comment text,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (declaration_id, kind, record_id)
      );
    `,
  },
];

/** An arbitrary constant: the advisory lock two servers take so that only one migrates at a time. */
const MIGRATION_LOCK = 7_415_628_301;

/** Applies the migrations the database lacks, each in its own transaction; returns the versions applied. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // The lock first: two servers starting at once must not both create the version table.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(`CREATE TABLE IF NOT EXISTS toile_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const rows = await tx.query<{ version: number }>('SELECT version FROM toile_migrations WHERE version = $1', [migration.version]);
      if (rows.length) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO toile_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** The schema version of the database: the highest migration applied (0 for none). */
export async function schemaVersion(db: Database): Promise<number> {
  const rows = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM toile_migrations');
  return rows[0]?.version ?? 0;
}

/**
 * The statements of a migration, split on the `;` that end lines (prepared statements take one at
 * a time). Migrations here hold no function bodies or strings with `;` at a line's end.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}
