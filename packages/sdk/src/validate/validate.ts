/**
 * Validation of Toile documents: structural (the precompiled JSON Schema validators of
 * @toile/schema, no `eval`) then semantic (what a schema cannot say). Bad data is reported, never
 * thrown: every problem has a JSON pointer, a severity, a machine code and a message in French and
 * English, and the result keeps every valid part of the document.
 *
 * What is kept: an invalid value of an optional property is removed from its record; a record whose
 * identity is broken (missing or invalid required property, duplicate id, unknown reference) is
 * set aside whole. Unknown properties are dropped with a warning. A publication level is never
 * dropped: a level written in French or in another case is read as its level, and any other value
 * becomes `confidential` (a dropped level would fall back to the default, `public`). The valid part
 * always has the document's shape (lists are lists, `meta` and `territory` objects), and no value
 * nests deeper than {@link MAX_DEPTH} levels.
 */
import {
  fastValidators,
  fullValidators,
  getEwcEntry,
  getUnit,
  isNafSubclass,
  KIND_DIMENSIONS,
  type ErrorObject,
  type Establishment,
  type Flow,
  type Resource,
  type ToileDocument,
} from '@toile/schema';
import jsonSchema from '@toile/schema/toile.schema.json' with { type: 'json' };
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { parsePointer, toPointer } from '../util/pointer.ts';
import { semanticMessage, type MessageParams, type SemanticCode } from './messages.ts';
import { isValidSiret } from './siret.ts';
import { rememberFlowEnds } from '../graph/flow-ends.ts';
import { isConfidentiality, isConfidentialityAlias, readConfidentiality } from '../publish/audience.ts';

/**
 * Deepest nesting kept in free extension data (`ext`), the only place the format allows any shape.
 * Deeper values are removed: copying or writing them would overflow the call stack.
 */
export const MAX_DEPTH = 64;

/** How serious a problem is: errors make a document invalid, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem found in a document. */
export interface Problem {
  /** JSON pointer (RFC 6901) to the value at fault, in the document as given. */
  pointer: string;
  severity: Severity;
  /** Machine code: `schema-<keyword>` for structural problems, or a semantic code (`duplicate-id`…). */
  code: string;
  message: { fr: string; en: string };
  /** Values the message speaks of (the offending id, the limit…). */
  params?: MessageParams;
  /**
   * What validation did about it: kept as is, replaced the value (a publication level read as the
   * level it stands for), removed the value, or set the whole record aside.
   */
  action?: 'kept' | 'value-replaced' | 'value-removed' | 'record-removed';
  /** Place in a CSV package, for problems found while importing one. */
  location?: ProblemLocation;
}

/** File, spreadsheet row (header = row 1) and column of a problem in a CSV package. */
export interface ProblemLocation {
  file: string;
  row?: number;
  column?: string;
}

/** Options of {@link validateToile}. */
export interface ValidateOptions {
  /** At most this many problems are listed (counts stay exact). Default 1000. */
  maxProblems?: number;
}

/** Counts of records set aside, per list. */
export interface RemovedCounts {
  establishments: number;
  flows: number;
  resources: number;
}

/** The outcome of {@link validateToile}. */
export interface ValidationResult {
  /** True when no problem is an error. */
  valid: boolean;
  /**
   * The valid part of the document: every record and value that passed, ready to use. Null only
   * when the input is not an object at all. When `valid` is false because of a document-level
   * problem (missing `meta`, say), this is the best effort and may not match the schema.
   */
  data: ToileDocument | null;
  problems: Problem[];
  errors: number;
  warnings: number;
  /** True when more problems were found than listed. */
  truncated: boolean;
  removed: RemovedCounts;
}

type Json = unknown;
type JsonRecord = Record<string, Json>;
type RecordList = 'establishments' | 'flows' | 'resources';

const RECORD_LISTS: readonly RecordList[] = ['establishments', 'flows', 'resources'];
/** Arrays whose elements can be removed one by one without changing the meaning of the rest. */
const REMOVABLE_ITEM_ARRAYS = new Set(['establishments', 'flows', 'resources', 'sectors', 'sources', 'communes', 'scenarios']);

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
}
const DEFS = (jsonSchema as unknown as { $defs: Record<string, SchemaNode> }).$defs;

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 16; guard++) n = DEFS[n.$ref.slice('#/$defs/'.length)];
  return n;
}

