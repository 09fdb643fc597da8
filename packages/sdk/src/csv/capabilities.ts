/**
 * The capabilities table of a CSV package. In a document, capabilities sit inside their
 * establishment (`establishments[].capabilities`); in a CSV package they have their own table,
 * `capabilities.csv`, one row each with its establishment's id in the `establishment` column.
 * Export flattens them into rows, import attaches the rows back to their establishments and puts
 * every problem found later at the file, row and column it comes from.
 */
import { CSV_TABLE_NAMES, CSV_TABLES, type CsvTableName, type ToileDocument } from '@toile/schema';
import type { Problem, ProblemLocation } from '../validate/validate.ts';
import type { CsvProblems, TableRead } from './import.ts';

const FILE = 'capabilities.csv';

/** True when at least one establishment lists a capability. */
export function hasCapabilities(doc: ToileDocument): boolean {
  return doc.establishments.some((e) => Array.isArray(e.capabilities) && e.capabilities.length > 0);
}

/**
 * The tables a package of this document has: `capabilities.csv` only when there are capabilities,
 * so that a package of a document without any is the same as before the table existed.
 */
export function csvTablesOf(doc: ToileDocument): CsvTableName[] {
  return CSV_TABLE_NAMES.filter((t) => t !== 'capabilities' || hasCapabilities(doc));
}

export { capabilityRows } from '../util/capability-rows.ts';

/** Where the capabilities attached to establishments came from. */
export interface AttachedCapabilities {
  /** Spreadsheet row of each attached capability, by index of its establishment record, in order. */
  rows: Map<number, number[]>;
}

/** Pointer prefix of a capability read from row `k` of the table, in the document it joined. */
type Placement = string | undefined;

/**
 * Attaches each row of `capabilities.csv` to the first establishment with its id (validation sets
 * later ones aside); a row whose establishment does not exist is an error at its `establishment`
 * cell and is not kept. Problems already found in the table (cells, levels) get the pointer of the
 * capability in the document, instead of the table's own numbering.
 */
export function attachCapabilities(establishments: Record<string, unknown>[], read: TableRead, problems: CsvProblems): AttachedCapabilities {
  const index = new Map<string, number>();
  establishments.forEach((e, i) => {
    if (typeof e.id === 'string' && !index.has(e.id)) index.set(e.id, i);
  });
  const rows = new Map<number, number[]>();
  const placements: Placement[] = read.records.map((record, k) => {
    const { establishment, ...capability } = record;
    const i = typeof establishment === 'string' ? index.get(establishment) : undefined;
    const row = read.rows[k] as number;
    if (i === undefined) {
      problems.add('unknown-establishment', 'error', { id: String(establishment ?? '') }, { file: FILE, row, column: 'establishment' });
      return undefined;
    }
    const owner = establishments[i]!;
    const list = (owner.capabilities ??= []) as unknown[];
    list.push(capability);
    const ownRows = rows.get(i) ?? [];
    ownRows.push(row);
    rows.set(i, ownRows);
    return `/establishments/${i}/capabilities/${list.length - 1}`;
  });
  for (const p of problems.list) repoint(p, placements);
  return { rows };
}

/** A table problem's pointer (`/capabilities/k/…`) turned into the capability's pointer in the document. */
function repoint(problem: Problem, placements: readonly Placement[]): void {
  if (problem.location?.file !== FILE) return;
  const m = /^\/capabilities\/([0-9]+)(\/.*)?$/.exec(problem.pointer);
  if (!m) return;
  const base = placements[Number(m[1])];
  problem.pointer = base === undefined ? '' : `${base}${m[2] ?? ''}`;
}

/**
 * The place in `capabilities.csv` of a validation problem about an attached capability:
 * `tokens` follow `/establishments/i` (`capabilities`, its index, then the path in it).
 */
export function capabilityLocation(attached: AttachedCapabilities, establishment: number, tokens: readonly string[]): ProblemLocation | undefined {
  if (tokens[0] !== 'capabilities' || tokens[1] === undefined) return undefined;
  const row = attached.rows.get(establishment)?.[Number(tokens[1])];
  if (row === undefined) return undefined;
  const inCapability = tokens.slice(2);
  const columns = CSV_TABLES.capabilities;
  // The column of the value, or of the value's part (`products/1` is in `products`).
  const column =
    columns.find((c) => c.path.every((t, n) => inCapability[n] === t)) ??
    (inCapability.length > 0 ? columns.find((c) => inCapability.every((t, n) => c.path[n] === t)) : undefined);
  return { file: FILE, row, ...(column ? { column: column.name } : {}) };
}
