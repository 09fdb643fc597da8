/**
 * Rows no rule can fault, found on the columns: `validateColumns` hands only the other rows to the
 * document validation (a few objects where something is odd, instead of a million), so a national
 * package is checked at the speed of its columns.
 *
 * Conservative by construction: a row is clean only when every value passes the JSON Schema keywords
 * of its property (read here from the format's own schema: `type`, `enum`, `pattern`, lengths,
 * bounds, list items) and every semantic rule of `validateToile` that can fire on it (SIRET checksum
 * and repeats, NAF and item codes, web site scheme, postcode length, coordinates in pairs, quantity
 * with its unit, unit fitting the kind, EWC family, known sources, references, loops, outside or
 * closed ends, repeated ids). A keyword this module does not know makes every value of that column
 * doubtful; resources and capabilities, rare and richer, always go to the document validation. A
 * doubtful row costs time, never a difference: the document validation has the last word on it
 * (tested against `validateToile` on broken territories).
 *
 * Hand-written because no schema library checks a column at a time: each distinct code is checked
 * once (a dictionary of 12 units for 5 million flows), each other value once per row.
 */
import jsonSchema from '@toile/schema/toile.schema.json' with { type: 'json' };
import { CSV_TABLES, getEwcEntry, getUnit, isNafSubclass, KIND_DIMENSIONS, type CsvColumn, type FlowKind } from '@toile/schema';
import { isHttpUrl } from '../validate/semantic.ts';
import { unknownCode } from '../validate/capabilities.ts';
import { isValidSiret } from '../validate/siret.ts';
import { cellString, cellValue, type Column, type TableColumns } from './columns.ts';
import { nodesOfDictionary } from './build-index.ts';
import { repeatedRows, StringIndex } from '../util/string-table.ts';

interface SchemaNode {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: SchemaNode;
  uniqueItems?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  [keyword: string]: unknown;
}

const DEFS = (jsonSchema as unknown as { $defs: Record<string, SchemaNode> }).$defs;
/** Keywords a value check below knows (the others make a column doubtful); words that say nothing of a value. */
const KNOWN = new Set(['$ref', 'type', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'items', 'uniqueItems', 'description', 'default']);

/** Words beside `$ref` that say nothing of a value. */
const ANNOTATIONS = new Set(['$ref', 'description', 'default']);
/** Keywords of an object schema the row checks know (`required` of a group: see groupsOf). */
const OBJECT_KNOWN = new Set(['type', 'description', 'default', 'required', 'additionalProperties', 'properties', '$ref']);

/** The schema a node refers to; undefined when a `$ref` has a constraining keyword beside it (not checked here). */
function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 16; guard++) {
    if (Object.keys(n).some((k) => !ANNOTATIONS.has(k))) return undefined;
    n = DEFS[n.$ref.slice('#/$defs/'.length)];
  }
  return n;
}

/** Whether the record's schema and every object on the way to a column use only keywords known here. */
function objectsKnown(table: 'establishments' | 'flows'): boolean {
  const record = table === 'establishments' ? 'Establishment' : 'Flow';
  const known = (node: SchemaNode | undefined) => node !== undefined && Object.keys(node).every((k) => OBJECT_KNOWN.has(k));
  if (!known(deref(DEFS[record]))) return false;
  return CSV_TABLES[table].every((c) => c.path.slice(0, -1).every((_, i) => known(propertyAt(record, c.path.slice(0, i + 1)))));
}

