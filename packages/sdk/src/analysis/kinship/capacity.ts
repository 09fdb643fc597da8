/**
 * Spare capacity on offer (« capacités disponibles »): the capabilities of the territory's
 * establishments that declare an idle share, by process and period, each with the needs it could
 * serve — declared needs (resources) and inputs the territory buys only from outside.
 */
import { getProcess, PROCESS_IDS, type Quantity } from '@toile/schema';
import type { GraphIndex } from '../../graph/build-index.ts';
import { indexOf, recordsOf, type ToileData } from '../../columnar/records.ts';
import { compareStrings } from '../compare.ts';
import { findGaps, type GapResult } from '../gaps.ts';
import { normaliseLabel } from '../items.ts';
import type { ParsedItem } from '../items.ts';
import {
  CODE_MATCH_SCORES,
  codeIndexKeys,
  codeLookupKeys,
  codeMatch,
  parseCode,
  processMatch,
  PROCESS_MATCH_SCORES,
  type CodeMatch,
  type ProcessMatch,
} from './matches.ts';

/** Options of {@link spareCapacity}. */
export interface SpareOptions {
  index?: GraphIndex;
  /** The document's gaps, when already computed. */
  gaps?: GapResult;
  /** Keep only spare capacity available that day (`YYYY-MM-DD`). */
  on?: string;
  /** Outside partners' spare capacity too (default: only the territory's). */
  includeExternal?: boolean;
  /**
   * Keep only capabilities that meet this process as in `findMakers`: the process itself, a
   * narrower one, the group above it or a sibling group. An id the vocabulary does not know meets
   * only itself.
   */
  process?: string;
  /**
   * Keep only capabilities with a product that meets this code as in `findMakers`: the same code,
   * a code within it, a shared 6-, 4- or 2-character prefix. A value that is no `scheme:code` keeps nothing.
   */
  product?: string;
}

/** A need a spare capacity could serve. */
export interface ServedNeed {
  /** `need`: a declared need (resource); `missing-input`: an input the territory buys only from outside. */
  source: 'need' | 'missing-input';
  /** The resource id, or the missing input's key. */
  ref: string;
  /** Who needs it. */
  establishments: string[];
  code?: string;
  label?: string;
  /** How the need meets the capability: a code match with one of its products, or the process named. */
  match: CodeMatch | 'process';
  /** The capability's product that meets it. */
  product?: string;
}

/** One capability with spare capacity. */
export interface SpareOffer {
  establishment: string;
  capability: string;
  label?: string;
  process: string;
  /** Share of the capacity left idle, 0–1. */
  share: number;
  from?: string;
  to?: string;
  capacity?: Quantity;
  /** capacity × share, in the capacity's unit, when the capacity is given. */
  spare?: Quantity;
  products: string[];
  certifications: string[];
  serves: ServedNeed[];
  /**
   * With a `process` or `product` query: how the capability meets it (its strongest product for a
   * code), its strength ({@link CODE_MATCH_SCORES}, {@link PROCESS_MATCH_SCORES}) and what met it
   * (the capability's process, or that product).
   */
  match?: { match: CodeMatch | ProcessMatch; strength: number; detail: string };
}

/** The spare capacity of one process. */
export interface SpareByProcess {
  process: string;
  /** The process's names, undefined when the vocabulary does not know it. */
  label?: { fr: string; en: string };
  /** By start of the period (open first), then establishment. */
  offers: SpareOffer[];
  /** Spare amounts summed by unit. */
  totals: Quantity[];
}

/** Spare capacity by process. */
export interface SpareResult {
  /** In the order of the process vocabulary; unknown processes last. */
  processes: SpareByProcess[];
  offers: number;
  /** Needs and missing inputs at least one offer could serve. */
  servedNeeds: number;
}

/** A need, indexed by the code keys of its item. */
interface NeedEntry {
  need: Omit<ServedNeed, 'match' | 'product'>;
  parsed?: ParsedItem;
  /** Folded label, for needs that name a process. */
  folded?: string;
}