/** Collects problems with a cap, keeping exact counts. */
class ProblemList {
  readonly list: Problem[] = [];
  errors = 0;
  warnings = 0;
  constructor(private readonly max: number) {}
  add(problem: Problem): void {
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.list.length < this.max) this.list.push(problem);
  }
  semantic(
    pointer: string,
    severity: Severity,
    code: SemanticCode,
    params: MessageParams,
    action: Problem['action'],
  ): void {
    // Build the message only when it will be listed: large broken files stay fast.
    if (this.list.length >= this.max) {
      this.add({ pointer, severity, code, message: { fr: '', en: '' } });
      return;
    }
    this.add({ pointer, severity, code, message: semanticMessage(code, params), params, ...(action ? { action } : {}) });
  }
  /** How many more problems can be listed. */
  get room(): number {
    return Math.max(0, this.max - this.list.length);
  }
  get total(): number {
    return this.errors + this.warnings;
  }
}

/**
 * The working copy of a document: each record list is kept parallel to the input (same indices, so
 * that pointers name the place in the document as given), with `undefined` for records set aside.
 */
interface WorkingCopy {
  root: JsonRecord;
  lists: Record<RecordList, (JsonRecord | undefined)[]>;
  documentBroken: boolean;
}

/**
 * Validates a Toile document and returns its valid part with every problem found.
 *
 * @example
 * ```ts
 * const { valid, data, problems } = validateToile(JSON.parse(text));
 * for (const p of problems) console.log(p.severity, p.pointer, p.message.en);
 * ```
 */
export function validateToile(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const problems = new ProblemList(options.maxProblems ?? 1000);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.semantic('', 'error', 'not-an-object', {}, undefined);
    return finish(null, problems, { establishments: 0, flows: 0, resources: 0 });
  }
  const document = readLevels(input as JsonRecord, problems);
  const work = startWorkingCopy(document);
  if (!fastValidators.validateDocument(document)) {
    fullValidators.validateDocument(document);
    applySchemaErrors(work, fullValidators.validateDocument.errors ?? [], problems);
  }
  const ends = checkSemantics(work, problems);
  checkExtensionDepth(work, problems);
  const removed: RemovedCounts = { establishments: 0, flows: 0, resources: 0 };
  const root: JsonRecord = { ...work.root };
  for (const list of RECORD_LISTS) {
    if (!Array.isArray(work.root[list])) {
      // Reported by the schema; what is handed on keeps the document's shape all the same.
      if (list === 'resources') delete root[list];
      else root[list] = [];
      continue;
    }
    const kept = work.lists[list].filter((r): r is JsonRecord => r !== undefined);
    removed[list] = work.lists[list].length - kept.length;
    root[list] = kept;
  }
  for (const key of ['meta', 'territory'] as const) if (!isRecord(root[key])) root[key] = {};
  const data = root as unknown as ToileDocument;
  rememberFlowEnds(data, keptEnds(work, ends));
  return finish(data, problems, removed);
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads every publication level before the schema sees it: a level the schema would refuse must
 * not be removed (the record would fall back to `public`). French words and case variants become
 * their level; anything else becomes `confidential`. Returns the input itself when nothing changed,
 * else a copy that shares every untouched record.
 */
function readLevels(input: JsonRecord, problems: ProblemList): JsonRecord {
  let out = input;
  for (const list of RECORD_LISTS) {
    const records = input[list];
    if (!Array.isArray(records)) continue;
    let copy: Json[] | undefined;
    for (let i = 0; i < records.length; i++) {
      const record: Json = records[i];
      if (!isRecord(record) || !Object.hasOwn(record, 'confidentiality')) continue;
      const value = record.confidentiality;
      if (isConfidentiality(value)) continue;
      const level = readConfidentiality(value === undefined ? null : value);
      const code = isConfidentialityAlias(value) ? 'confidentiality-alias' : 'unknown-confidentiality';
      const shown = typeof value === 'string' ? value : String(JSON.stringify(value));
      problems.semantic(`/${list}/${i}/confidentiality`, 'warning', code, { value: shown, level }, 'value-replaced');
      copy ??= records.slice();
      copy[i] = { ...record, confidentiality: level };
    }
    if (copy) {
      if (out === input) out = { ...input };
      out[list] = copy;
    }
  }
  return out;
}

