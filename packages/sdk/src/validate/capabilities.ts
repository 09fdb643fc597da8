/**
 * Checks of establishments' capabilities (`establishments[].capabilities`), what the schema cannot
 * say: capability ids unique in the document, a process the vocabulary knows, product codes that
 * exist (the rules of `item.code`), real calendar dates and a spare period that does not end
 * before it starts. Also names the schema's own errors on capabilities with their own codes, and
 * fills the holes the schema's cuts left in capability lists (see `HOLE_LISTS`).
 */
import { getEwcEntry, isNafSubclass, isProcessId, type Capability } from '@toile/schema';
import type { SemanticCode } from './messages.ts';
import { isRecord, type Json, type JsonRecord, type ProblemList, type WorkingCopy } from './working-copy.ts';

/**
 * The code of an item code the format's rules refuse though its pattern is right: an EWC code
 * that is not a six-digit entry of the list, a NAF sub-class that does not exist.
 */
export function unknownCode(code: string): 'unknown-ewc' | 'unknown-naf' | undefined {
  if (code.startsWith('ewc:')) {
    const entry = getEwcEntry(code.slice(4));
    return !entry || entry.level !== 'entry' ? 'unknown-ewc' : undefined;
  }
  if (code.startsWith('naf:') && code.length === 10 && !isNafSubclass(code.slice(4))) return 'unknown-naf';
  return undefined;
}

/**
 * The capability code of a schema error at `tokens` (`establishments/i/capabilities/j/…`), when it
 * has one: a process, product code, capacity unit, spare share or date the schema refused.
 */
export function capabilitySchemaCode(tokens: readonly string[], keyword: string): SemanticCode | undefined {
  if (tokens[0] !== 'establishments' || tokens[2] !== 'capabilities' || tokens.length < 5) return undefined;
  const at = tokens.slice(4).join('/');
  if (at === 'process') return 'unknown-process';
  if (/^products\/[0-9]+$/.test(at) && keyword !== 'type') return 'invalid-product-code';
  if (at === 'capacity/unit' && keyword === 'enum') return 'unknown-capacity-unit';
  if (at === 'spare/share' && (keyword === 'minimum' || keyword === 'maximum')) return 'spare-share-range';
  if ((at === 'spare/from' || at === 'spare/to') && keyword === 'pattern') return 'invalid-date';
  return undefined;
}

/** True for a `YYYY-MM-DD` that names a day of the calendar (not 2026-02-30). */
function isCalendarDate(value: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A list without the holes the schema's cuts left in it (the list itself when it has none). */
function filled<T>(list: readonly (T | undefined)[]): T[] {
  return list.includes(undefined) ? list.filter((x): x is T => x !== undefined) : (list as T[]);
}

/** The product codes kept: the well-formed ones whose code exists. */
function checkProducts(products: readonly (string | undefined)[], at: string, problems: ProblemList): string[] {
  const kept: string[] = [];
  products.forEach((code, k) => {
    if (code === undefined) return;
    const unknown = typeof code === 'string' ? unknownCode(code) : undefined;
    if (unknown) problems.semantic(`${at}/products/${k}`, 'error', unknown, { value: code }, 'value-removed');
    else kept.push(code);
  });
  return kept;
}

/** The spare capacity kept: dates that exist, and no period that ends before it starts. */
function checkSpare(spare: NonNullable<Capability['spare']>, at: string, problems: ProblemList): Capability['spare'] {
  const out = { ...spare };
  for (const end of ['from', 'to'] as const) {
    const date = out[end];
    if (date !== undefined && !isCalendarDate(date)) {
      problems.semantic(`${at}/spare/${end}`, 'error', 'invalid-date', { value: date }, 'value-removed');
      delete out[end];
    }
  }
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) {
    problems.semantic(`${at}/spare/to`, 'error', 'spare-period-reversed', { from: out.from, to: out.to }, 'value-removed');
    delete out.from;
    delete out.to;
  }
  return out;
}

/**
 * One capability checked: the capability to keep (a copy when a value was removed), or undefined
 * when it is set aside (its id is taken, its process unknown).
 */
function checkCapability(c: Capability, at: string, ids: Map<string, string>, problems: ProblemList): Capability | undefined {
  const first = ids.get(c.id);
  if (first !== undefined) {
    problems.semantic(`${at}/id`, 'error', 'duplicate-id', { id: c.id, first }, 'record-removed');
    return undefined;
  }
  ids.set(c.id, at);
  if (!isProcessId(c.process)) {
    problems.semantic(`${at}/process`, 'error', 'unknown-process', { value: c.process }, 'record-removed');
    return undefined;
  }
  let out = c;
  if (Array.isArray(c.products)) {
    const products = checkProducts(c.products, at, problems);
    if (products.length !== c.products.length) out = { ...out, products };
  }
  if (Array.isArray(c.certifications) && c.certifications.includes(undefined as never)) out = { ...out, certifications: filled(c.certifications) };
  if (isRecord(c.spare)) {
    const spare = checkSpare(c.spare, at, problems);
    if (spare?.from !== c.spare.from || spare?.to !== c.spare.to) out = { ...out, spare };
  }
  return out;
}

/**
 * Checks the capabilities of the kept establishment at index `i` of the working copy; `ids` holds
 * the capability ids seen so far in the document (id → pointer of the first).
 */
export function checkCapabilities(work: WorkingCopy, i: number, ids: Map<string, string>, problems: ProblemList): void {
  const list = work.lists.establishments;
  const record = list[i] as JsonRecord | undefined;
  const capabilities = record?.capabilities;
  if (!record || !Array.isArray(capabilities)) return;
  let changed = false;
  const kept: Json[] = [];
  capabilities.forEach((c: Json, j) => {
    const checked = isRecord(c) ? checkCapability(c as unknown as Capability, `/establishments/${i}/capabilities/${j}`, ids, problems) : undefined;
    if (checked === undefined || checked !== c) changed = true;
    if (checked) kept.push(checked);
  });
  if (changed) list[i] = { ...record, capabilities: kept };
}
