/**
 * Named national queries of `toile sql`: the same definitions as the SDK's analyses, written in
 * SQL over the Parquet tables of many territories at once (views `establishments`, `flows`,
 * `resources`, `capabilities`, each with a `territory` column, and `units`).
 *
 * - `anchoring` = `localAnchoring(...).territory` with active flows (the `stats` default).
 * - `missing-links` = `findGaps` (missing inputs and exported outputs, active flows), without its
 *   quantity, counterparts and resources columns.
 * - `single-supplier` = `criticalDependencies` entries (threshold 0.3 by default), all territories
 *   ranked together. One known difference: an input keyed by its label (`kind:<kind>:<label>`, a
 *   flow with neither code nor family) folds the label with DuckDB's `strip_accents` and `lower`,
 *   where the SDK uses `foldText`, which also spells out ligatures (`œ` → `oe`) and symbols.
 */

/** Names of the named queries. */
export const NAMED_QUERIES = ['anchoring', 'missing-links', 'single-supplier'] as const;

/** A named query of `toile sql --query`. */
export type NamedQuery = (typeof NAMED_QUERIES)[number];

/** Options of {@link namedQuerySql}. */
export interface NamedQueryOptions {
  /** `single-supplier`: share above which a single-supplier input is listed (default 0.3, as the SDK). */
  threshold?: number;
  /** At most this many rows (default all). */
  top?: number;
}

/** Indexed flows (both ends known establishments of the same territory) with their ends' sides, active only. */
const ACTIVE_FLOWS = `
  e AS (SELECT territory, id, coalesce(external, false) AS external FROM establishments),
  f AS (
    SELECT fl.*, s.external AS from_external, t.external AS to_external
    FROM flows fl
    JOIN e s ON s.territory = fl.territory AND s.id = fl."from"
    JOIN e t ON t.territory = fl.territory AND t.id = fl."to"
    WHERE coalesce(fl.status, 'active') = 'active'
  )`;

/** `code:…`, else `family:…` (the SDK's `itemKey`). */
const ITEM_KEY = `CASE WHEN f.code IS NOT NULL AND f.code <> '' THEN 'code:' || f.code WHEN f.family IS NOT NULL AND f.family <> '' THEN 'family:' || f.family END`;

const ANCHORING = `
WITH ${ACTIVE_FLOWS},
  c AS (
    SELECT f.territory, f.value_eur, f.quantity * u.factor AS mass,
      NOT f.from_external AND NOT f.to_external AS local
    FROM f LEFT JOIN units u ON u.unit = f.unit AND u.dimension = 'mass'
    WHERE f."from" <> f."to" AND NOT (f.from_external AND f.to_external)
  ),
  t AS (
    SELECT territory,
      count(*) FILTER (WHERE local) AS local_flows,
      count(*) FILTER (WHERE NOT local) AS external_flows,
      coalesce(sum(value_eur) FILTER (WHERE local), 0) AS local_value_eur,
      coalesce(sum(value_eur) FILTER (WHERE NOT local), 0) AS external_value_eur,
      coalesce(sum(mass) FILTER (WHERE local), 0) AS local_mass_t,
      coalesce(sum(mass) FILTER (WHERE NOT local), 0) AS external_mass_t
    FROM c GROUP BY territory
  )
SELECT territory.id AS territory,
  coalesce(local_flows, 0)::INTEGER AS local_flows, coalesce(external_flows, 0)::INTEGER AS external_flows,
  local_flows / nullif(local_flows + external_flows, 0) AS flows_local_share,
  local_value_eur, external_value_eur,
  local_value_eur / nullif(local_value_eur + external_value_eur, 0) AS value_local_share,
  local_mass_t, external_mass_t,
  local_mass_t / nullif(local_mass_t + external_mass_t, 0) AS mass_local_share
FROM territories territory LEFT JOIN t ON t.territory = territory.id
ORDER BY territory.id`;

const MISSING_LINKS = `
WITH ${ACTIVE_FLOWS},
  k AS (SELECT f.*, ${ITEM_KEY} AS key FROM f),
  local_keys AS (SELECT DISTINCT territory, key FROM k WHERE key IS NOT NULL AND NOT from_external AND NOT to_external),
  crossing AS (
    SELECT territory, 'input' AS side, key, "to" AS establishment, "from" AS partner, value_eur FROM k
    WHERE key IS NOT NULL AND NOT to_external AND from_external
    UNION ALL
    SELECT territory, 'output' AS side, key, "from" AS establishment, "to" AS partner, value_eur FROM k
    WHERE key IS NOT NULL AND NOT from_external AND to_external
  )
SELECT c.territory, c.side, c.key,
  count(DISTINCT c.establishment)::INTEGER AS establishments, count(DISTINCT c.partner)::INTEGER AS partners,
  count(*)::INTEGER AS flows, coalesce(sum(c.value_eur), 0) AS value_eur
FROM crossing c ANTI JOIN local_keys l ON l.territory = c.territory AND l.key = c.key
GROUP BY c.territory, c.side, c.key
ORDER BY c.territory, c.side, value_eur DESC, establishments DESC, c.key`;

/** The SDK's `inputKey`: item key, else the kind and the folded label. */
const INPUT_KEY = `coalesce(${ITEM_KEY}, 'kind:' || f.kind || CASE WHEN f.label IS NOT NULL AND f.label <> ''
  THEN ':' || trim(regexp_replace(lower(strip_accents(f.label)), '[^a-z0-9]+', ' ', 'g')) ELSE '' END)`;

const singleSupplier = (threshold: number) => `
WITH ${ACTIVE_FLOWS},
  i AS (SELECT f.*, ${INPUT_KEY} AS input FROM f WHERE NOT f.to_external),
  per_establishment AS (
    SELECT territory, "to" AS establishment, sum(value_eur) AS value_in, bool_and(value_eur IS NOT NULL) AS all_valued
    FROM i GROUP BY territory, "to"
  ),
  inputs AS (
    SELECT territory, "to" AS establishment, input, count(DISTINCT "from") AS suppliers, min("from") AS supplier,
      bool_or(from_external) AS supplier_external, sum(upstream) AS given, count(upstream) > 0 AS known,
      coalesce(sum(value_eur), 0) AS value, count(*)::INTEGER AS flows
    FROM i GROUP BY territory, "to", input
  ),
  shares AS (
    SELECT n.territory, n.establishment, n.input, n.supplier, n.supplier_external,
      least(1, CASE WHEN n.known THEN n.given ELSE n.value / p.value_in END) AS share,
      CASE WHEN n.known THEN 'given' ELSE 'value' END AS share_source, n.flows
    FROM inputs n JOIN per_establishment p ON p.territory = n.territory AND p.establishment = n.establishment
    WHERE n.suppliers = 1 AND (n.known OR (p.all_valued AND n.value > 0))
  )
SELECT * FROM shares WHERE share > ${threshold}
ORDER BY share DESC, territory, establishment, input`;

/** The SQL of a named query. */
export function namedQuerySql(name: NamedQuery, options: NamedQueryOptions = {}): string {
  const threshold = options.threshold ?? 0.3;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be in 0–1');
  const sql = name === 'anchoring' ? ANCHORING : name === 'missing-links' ? MISSING_LINKS : singleSupplier(threshold);
  const top = options.top;
  return top !== undefined && Number.isInteger(top) && top > 0 ? `SELECT * FROM (${sql}) LIMIT ${top}` : sql;
}
