/**
 * The working copy of a document under validation (record lists kept parallel to the input, records
 * set aside as `undefined`), the cuts made in it, and the capped list of problems found.
 */
import { semanticMessage, type MessageParams, type SemanticCode } from './messages.ts';
import type { Problem, Severity } from './validate.ts';

export type Json = unknown;
export type JsonRecord = Record<string, Json>;
export type RecordList = 'establishments' | 'flows' | 'resources';

export const RECORD_LISTS: readonly RecordList[] = ['establishments', 'flows', 'resources'];

/** Collects problems with a cap, keeping exact counts. */
export class ProblemList {
  readonly list: Problem[] = [];
  errors = 0;
  warnings = 0;
  constructor(private readonly max: number) {}
  add(problem: Problem): void {
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.list.length < this.max) this.list.push(problem);
  }
  semantic(pointer: string, severity: Severity, code: SemanticCode, params: MessageParams, action: Problem['action']): void {
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
export interface WorkingCopy {
  root: JsonRecord;
  lists: Record<RecordList, (JsonRecord | undefined)[]>;
  documentBroken: boolean;
}

export function startWorkingCopy(doc: JsonRecord): WorkingCopy {
  const lists = {} as Record<RecordList, (JsonRecord | undefined)[]>;
  for (const list of RECORD_LISTS) {
    const value = doc[list];
    lists[list] = Array.isArray(value) ? (value.slice() as (JsonRecord | undefined)[]) : [];
  }
  return { root: { ...doc }, lists, documentBroken: false };
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lists inside records whose items are removed by leaving a hole (`undefined`) instead of closing
 * the gap, so that later pointers still name the items as given (the semantic pass reports on them
 * by index, and a CSV import maps those indices back to rows). The capability pass fills the holes.
 */
export const HOLE_LISTS: ReadonlySet<string> = new Set(['capabilities', 'products', 'certifications']);

/** Copy of `value` without the value at `tokens` (copy-on-write along the path); `key` is the key `value` sits under. */
function withoutPath(value: Json, tokens: readonly string[], key?: string): Json {
  if (tokens.length === 0 || typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (rest.length === 0)
      return key !== undefined && HOLE_LISTS.has(key) ? value.map((v, i) => (i === index ? undefined : v)) : value.filter((_, i) => i !== index);
    return value.map((v, i) => (i === index ? withoutPath(v, rest) : v));
  }
  const record = value as JsonRecord;
  if (!Object.hasOwn(record, head)) return value;
  const copy: JsonRecord = { ...record };
  if (rest.length === 0) delete copy[head];
  else copy[head] = withoutPath(record[head], rest, head);
  return copy;
}

/** Cuts the value at `tokens` out of the working copy; reports what it did. */
export function removeFromWork(work: WorkingCopy, tokens: string[]): Problem['action'] {
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
    // A capability is a record of its own, inside its establishment.
    return inRecord.length === 2 && inRecord[0] === 'capabilities' ? 'record-removed' : 'value-removed';
  }
  work.root = withoutPath(work.root, tokens) as JsonRecord;
  return 'value-removed';
}

/** The value at `tokens` in the working copy (as given), or undefined. */
export function valueAt(work: WorkingCopy, tokens: readonly string[]): Json {
  const [list, index, ...rest] = tokens;
  let node: Json = work.lists[list as RecordList]?.[Number(index)];
  for (const t of rest) node = typeof node === 'object' && node !== null ? (node as JsonRecord)[t] : undefined;
  return node;
}
