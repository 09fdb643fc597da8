/**
 * The store's SQL, one statement per constant. Batches go as one array parameter per column,
 * expanded by `unnest`, so that writing 100,000 records is a handful of statements, not 100,000.
 * (Not `json_to_recordset` over one JSON parameter: PostgreSQL refuses the `\u0000` escape there,
 * and a record's text may hold one; `json` input of each value accepts it.)
 */

/** The territory's revision, locking its row until the transaction ends (writers of one territory take turns). */
export const LOCK_TERRITORY = 'SELECT revision FROM territories WHERE id = $1 FOR UPDATE';
/** The territory's revision (no lock). */
export const REVISION = 'SELECT revision FROM territories WHERE id = $1';
/** Every territory's id, in order. */
export const TERRITORY_IDS = 'SELECT id FROM territories ORDER BY id';
/** A territory's row: its header, `territory` and `meta` objects, and revision. */
export const TERRITORY = 'SELECT header, territory, meta, revision FROM territories WHERE id = $1';
/** A territory's records, kind by kind, in document order. */
export const RECORDS = 'SELECT kind, data FROM records WHERE territory_id = $1 ORDER BY kind, position, id';
/** The instant of a write, to the millisecond (the precision of ISO 8601 instants in the API). */
export const WRITE_INSTANT = "SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at";

/** A new territory's row, at revision 1. */
export const INSERT_TERRITORY = `INSERT INTO territories (id, header, territory, meta, revision) VALUES ($1, $2::json, $3::json, $4::json, 1)`;
/** A territory's new header, `territory` and `meta`, its revision bumped. */
export const UPDATE_TERRITORY = `UPDATE territories SET header = $2::json, territory = $3::json, meta = $4::json,
  revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING revision`;
/** A territory's revision bumped (its records changed, not its metadata). */
export const BUMP_REVISION = 'UPDATE territories SET revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING revision';

/** $2 kinds, $3 ids, $4 positions, $5 JSON texts. A record whose text is unchanged (only moved) keeps its version. */
export const UPSERT_RECORDS = `INSERT INTO records (territory_id, kind, id, position, data)
  SELECT $1, x.kind, x.id, x.position, x.data::json FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[]) AS x(kind, id, position, data)
  ON CONFLICT (territory_id, kind, id) DO UPDATE SET data = excluded.data, position = excluded.position,
    version = records.version + CASE WHEN records.data::text = excluded.data::text THEN 0 ELSE 1 END, updated_at = now()`;

/** $2 kinds, $3 ids. */
export const DELETE_RECORDS = `DELETE FROM records WHERE territory_id = $1
  AND (kind, id) IN (SELECT x.kind, x.id FROM unnest($2::text[], $3::text[]) AS x(kind, id))`;

/**
 * $2 kinds, $3 ids, $4 ops, $5 JSON texts before, $6 after (null: none), $7 comments, in order;
 * $8 actor, $9 origin, $10 the write's one instant (every entry of a write has the same time, so
 * that a past state never shows half a write).
 */
export const INSERT_CHANGES = `INSERT INTO changes (territory_id, kind, record_id, op, before, after, comment, actor, origin, at)
  SELECT $1, x.kind, x.id, x.op, x.before::json, x.after::json, x.comment, $8, $9, $10::timestamptz
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS x(kind, id, op, before, after, comment, n)
  ORDER BY x.n`;

/** The audit log of a territory, newest first, optionally of one record. $2 kind or null, $3 id or null, $4 origin or null, $5 limit, $6 before seq or null. */
export const HISTORY = `SELECT seq, kind, record_id, op, before, after, actor, origin, comment, at FROM changes
  WHERE territory_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR record_id = $3)
    AND ($4::text IS NULL OR origin = $4) AND ($6::bigint IS NULL OR seq < $6)
  ORDER BY seq DESC LIMIT $5`;

/** Every record as it stood at $2 (the last change at or before that instant, deletions dropped), in order of creation. */
export const STATE_AT = `SELECT kind, record_id, after FROM (
    SELECT kind, record_id, op, after,
      row_number() OVER (PARTITION BY kind, record_id ORDER BY seq DESC) AS latest,
      min(seq) OVER (PARTITION BY kind, record_id) AS created
    FROM changes WHERE territory_id = $1 AND at <= $2::timestamptz AND op <> 'reject'
  ) c WHERE latest = 1 AND op <> 'delete' ORDER BY kind, created`;