/** True when `value` nests more than `max` levels of objects or arrays (iterative). */
function nestsDeeperThan(value: Json, max: number): boolean {
  const stack: { v: Json; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Removes `ext` values that nest too deeply (the schema lets `ext` hold anything). */
function checkExtensionDepth(work: WorkingCopy, problems: ProblemList): void {
  for (const list of RECORD_LISTS) {
    const records = work.lists[list];
    for (let i = 0; i < records.length; i++) {
      const ext = records[i]?.ext;
      if (ext === undefined || !nestsDeeperThan(ext, MAX_DEPTH)) continue;
      problems.semantic(`/${list}/${i}/ext`, 'error', 'too-deep', { max: MAX_DEPTH }, 'value-removed');
      removeFromWork(work, [list, String(i), 'ext']);
    }
  }
  for (const key of ['meta', 'territory']) {
    const holder = work.root[key];
    if (!isRecord(holder) || holder.ext === undefined || !nestsDeeperThan(holder.ext, MAX_DEPTH)) continue;
    problems.semantic(`/${key}/ext`, 'error', 'too-deep', { max: MAX_DEPTH }, 'value-removed');
    removeFromWork(work, [key, 'ext']);
  }
}

/** Flow ends renumbered to the kept establishments and flows, for buildIndex. */
function keptEnds(work: WorkingCopy, ends: FlowEnds): { from: Int32Array; to: Int32Array } {
  const establishments = work.lists.establishments;
  let renumber: Int32Array | undefined;
  if (establishments.includes(undefined)) {
    renumber = new Int32Array(establishments.length);
    let next = 0;
    for (let i = 0; i < establishments.length; i++) renumber[i] = establishments[i] ? next++ : -1;
  }
  const flows = work.lists.flows;
  const allKept = !flows.includes(undefined);
  const from = allKept ? ends.from : new Int32Array(flows.length);
  const to = allKept ? ends.to : new Int32Array(flows.length);
  let k = 0;
  for (let i = 0; i < flows.length; i++) {
    if (!flows[i]) continue;
    from[k] = renumber ? renumber[ends.from[i]!]! : ends.from[i]!;
    to[k] = renumber ? renumber[ends.to[i]!]! : ends.to[i]!;
    k++;
  }
  return { from: from.subarray(0, k), to: to.subarray(0, k) };
}

function finish(data: ToileDocument | null, problems: ProblemList, removed: RemovedCounts): ValidationResult {
  const truncated = problems.total > problems.list.length;
  return {
    valid: problems.errors === 0,
    data,
    problems: problems.list,
    errors: problems.errors,
    warnings: problems.warnings,
    truncated,
    removed,
  };
}

function startWorkingCopy(doc: JsonRecord): WorkingCopy {
  const lists = {} as Record<RecordList, (JsonRecord | undefined)[]>;
  for (const list of RECORD_LISTS) {
    const value = doc[list];
    lists[list] = Array.isArray(value) ? (value.slice() as (JsonRecord | undefined)[]) : [];
  }
  return { root: { ...doc }, lists, documentBroken: false };
}

// ------------------------------------------------------------------------------------ schema errors

/**
 * Where to cut for a schema error at `tokens`: the deepest value whose removal leaves its parent
 * valid — an optional property, or an element of a list of independent items. Returns the tokens of
 * that value, or null when nothing can be cut (the document itself is broken there).
 */
function removalTarget(tokens: string[]): string[] | null {
  const nodes: (SchemaNode | undefined)[] = [deref(DEFS.ToileDocument)];
  for (let i = 0; i < tokens.length; i++) {
    const parent = nodes[i];
    const token = tokens[i] as string;
    nodes.push(deref(/^[0-9]+$/.test(token) && parent?.items ? parent.items : parent?.properties?.[token]));
  }
  for (let i = tokens.length - 1; i >= 0; i--) {
    const parent = nodes[i];
    const token = tokens[i] as string;
    if (!parent) continue;
    if (/^[0-9]+$/.test(token) && parent.items) {
      if (REMOVABLE_ITEM_ARRAYS.has(tokens[i - 1] ?? '')) return tokens.slice(0, i + 1);
    } else if (!(parent.required ?? []).includes(token)) {
      return tokens.slice(0, i + 1);
    }
  }
  return null;
}

/** Copy of `value` without the value at `tokens` (copy-on-write along the path). */
function withoutPath(value: Json, tokens: readonly string[]): Json {
  if (tokens.length === 0 || typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (rest.length === 0) return value.filter((_, i) => i !== index);
    return value.map((v, i) => (i === index ? withoutPath(v, rest) : v));
  }
  const record = value as JsonRecord;
  if (!Object.hasOwn(record, head)) return value;
  const copy: JsonRecord = { ...record };
  if (rest.length === 0) delete copy[head];
  else copy[head] = withoutPath(record[head], rest);
  return copy;
}

/** Cuts the value at `tokens` out of the working copy; reports what it did. */
function removeFromWork(work: WorkingCopy, tokens: string[]): Problem['action'] {
  const [top, index, ...inRecord] = tokens;
  if (top && RECORD_LISTS.includes(top as RecordList) && index !== undefined) {
    const list = work.lists[top as RecordList];
    const i = Number(index);
    if (inRecord.length === 0) {
      list[i] = undefined;
      return 'record-removed';
    }
    const record = list[i];
    if (record) list[i] = withoutPath(record, inRecord) as JsonRecord;
    return 'value-removed';
  }
  work.root = withoutPath(work.root, tokens) as JsonRecord;
  return 'value-removed';
}

/** Orders paths so that cutting one never shifts another: deeper and later elements first. */
function compareForRemoval(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return ny - nx;
    return x < y ? 1 : -1;
  }
  return b.length - a.length;
}

/**
 * The hint for a code a spreadsheet mangles (it drops leading zeros and writes long numbers in
 * scientific notation), from the pointer of a value that failed its pattern.
 */
function spreadsheetCode(tokens: readonly string[]): SemanticCode | undefined {
  if (tokens[0] !== 'establishments') return undefined;
  if (tokens.length === 3 && tokens[2] === 'siret') return 'siret-format';
  if (tokens.length === 4 && tokens[2] === 'location' && tokens[3] === 'insee') return 'insee-format';
  return undefined;
}

/** The value at `tokens` in the working copy (as given), or undefined. */
function valueAt(work: WorkingCopy, tokens: readonly string[]): Json {
  const [list, index, ...rest] = tokens;
  let node: Json = work.lists[list as RecordList]?.[Number(index)];
  for (const t of rest) node = typeof node === 'object' && node !== null ? (node as JsonRecord)[t] : undefined;
  return node;
}

function applySchemaErrors(work: WorkingCopy, errors: readonly ErrorObject[], problems: ProblemList): void {
  // Messages in both languages for the errors that will be listed: ajv-i18n rewrites `message`
  // in place, so translate to French, keep the texts, then to English.
  const listed = errors.slice(0, problems.room);
  localizeFr(listed as never);
  const fr = listed.map((e) => e.message ?? '');
  localizeEn(listed as never);
  const cuts: { tokens: string[]; problem: Problem }[] = [];
  errors.forEach((error, n) => {
    let tokens = parsePointer(error.instancePath);
    let code = `schema-${error.keyword}`;
    let severity: Severity = 'error';
    const params: MessageParams = {};
    for (const [k, v] of Object.entries(error.params)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
      else if (Array.isArray(v)) params[k] = v.join(', ');
    }
    let message = { fr: fr[n] ?? error.message ?? '', en: error.message ?? '' };
    if (error.keyword === 'additionalProperties') {
      const property = String(error.params.additionalProperty);
      tokens = [...tokens, property];
      code = 'unknown-property';
      severity = 'warning';
      message = semanticMessage('unknown-property', { property });
    } else if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      message = { fr: `${message.fr} (« ${missing} »)`, en: `${message.en} ("${missing}")` };
    } else if (error.keyword === 'pattern' && spreadsheetCode(tokens)) {
      const hint = spreadsheetCode(tokens) as SemanticCode;
      code = hint;
      params.value = String(valueAt(work, tokens));
      message = semanticMessage(hint, params);
    } else if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
      const allowed = error.params.allowedValues.join(', ');
      message = { fr: `${message.fr} : ${allowed}`, en: `${message.en}: ${allowed}` };
    }
    const problem: Problem = { pointer: toPointer(tokens), severity, code, message, params, action: 'kept' };
    const target = removalTarget(tokens);
    if (target) cuts.push({ tokens: target, problem });
    else work.documentBroken = true;
    problems.add(problem);
  });
  cuts.sort((a, b) => compareForRemoval(a.tokens, b.tokens));
  for (const cut of cuts) cut.problem.action = removeFromWork(work, cut.tokens);
}