/** Declared needs of inside establishments and missing inputs, with an index by code key. */
function needIndex(data: ToileData, index: GraphIndex, gaps: GapResult) {
  const entries: NeedEntry[] = [];
  const records = recordsOf(data);
  for (let k = 0; k < records.resourceCount; k++) {
    if (records.resourceDirection(k) !== 'need') continue;
    const establishment = records.resourceEstablishment(k);
    const node = index.nodeOf.get(establishment);
    if (node === undefined || index.external[node]) continue;
    const item = records.resourceItem(k);
    const parsed = parseCode(item?.code);
    const need = {
      source: 'need' as const,
      ref: records.resourceId(k),
      establishments: [establishment],
      ...(item?.code ? { code: item.code } : {}),
      ...(item?.label ? { label: item.label } : {}),
    };
    entries.push({ need, ...(parsed ? { parsed } : {}), ...(!parsed && item?.label ? { folded: normaliseLabel(item.label) } : {}) });
  }
  for (const g of gaps.missingInputs) {
    const parsed = parseCode(g.code);
    if (!parsed) continue;
    entries.push({
      need: {
        source: 'missing-input',
        ref: g.key,
        establishments: g.establishments,
        code: g.code!,
        ...(g.label ? { label: g.label } : {}),
      },
      parsed,
    });
  }
  const byKey = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const k of e.parsed ? codeIndexKeys(e.parsed) : []) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  return { entries, byKey };
}

/** A process's names as a need's label may say them: its id, its French and English labels without their parentheses, folded. */
function processNames(process: string): string[] {
  const info = getProcess(process);
  const names = [process, info?.label.fr, info?.label.en].filter((x): x is string => x !== undefined);
  return [...new Set(names.map((n) => normaliseLabel(n.replace(/\([^)]*\)/g, ' '))).filter(Boolean))];
}