/** Length in code points, as JSON Schema counts it. */
const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A check of one value against a leaf schema, or undefined when the schema uses a keyword not known here. */
function valueCheck(node: SchemaNode | undefined): ((v: unknown) => boolean) | undefined {
  const n = deref(node);
  if (!n || Object.keys(n).some((k) => !KNOWN.has(k))) return undefined;
  const items = n.type === 'array' ? valueCheck(n.items) : undefined;
  if (n.type === 'array' && !items) return undefined;
  const pattern = n.pattern === undefined ? undefined : new RegExp(n.pattern, 'u');
  return (v) => {
    switch (n.type) {
      case 'string':
        if (typeof v !== 'string') return false;
        // UTF-16 length bounds the code points from above: count them only when it matters.
        if (n.minLength !== undefined && (v.length < n.minLength || (n.minLength > 1 && codePoints(v) < n.minLength))) return false;
        if (n.maxLength !== undefined && v.length > n.maxLength && codePoints(v) > n.maxLength) return false;
        if (pattern && !pattern.test(v)) return false;
        break;
      case 'number':
      case 'integer':
        if (typeof v !== 'number' || !Number.isFinite(v) || (n.type === 'integer' && !Number.isInteger(v))) return false;
        if ((n.minimum !== undefined && v < n.minimum) || (n.maximum !== undefined && v > n.maximum)) return false;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') return false;
        break;
      case 'array':
        if (!Array.isArray(v) || !v.every(items!)) return false;
        if (n.uniqueItems && new Set(v).size !== v.length) return false;
        break;
      default:
        return false;
    }
    return n.enum === undefined || n.enum.includes(v);
  };
}

/** The schema of a record's property at `path`. */
function propertyAt(record: string, path: readonly string[]): SchemaNode | undefined {
  let node = deref(DEFS[record]);
  for (const token of path) node = deref(node?.properties?.[token]);
  return node;
}

/** Semantic rules of `validateToile` on one value of a column (true: the value raises nothing). */
function semanticCheck(table: string, name: string, sources: ReadonlySet<string>): ((v: string) => boolean) | undefined {
  switch (`${table}.${name}`) {
    case 'establishments.siret':
      return isValidSiret;
    case 'establishments.naf':
      return isNafSubclass;
    case 'establishments.website':
      return isHttpUrl;
    case 'establishments.postcode':
      // No country column: the French length applies.
      return (v) => v.length === 5;
    case 'flows.code':
      return (v) => unknownCode(v) === undefined;
    case 'flows.source':
      return (v) => sources.has(v);
    default:
      return undefined;
  }
}

/**
 * Clears in `clean` each row whose value in `column` raises something (an absent value raises
 * something only when required). Into the rows' one array, not an array per column; a code column
 * whose every entry is fine costs nothing per row.
 */
function cleanValues(
  table: string,
  csv: CsvColumn,
  column: Column | undefined,
  clean: Uint8Array,
  sources: ReadonlySet<string>,
  checked: CheckedEntries,
): void {
  const rows = clean.length;
  const schema = propertyAt(table === 'establishments' ? 'Establishment' : 'Flow', csv.path);
  const check = valueCheck(schema);
  const semantic = semanticCheck(table, csv.name, sources);
  const ok = (v: unknown) => check !== undefined && check(v) && (semantic === undefined || semantic(v as string));
  const required = csv.required === true;
  if (!column) {
    if (required) clean.fill(0);
    return;
  }
  const absent = required ? 0 : 1;
  // Each column type read straight from its array (a generic cell reader per row costs more than the checks).
  switch (column.type) {
    case 'code': {
      // Keyed by the schema the property refers to: `from` and `to` are two properties, one `Id`.
      const rule = deref(schema);
      const byCode = entriesChecked(column.dictionary, absent, ok, semantic === undefined ? checked.get(rule) : undefined);
      if (semantic === undefined) checked.set(rule, { dictionary: column.dictionary, byCode });
      if (byCode.every((b) => b === 1)) return;
      const codes = column.codes;
      for (let r = 0; r < rows; r++) clean[r]! &= byCode[codes[r]!]!;
      return;
    }
    case 'number': {
      const values = column.values;
      const range = numberRange(schema);
      if (range && semantic === undefined) {
        // A bare range (the usual number column): compared here, not through a call per row.
        const { min, max, integer } = range;
        for (let r = 0; r < rows; r++) {
          const v = values[r]!;
          if (v !== v) clean[r]! &= absent;
          else if (!(v >= min && v <= max && v !== Infinity && v !== -Infinity && (!integer || Number.isInteger(v)))) clean[r] = 0;
        }
        return;
      }
      for (let r = 0; r < rows; r++) {
        const v = values[r]!;
        if (Number.isNaN(v) ? absent === 0 : !ok(v)) clean[r] = 0;
      }
      return;
    }
    case 'boolean': {
      const values = column.values;
      const byFlag = [absent, ok(false) ? 1 : 0, ok(true) ? 1 : 0];
      for (let r = 0; r < rows; r++) clean[r]! &= byFlag[values[r]!] ?? 0;
      return;
    }
    default: {
      const values = column.values;
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v === undefined ? absent === 0 : !ok(v)) clean[r] = 0;
      }
    }
  }
}