// ------------------------------------------------------------------------------- semantic checks

/** What the establishment pass learns, for the flow and resource passes. */
interface EstablishmentFacts {
  /** Original index of each kept establishment, by id. */
  index: Map<string, number>;
  /** Per original index: 1 when external. */
  external: Uint8Array;
  /** Per original index: 1 when closed. */
  closed: Uint8Array;
}

/** Ends of each kept flow, as original establishment indices (-1 for flows set aside). */
interface FlowEnds {
  from: Int32Array;
  to: Int32Array;
}

function checkSemantics(work: WorkingCopy, problems: ProblemList): FlowEnds {
  const meta = work.root.meta as { sources?: { id?: unknown }[] } | undefined;
  const sourceIds = new Set<string>();
  if (meta && Array.isArray(meta.sources)) {
    const seen = new Map<string, number>();
    meta.sources.forEach((s, i) => {
      if (typeof s?.id !== 'string') return;
      const first = seen.get(s.id);
      if (first !== undefined) {
        problems.semantic(`/meta/sources/${i}/id`, 'error', 'duplicate-id', { id: s.id, first: `/meta/sources/${first}` }, 'kept');
      } else seen.set(s.id, i);
      sourceIds.add(s.id);
    });
  }
  const facts = checkEstablishments(work, problems, sourceIds);
  const ends = checkFlows(work, problems, facts, sourceIds);
  checkResources(work, problems, facts.index, sourceIds);
  return ends;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+/i.test(value.trim());
}

