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
import { fastValidators, fullValidators, type ToileDocument } from '@toile/schema';
import { rememberFlowEnds } from '../graph/flow-ends.ts';
import { readLevels } from './levels.ts';
import { applySchemaErrors } from './schema-errors.ts';
import { checkSemantics, type FlowEnds } from './semantic.ts';
import { isRecord, ProblemList, RECORD_LISTS, removeFromWork, startWorkingCopy, type Json, type JsonRecord, type WorkingCopy } from './working-copy.ts';
import type { MessageParams } from './messages.ts';

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
  const { work, ends } = validateWorkingCopy(input as JsonRecord, problems);
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

/**
 * The checks of {@link validateToile} on an object, leaving the working copy: its record lists stay
 * parallel to the input (`undefined` for a record set aside, a copy for a record that lost a value).
 * The columnar validation runs it on windows of rows and reads each row's fate from it.
 */
export function validateWorkingCopy(input: JsonRecord, problems: ProblemList): { work: WorkingCopy; ends: FlowEnds } {
  const document = readLevels(input, problems);
  const work = startWorkingCopy(document);
  if (!fastValidators.validateDocument(document)) {
    fullValidators.validateDocument(document);
    applySchemaErrors(work, fullValidators.validateDocument.errors ?? [], problems);
  }
  const ends = checkSemantics(work, problems);
  checkExtensionDepth(work, problems);
  return { work, ends };
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