/** The verdicts on a code column's dictionary entries, by schema (see {@link entriesChecked}). */
type CheckedEntries = Map<SchemaNode | undefined, { dictionary: readonly string[]; byCode: Uint8Array }>;

/**
 * 1 or 0 for each code of a dictionary (code 0: `absent`). An entry that is the same string as in
 * the dictionary `before` checked by the same rule takes its verdict: the reference columns (flows'
 * `from` and `to`) start from the same establishment ids, one check of each is enough.
 */
function entriesChecked(
  dictionary: readonly string[],
  absent: number,
  ok: (v: unknown) => boolean,
  before?: { dictionary: readonly string[]; byCode: Uint8Array },
): Uint8Array {
  const byCode = new Uint8Array(dictionary.length + 1);
  byCode[0] = absent;
  for (let k = 0; k < dictionary.length; k++) {
    const word = dictionary[k]!;
    byCode[k + 1] = before !== undefined && before.dictionary[k] === word ? before.byCode[k + 1]! : ok(word) ? 1 : 0;
  }
  return byCode;
}

/**
 * The bounds of a number schema that says nothing else (type, minimum, maximum), as `valueCheck`
 * reads them; undefined for any other schema (its values go through `valueCheck`).
 */
function numberRange(node: SchemaNode | undefined): { min: number; max: number; integer: boolean } | undefined {
  const n = deref(node);
  if (!n || (n.type !== 'number' && n.type !== 'integer')) return undefined;
  if (Object.keys(n).some((k) => !['type', 'minimum', 'maximum', 'description', 'default'].includes(k))) return undefined;
  return { min: n.minimum ?? -Infinity, max: n.maximum ?? Infinity, integer: n.type === 'integer' };
}

/** Marks every row whose value is repeated (the first one too): the document validation reports repeats. */
function markRepeats(column: Column | undefined, rows: number, clean: Uint8Array, counts?: (v: string) => boolean): void {
  if (!column) return;
  if (column.type === 'code') {
    // Once per dictionary entry: whether it counts, and its first row (by the string, should a
    // hand-made dictionary hold one twice).
    const { dictionary, codes } = column;
    const same = new StringIndex(dictionary, dictionary.length);
    const canonical = new Int32Array(dictionary.length + 1).fill(-1);
    for (let c = 1; c <= dictionary.length; c++) {
      const word = dictionary[c - 1]!;
      if (counts && !counts(word)) continue;
      const earlier = same.firstOrAdd(word, c - 1);
      canonical[c] = earlier < 0 ? c : earlier + 1;
    }
    const first = new Int32Array(dictionary.length + 1).fill(-1);
    for (let r = 0; r < rows; r++) {
      const c = canonical[codes[r]!]!;
      if (c < 0) continue;
      const at = first[c]!;
      if (at < 0) first[c] = r;
      else clean[at] = clean[r] = 0;
    }
    return;
  }
  const values = column.type === 'text' ? column.values : Array.from({ length: rows }, (_, r) => cellString(column, r));
  const repeated = repeatedRows(values.length === rows ? values : Array.from({ length: rows }, (_, r) => values[r]), counts);
  if (repeated) for (let r = 0; r < rows; r++) if (repeated[r]) clean[r] = 0;
}