/** The needs one capability could serve: a product sharing at least 4 characters with the need's code, or a need whose label names the process (`Plateau technique de soudage` for welding). */
function servedBy(needs: ReturnType<typeof needIndex>, owner: string, process: string, products: readonly string[]): ServedNeed[] {
  const best = new Map<number, ServedNeed>();
  for (const product of products) {
    const declared = parseCode(product);
    if (!declared) continue;
    for (const key of codeLookupKeys(declared)) {
      for (const i of needs.byKey.get(key) ?? []) {
        const e = needs.entries[i]!;
        const match = codeMatch(e.parsed!, declared);
        if (!match || CODE_MATCH_SCORES[match] < CODE_MATCH_SCORES['code-prefix-4'] || e.need.establishments.every((x) => x === owner)) continue;
        const old = best.get(i);
        if (!old || CODE_MATCH_SCORES[match] > CODE_MATCH_SCORES[old.match as CodeMatch]) best.set(i, { ...e.need, match, product });
      }
    }
  }
  const names = processNames(process);
  needs.entries.forEach((e, i) => {
    if (!e.folded || best.has(i) || e.need.establishments.every((x) => x === owner)) return;
    if (names.some((name) => ` ${e.folded} `.includes(` ${name} `))) best.set(i, { ...e.need, match: 'process' });
  });
  return [...best.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

/** How a capability meets the query of the options. */
type QueryMatch = NonNullable<SpareOffer['match']>;

/** The query of the options as a test of one capability: its match, null when it does not meet it; undefined when there is no query (everything is kept). */
function queryMatcher(options: SpareOptions): ((process: string, products: readonly string[]) => QueryMatch | null) | undefined {
  const asked = options.process;
  if (asked !== undefined) {
    return (process) => {
      const match = processMatch(asked, process);
      return match ? { match, strength: PROCESS_MATCH_SCORES[match], detail: process } : null;
    };
  }
  if (options.product === undefined) return undefined;
  const code = parseCode(options.product);
  return (_process, products) => {
    let best: QueryMatch | null = null;
    for (const product of products) {
      const declared = parseCode(product);
      const match = code && declared ? codeMatch(code, declared) : undefined;
      if (match && (!best || CODE_MATCH_SCORES[match] > best.strength)) best = { match, strength: CODE_MATCH_SCORES[match], detail: product };
    }
    return best;
  };
}

/** True when the period contains `on` (ISO dates compare as text). */
function available(spare: { from?: string; to?: string }, on: string | undefined): boolean {
  return on === undefined || ((spare.from === undefined || spare.from <= on) && (spare.to === undefined || on <= spare.to));
}

/** Spare amounts summed by unit, in the order units are met. */
function totalsOf(offers: readonly SpareOffer[]): Quantity[] {
  const sums = new Map<string, number>();
  for (const o of offers) if (o.spare) sums.set(o.spare.unit, (sums.get(o.spare.unit) ?? 0) + o.spare.value);
  return [...sums].map(([unit, value]) => ({ value: Math.round(value * 1000) / 1000, unit }) as Quantity);
}

/**
 * Every capability of the territory's establishments with a spare share above 0 (available `on`
 * that day, when given; meeting the `process` or `product` asked for, when given), grouped by
 * process, each with the declared needs and missing inputs (`findGaps`) it could serve: a product
 * sharing at least 4 characters of the need's code, or a need whose label names the process.
 * O(capabilities × products + needs). The document is read as given.
 */
export function spareCapacity(doc: ToileData, options: SpareOptions = {}): SpareResult {
  const index = options.index ?? indexOf(doc);
  const records = recordsOf(doc);
  const needs = needIndex(doc, index, options.gaps ?? findGaps(doc, { index }));
  const byProcess = new Map<string, SpareOffer[]>();
  const served = new Set<string>();
  const meets = queryMatcher(options);
  for (let v = 0; v < records.establishmentCount; v++) {
    // Inside or outside as the index reads it, as for the needs (`needIndex`).
    if (index.external[v] && !options.includeExternal) continue;
    const id = records.establishmentId(v);
    for (const c of records.establishmentCapabilities(v) ?? []) {
      if (typeof c?.process !== 'string' || !(c.spare?.share !== undefined && c.spare.share > 0) || !available(c.spare, options.on)) continue;
      const products = (c.products ?? []).filter((p): p is string => typeof p === 'string');
      const match = meets?.(c.process, products);
      if (match === null) continue;
      const serves = servedBy(needs, id, c.process, products);
      for (const s of serves) served.add(`${s.source}:${s.ref}`);
      const offer: SpareOffer = {
        establishment: id,
        capability: c.id,
        ...(c.label ? { label: c.label } : {}),
        process: c.process,
        share: c.spare.share,
        ...(c.spare.from ? { from: c.spare.from } : {}),
        ...(c.spare.to ? { to: c.spare.to } : {}),
        ...(c.capacity ? { capacity: c.capacity, spare: { value: Math.round(c.capacity.value * c.spare.share * 1000) / 1000, unit: c.capacity.unit } } : {}),
        products,
        certifications: c.certifications ?? [],
        serves,
        ...(match ? { match } : {}),
      };
      const list = byProcess.get(c.process);
      if (list) list.push(offer);
      else byProcess.set(c.process, [offer]);
    }
  }
  const order = (p: string) => {
    const i = PROCESS_IDS.indexOf(p);
    return i < 0 ? PROCESS_IDS.length : i;
  };
  const processes = [...byProcess]
    .sort((a, b) => order(a[0]) - order(b[0]) || compareStrings(a[0], b[0]))
    .map(([process, offers]) => {
      offers.sort(
        (a, b) => compareStrings(a.from ?? '', b.from ?? '') || compareStrings(a.establishment, b.establishment) || compareStrings(a.capability, b.capability),
      );
      const info = getProcess(process);
      return { process, ...(info ? { label: { fr: info.label.fr, en: info.label.en } } : {}), offers, totals: totalsOf(offers) };
    });
  return { processes, offers: processes.reduce((n, p) => n + p.offers.length, 0), servedNeeds: served.size };
}