/** Checks establishments; returns the id → index map of those kept. */
function checkEstablishments(work: WorkingCopy, problems: ProblemList, sourceIds: Set<string>): EstablishmentFacts {
  const list = work.lists.establishments;
  const index = new Map<string, number>();
  const external = new Uint8Array(list.length);
  const closed = new Uint8Array(list.length);
  const sirets = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as Establishment | undefined;
    if (!e) continue;
    const first = index.get(e.id);
    if (first !== undefined) {
      problems.semantic(`/establishments/${i}/id`, 'error', 'duplicate-id', { id: e.id, first: `/establishments/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    index.set(e.id, i);
    if (e.external === true) external[i] = 1;
    if (e.status === 'closed') closed[i] = 1;
    if (e.siret !== undefined) {
      if (!isValidSiret(e.siret)) {
        problems.semantic(`/establishments/${i}/siret`, 'error', 'invalid-siret', { value: e.siret }, 'value-removed');
        removeFromWork(work, ['establishments', String(i), 'siret']);
      } else {
        const other = sirets.get(e.siret);
        if (other !== undefined) {
          problems.semantic(`/establishments/${i}/siret`, 'warning', 'duplicate-siret', { value: e.siret, other }, 'kept');
        } else sirets.set(e.siret, e.id);
      }
    }
    if (e.naf !== undefined && !isNafSubclass(e.naf)) {
      problems.semantic(`/establishments/${i}/naf`, 'error', 'unknown-naf', { value: e.naf }, 'value-removed');
      removeFromWork(work, ['establishments', String(i), 'naf']);
    }
    if (e.website !== undefined && !isHttpUrl(e.website)) {
      problems.semantic(`/establishments/${i}/website`, 'warning', 'unsafe-url', { value: e.website }, 'kept');
    }
    const loc = e.location;
    if (loc?.postcode !== undefined && (loc.country === undefined || loc.country === 'FR') && loc.postcode.length !== 5) {
      problems.semantic(`/establishments/${i}/location/postcode`, 'warning', 'postcode-length', { value: loc.postcode, length: loc.postcode.length }, 'kept');
    }
    if (loc && (loc.lat === undefined) !== (loc.lon === undefined)) {
      problems.semantic(`/establishments/${i}/location`, 'warning', 'incomplete-coordinates', {}, 'kept');
    }
    if (e.sources) {
      e.sources.forEach((s, j) => {
        if (!sourceIds.has(s)) problems.semantic(`/establishments/${i}/sources/${j}`, 'warning', 'unknown-source', { id: s }, 'kept');
      });
    }
  }
  return { index, external, closed };
}

function checkItem(
  work: WorkingCopy,
  problems: ProblemList,
  list: 'flows' | 'resources',
  i: number,
  record: Flow | Resource,
  sourceIds: Set<string>,
): void {
  const item = record.item;
  if (item?.code?.startsWith('ewc:')) {
    const code = item.code.slice(4);
    const entry = getEwcEntry(code);
    if (!entry || entry.level !== 'entry') {
      problems.semantic(`/${list}/${i}/item/code`, 'error', 'unknown-ewc', { value: item.code }, 'value-removed');
      removeFromWork(work, [list, String(i), 'item', 'code']);
    } else if (item.family && entry.family && item.family !== entry.family) {
      problems.semantic(`/${list}/${i}/item/family`, 'warning', 'ewc-family-mismatch', { family: item.family, code: item.code, expected: entry.family }, 'kept');
    }
  } else if (item?.code?.startsWith('naf:') && item.code.length === 10 && !isNafSubclass(item.code.slice(4))) {
    problems.semantic(`/${list}/${i}/item/code`, 'error', 'unknown-naf', { value: item.code }, 'value-removed');
    removeFromWork(work, [list, String(i), 'item', 'code']);
  }
  const unit = record.quantity ? getUnit(record.quantity.unit) : undefined;
  if (unit && !(KIND_DIMENSIONS[record.kind] ?? []).includes(unit.dimension)) {
    problems.semantic(`/${list}/${i}/quantity/unit`, 'warning', 'unit-kind-mismatch', { unit: unit.id, dimension: unit.dimension, kind: record.kind }, 'kept');
  }
  record.sources?.forEach((id, j) => {
    if (!sourceIds.has(id)) problems.semantic(`/${list}/${i}/sources/${j}`, 'warning', 'unknown-source', { id }, 'kept');
  });
  if (record.source !== undefined && !sourceIds.has(record.source)) {
    problems.semantic(`/${list}/${i}/source`, 'warning', 'unknown-source', { id: record.source }, 'kept');
  }
}

function checkFlows(work: WorkingCopy, problems: ProblemList, facts: EstablishmentFacts, sourceIds: Set<string>): FlowEnds {
  // Hot loop at 500k flows: per-establishment facts live in typed arrays, not in the records.
  const list = work.lists.flows;
  const { index: establishments, external, closed } = facts;
  const seen = new Map<string, number>();
  const ends: FlowEnds = { from: new Int32Array(list.length).fill(-1), to: new Int32Array(list.length).fill(-1) };
  const upstream = new Float64Array(external.length);
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Flow | undefined;
    if (f === undefined) continue;
    const first = seen.get(f.id);
    if (first !== undefined) {
      problems.semantic(`/flows/${i}/id`, 'error', 'duplicate-id', { id: f.id, first: `/flows/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    seen.set(f.id, i);
    const from = establishments.get(f.from);
    const to = establishments.get(f.to);
    if (from === undefined || to === undefined) {
      if (from === undefined) problems.semantic(`/flows/${i}/from`, 'error', 'unknown-establishment', { id: f.from }, 'record-removed');
      if (to === undefined) problems.semantic(`/flows/${i}/to`, 'error', 'unknown-establishment', { id: f.to }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    if (from === to) {
      problems.semantic(`/flows/${i}/to`, 'error', 'self-loop', { id: f.from }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    ends.from[i] = from;
    ends.to[i] = to;
    if (f.item !== undefined || f.quantity !== undefined || f.source !== undefined || f.sources !== undefined) checkItem(work, problems, 'flows', i, f, sourceIds);
    if (external[from]! & external[to]!) problems.semantic(`/flows/${i}`, 'warning', 'external-flow', {}, 'kept');
    if (f.status === undefined || f.status === 'active') {
      if (closed[from]! | closed[to]!) {
        const id = closed[from] ? f.from : f.to;
        problems.semantic(`/flows/${i}`, 'warning', 'closed-establishment', { id }, 'kept');
      }
      const share = f.dependency?.upstream;
      if (share !== undefined) upstream[to]! += share;
    }
  }
  const estList = work.lists.establishments;
  for (let e = 0; e < upstream.length; e++) {
    const sum = upstream[e]!;
    // A little slack for shares written with two decimals.
    if (sum > 1 + 1e-9) {
      problems.semantic(`/establishments/${e}`, 'warning', 'upstream-sum', { id: String(estList[e]?.id), sum: Math.round(sum * 1000) / 1000 }, 'kept');
    }
  }
  return ends;
}

function checkResources(work: WorkingCopy, problems: ProblemList, establishments: Map<string, number>, sourceIds: Set<string>): void {
  const list = work.lists.resources;
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as Resource | undefined;
    if (!r) continue;
    const first = ids.get(r.id);
    if (first !== undefined) {
      problems.semantic(`/resources/${i}/id`, 'error', 'duplicate-id', { id: r.id, first: `/resources/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    if (!establishments.has(r.establishment)) {
      problems.semantic(`/resources/${i}/establishment`, 'error', 'unknown-establishment', { id: r.establishment }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    ids.set(r.id, i);
    checkItem(work, problems, 'resources', i, r, sourceIds);
  }
}