/** Objects whose properties come as a group: a present member needs the others the schema requires. */
function groupsOf(table: 'establishments' | 'flows'): { members: CsvColumn[]; required: CsvColumn[] }[] {
  const record = table === 'establishments' ? 'Establishment' : 'Flow';
  const byParent = new Map<string, CsvColumn[]>();
  for (const c of CSV_TABLES[table]) {
    if (c.path.length < 2) continue;
    const parent = c.path.slice(0, -1).join('/');
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  return [...byParent].map(([parent, members]) => {
    const required = propertyAt(record, parent.split('/'))?.required ?? [];
    return { members, required: members.filter((m) => required.includes(m.path.at(-1)!)) };
  });
}

/** Whether each table's object schemas are all known here (worked out once). */
const OBJECTS_KNOWN = { establishments: objectsKnown('establishments'), flows: objectsKnown('flows') };

const present = (column: Column | undefined, r: number) => column !== undefined && cellValue(column, r) !== undefined;

/** Sets `into[r]` to 1 for each row where the column has a value (in place: no array per member). */
function orPresence(column: Column | undefined, rows: number, into: Uint8Array): void {
  if (!column) return;
  switch (column.type) {
    case 'number':
      for (let r = 0; r < rows; r++) if (column.values[r] === column.values[r]) into[r] = 1;
      break;
    case 'boolean':
      for (let r = 0; r < rows; r++) if (column.values[r] !== 0) into[r] = 1;
      break;
    case 'code':
      for (let r = 0; r < rows; r++) if (column.codes[r] !== 0) into[r] = 1;
      break;
    default:
      for (let r = 0; r < rows; r++) if (column.values[r] !== undefined) into[r] = 1;
  }
}

/** Sets `clean[r]` to 0 for each row in `any` where the column has no value. */
function dropAbsent(column: Column | undefined, rows: number, any: Uint8Array, clean: Uint8Array): void {
  if (!column) {
    for (let r = 0; r < rows; r++) if (any[r]) clean[r] = 0;
    return;
  }
  switch (column.type) {
    case 'number':
      for (let r = 0; r < rows; r++) if (any[r] && column.values[r] !== column.values[r]) clean[r] = 0;
      break;
    case 'boolean':
      for (let r = 0; r < rows; r++) if (any[r] && column.values[r] === 0) clean[r] = 0;
      break;
    case 'code':
      for (let r = 0; r < rows; r++) if (any[r] && column.codes[r] === 0) clean[r] = 0;
      break;
    default:
      for (let r = 0; r < rows; r++) if (any[r] && column.values[r] === undefined) clean[r] = 0;
  }
}

/** Rows of `establishments` that raise nothing. */
export function cleanEstablishments(table: TableColumns, hasCapabilities: (row: number) => boolean): Uint8Array {
  const clean = cleanTable('establishments', table, new Set());
  const { rows, columns } = table;
  markRepeats(columns['id'], rows, clean);
  markRepeats(columns['siret'], rows, clean, isValidSiret);
  for (let r = 0; r < rows; r++) if (clean[r] && (hasCapabilities(r) || present(columns['lat'], r) !== present(columns['lon'], r))) clean[r] = 0;
  return clean;
}

/** Each column's rule and each group's completeness, row by row. */
function cleanTable(table: 'establishments' | 'flows', columns: TableColumns, sources: ReadonlySet<string>): Uint8Array {
  const { rows } = columns;
  // A keyword no row check knows (`anyOf`, `dependentRequired`…): every row is doubtful.
  if (!OBJECTS_KNOWN[table]) return new Uint8Array(rows);
  const clean = new Uint8Array(rows).fill(1);
  const checked: CheckedEntries = new Map();
  for (const csv of CSV_TABLES[table]) cleanValues(table, csv, columns.columns[csv.name], clean, sources, checked);
  for (const { members, required } of groupsOf(table)) {
    if (required.length === 0) continue;
    // Rows with a member of the group but not all its required members, column by column.
    const any = new Uint8Array(rows);
    for (const m of members) orPresence(columns.columns[m.name], rows, any);
    for (const m of required) dropAbsent(columns.columns[m.name], rows, any, clean);
  }
  return clean;
}

/** What the flow rules need of the (already checked) establishments. */
export interface KeptEstablishments {
  ids: readonly (string | undefined)[];
  /** Node of each id (the first row of an id written twice); made on first call (references that start from the ids never need it). */
  nodeOf: () => StringIndex;
  external: Uint8Array;
  closed: Uint8Array;
}

/** Rows of `flows` that raise nothing, given the establishments kept and the ids of the document's sources. */
export function cleanFlows(table: TableColumns, kept: KeptEstablishments, sources: ReadonlySet<string>): Uint8Array {
  const clean = cleanTable('flows', table, sources);
  const { rows, columns } = table;
  markRepeats(columns['id'], rows, clean);
  const from = columns['from'];
  const to = columns['to'];
  if (from?.type !== 'code' || to?.type !== 'code') return clean.fill(0);
  const fromNode = nodesOfDictionary(from.dictionary, kept.ids, kept.nodeOf);
  const toNode = nodesOfDictionary(to.dictionary, kept.ids, kept.nodeOf);
  const pairs = pairChecks(table);
  const status = columns['status'];
  for (let r = 0; r < rows; r++) {
    if (!clean[r]) continue;
    const s = fromNode[from.codes[r]!]!;
    const t = toNode[to.codes[r]!]!;
    const active = status === undefined || status.type !== 'code' || status.codes[r] === 0 || status.dictionary[status.codes[r]! - 1] === 'active';
    const outside = (kept.external[s]! & kept.external[t]!) === 1;
    const closed = active && (kept.closed[s]! | kept.closed[t]!) === 1;
    if (s < 0 || t < 0 || s === t || outside || closed || !pairs(r)) clean[r] = 0;
  }
  return clean;
}

/** The rules on two values of a flow: a unit that fits the kind, an EWC code in its family. */
function pairChecks(columns: TableColumns): (r: number) => boolean {
  const c = columns.columns;
  const unitFits = pairRule(c['unit'], c['kind'], (unit, kind) => unit === undefined || fits(unit, kind));
  const inFamily = pairRule(
    c['code'],
    c['family'],
    (code, family) => code === undefined || family === undefined || !code.startsWith('ewc:') || (getEwcEntry(code.slice(4))?.family ?? family) === family,
  );
  return (r) => unitFits(r) && inFamily(r);
}

/**
 * A rule on two cells of a row, worked out once per pair of values: by their codes when both
 * columns are dictionary-encoded (no string made per row), else by their text.
 */
function pairRule(a: Column | undefined, b: Column | undefined, rule: (x: string | undefined, y: string | undefined) => boolean): (r: number) => boolean {
  // A table of verdicts by pair of codes, when it stays small (vocabularies: units by kinds, codes by families).
  if (a?.type === 'code' && b?.type === 'code' && (a.dictionary.length + 1) * (b.dictionary.length + 1) <= 1 << 24) {
    const width = b.dictionary.length + 1;
    // 0 not worked out yet, 1 passes, 2 fails.
    const verdicts = new Uint8Array((a.dictionary.length + 1) * width);
    return (r) => {
      const x = a.codes[r]!;
      const y = b.codes[r]!;
      const at = x * width + y;
      let verdict = verdicts[at]!;
      if (verdict === 0) verdicts[at] = verdict = rule(x === 0 ? undefined : a.dictionary[x - 1], y === 0 ? undefined : b.dictionary[y - 1]) ? 1 : 2;
      return verdict === 1;
    };
  }
  const seen = new Map<string, boolean>();
  return (r) => {
    const x = cellString(a, r);
    const y = cellString(b, r);
    const key = JSON.stringify([x, y]);
    let ok = seen.get(key);
    if (ok === undefined) seen.set(key, (ok = rule(x, y)));
    return ok;
  };
}

function fits(unit: string, kind: string | undefined): boolean {
  const known = getUnit(unit);
  return !known || (KIND_DIMENSIONS[kind as FlowKind] ?? []).includes(known.dimension);
}
