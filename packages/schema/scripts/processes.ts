/**
 * The process vocabulary (`vocab/processes.json`) from its source table,
 * `vocab/source/processes.csv`: DIN 8580 main groups and groups plus Toile's own entries. The rows
 * are checked here — unique well-formed ids, parents listed before their children, a DIN group
 * under its own main group, both labels — so that a broken table never reaches the JSON.
 */

/** One row of the source table, as read by papaparse. */
export type ProcessRow = Record<string, string | undefined>;

interface Label {
  fr: string;
  en: string;
}

/** One entry of the generated vocabulary (the shape of `ProcessInfo` in src/processes.ts). */
export interface ProcessEntry {
  id: string;
  parent?: string;
  kind: 'manufacturing' | 'service';
  din8580?: string;
  label: Label;
  includes?: Label;
}

/** Note kept with the vocabulary: where it comes from and which level is shipped. */
export const PROCESSES_NOTE =
  "Manufacturing processes: the six main groups of DIN 8580 and their groups (the first two levels of its classification; group numbers and order as in the group structure of DIN 8580:2022-12, read from public secondary sources, not from the text of the standard). Sub-groups (turning, milling…) are not entries: they are named in `includes` as examples. French and English names are Toile's renderings of the German group names. Entries without the `din8580:` prefix are Toile's own: additive manufacturing (under primary shaping) and service processes (assembly, design, prototyping, testing, logistics, maintenance).";

const DIN_ID = /^din8580:([1-6])(?:\.([0-9]{1,2}))?$/;
const OWN_ID = /^[a-z][a-z0-9-]{1,40}(?::[a-z0-9-]{1,40})?$/;

function fail(row: ProcessRow, why: string): never {
  throw new Error(`processes.csv: ${why} in ${JSON.stringify(row)}`);
}

/** The parent a DIN id must have: its main group for a group, none for a main group. */
function dinParent(id: string): string | undefined {
  const m = DIN_ID.exec(id);
  return m?.[2] === undefined ? undefined : `din8580:${m[1]}`;
}

function label(row: ProcessRow, prefix: 'label' | 'includes'): Label | undefined {
  const fr = (row[`${prefix}_fr`] ?? '').trim();
  const en = (row[`${prefix}_en`] ?? '').trim();
  if (!fr && !en) return undefined;
  if (!fr || !en) fail(row, `${prefix} needs both French and English`);
  return { fr, en };
}

/** Checks one row against the entries read before it and returns its entry. */
function readRow(row: ProcessRow, known: ReadonlyMap<string, ProcessEntry>): ProcessEntry {
  const id = (row.id ?? '').trim();
  const parent = (row.parent ?? '').trim() || undefined;
  const din = DIN_ID.test(id);
  if (!din && (id.startsWith('din8580') || !OWN_ID.test(id))) fail(row, `bad id ${id}`);
  if (known.has(id)) fail(row, `repeated id ${id}`);
  if (parent !== undefined && !known.has(parent)) fail(row, `parent ${parent} not listed before`);
  if (din && parent !== dinParent(id)) fail(row, `a DIN 8580 entry sits under its own main group`);
  const names = label(row, 'label');
  if (!names) fail(row, 'missing label');
  const includes = label(row, 'includes');
  const root = parent === undefined ? id : parentRoot(parent, known);
  return {
    id,
    ...(parent ? { parent } : {}),
    kind: root.startsWith('din8580:') ? 'manufacturing' : 'service',
    ...(din ? { din8580: id.slice('din8580:'.length) } : {}),
    label: names,
    ...(includes ? { includes } : {}),
  };
}

function parentRoot(id: string, known: ReadonlyMap<string, ProcessEntry>): string {
  let at = known.get(id);
  while (at?.parent !== undefined) at = known.get(at.parent);
  return at?.id ?? id;
}

/** The vocabulary's entries, in table order; throws on the first bad row. */
export function parseProcesses(rows: readonly ProcessRow[]): ProcessEntry[] {
  const known = new Map<string, ProcessEntry>();
  for (const row of rows) {
    const entry = readRow(row, known);
    known.set(entry.id, entry);
  }
  const mainGroups = [...known.values()].filter((p) => p.din8580 && !p.parent).map((p) => p.din8580);
  if (mainGroups.join() !== '1,2,3,4,5,6') throw new Error(`processes.csv: the six DIN 8580 main groups, in order, not ${mainGroups.join()}`);
  return [...known.values()];
}
