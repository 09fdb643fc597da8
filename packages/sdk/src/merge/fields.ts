/**
 * Field-by-field merging of one record into another, with the conflicts it finds. Values are
 * compared as their JSON text; strings, booleans and finite numbers are compared directly, which
 * says the same and spares a `JSON.stringify` per field at 10⁵ merged records.
 */

/** A JSON object as the merge sees it. */
export type Json = Record<string, unknown>;

/** Receives a field on which two records disagree: the value kept and the other one. */
export type ConflictReport = (field: string, kept: unknown, other: unknown) => void;

/** The fields a merge leaves alone, none. */
export const NO_FIELDS: ReadonlySet<string> = new Set();

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array of objects that each have a string `id`. */
const isRecordList = (v: unknown): v is (Json & { id: string })[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.id === 'string');

const allStrings = (list: readonly unknown[]): boolean => {
  for (const v of list) if (typeof v !== 'string') return false;
  return true;
};

/** True when `a` and `b` have the same JSON text (`JSON.stringify(a) === JSON.stringify(b)`). */
export function sameJson(a: unknown, b: unknown): boolean {
  const type = typeof a;
  if (type === typeof b && (type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(a) && Number.isFinite(b)))) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `current` with the records of `incoming` whose id it lacks; a known id with other values is reported. */
function uniteById(current: (Json & { id: string })[], incoming: (Json & { id: string })[], field: string, report: ConflictReport) {
  const byId = new Map(current.map((r) => [r.id, r]));
  const united = [...current];
  for (const record of incoming) {
    const known = byId.get(record.id);
    if (!known) united.push(record);
    else if (!sameJson(known, record)) report(`${field}[${record.id}]`, known, record);
  }
  return united;
}

/**
 * Fills `target` with the fields of `incoming` it lacks; reports fields whose values differ.
 * Arrays of strings (sectors, sources) are united rather than compared; so are arrays of records
 * with an `id` (an establishment's capabilities), by id — one id with two different values is a
 * conflict at `capabilities[id]`, the first kept.
 */
export function mergeFields(target: Json, incoming: Json, path: string, report: ConflictReport, skip: ReadonlySet<string>): void {
  for (const key of Object.keys(incoming)) {
    const value = incoming[key];
    if (value === undefined || skip.has(key)) continue;
    const field = path ? `${path}.${key}` : key;
    const current = target[key];
    if (current === undefined) {
      target[key] = value;
    } else if (Array.isArray(current) && Array.isArray(value) && allStrings(current) && allStrings(value)) {
      target[key] = [...new Set([...(current as string[]), ...(value as string[])])];
    } else if (isRecordList(current) && isRecordList(value)) {
      target[key] = uniteById(current, value, field, report);
    } else if (isObject(current) && isObject(value) && key !== 'ext') {
      // Copy, then merge: the nested object may be shared with an input.
      const copy = { ...current };
      mergeFields(copy, value, field, report, NO_FIELDS);
      target[key] = copy;
    } else if (!sameJson(current, value)) {
      report(field, current, value);
    }
  }
}
