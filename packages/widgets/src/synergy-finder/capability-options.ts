/**
 * What the capabilities mode searches: the processes of the vocabulary (DIN 8580 groups, additive
 * manufacturing, assembly, design, testing, logistics, maintenance) in French and English with the
 * typical processes each covers, and the product codes the document uses (capabilities' products,
 * flows' codes), each with the labels the document gives it.
 */
import { getNafLabel, getProcess, isProcessId, PROCESSES, type ProcessInfo, type ToileDocument } from '@toile/schema';
import { normaliseLabel, parseItem } from '@toile/sdk';
import type { ComboboxOption } from './combobox.ts';

/** What the capabilities mode asks the SDK: a process of the vocabulary or a product code. */
export type CapabilityQuery = { readonly type: 'process'; readonly id: string } | { readonly type: 'product'; readonly code: string };

/** One choice of the process-or-product search. */
export interface CapabilityOption extends ComboboxOption {
  /** A process id (`din8580:4.6`, `testing:ndt`) or a product code (`cpa:25.62`). */
  readonly value: string;
  readonly type: 'process' | 'product';
  /** A process's DIN 8580 number (`4.6`), when it has one. */
  readonly din8580?: string;
  /** A process's typical processes (`tournage, perçage, fraisage`). */
  readonly includes?: { readonly fr: string; readonly en: string };
  /** NAF label of a CPA or NAF code's digits (`Usinage` for `cpa:25.62`). */
  readonly activity?: string;
  /** Labels the document gives to capabilities of this process, or to capabilities and flows of this code. */
  readonly documentLabels?: readonly string[];
  /** Normalised text searched: both languages, ids, numbers, codes and the document's own labels. */
  readonly haystack: string;
  /** Normalised names alone (labels and id): words found there rank first. */
  readonly names: string;
}

/** Schemes whose codes are products (waste codes are the synergies mode's business). */
const PRODUCT_SCHEMES = new Set(['cpa', 'hs', 'cn', 'naf', 'nace', 'prodcom']);

/**
 * Reads a `process` or `product` value: an id of the process vocabulary, or a `scheme:code` product
 * code (`cpa:25.62`, `hs:8483`, `naf:25.62A`; the scheme in any case). Undefined when it is neither.
 */
export function parseCapabilityQuery(value: string | null | undefined): CapabilityQuery | undefined {
  const text = (value ?? '').trim();
  if (!text) return undefined;
  if (isProcessId(text)) return { type: 'process', id: text };
  const match = /^([A-Za-z][A-Za-z0-9-]*):\s*([A-Za-z0-9][A-Za-z0-9. -]*)$/.exec(text);
  if (!match) return undefined;
  const code = `${match[1]!.toLowerCase()}:${match[2]!.trim()}`;
  const parsed = parseItem({ code });
  return parsed.scheme !== undefined && parsed.digits ? { type: 'product', code } : undefined;
}

/** The NAF label of a CPA or NAF code's digits (`25.62` → `Usinage`), when the code is one of those. */
function activityOf(code: string): string | undefined {
  const colon = code.indexOf(':');
  const scheme = code.slice(0, colon);
  if (scheme !== 'cpa' && scheme !== 'naf') return undefined;
  return getNafLabel(code.slice(colon + 1));
}

function processOption(p: ProcessInfo, documentLabels: readonly string[] | undefined): CapabilityOption {
  const parent = p.parent ? getProcess(p.parent) : undefined;
  const text = [p.id, p.din8580, p.label.fr, p.label.en, p.includes?.fr, p.includes?.en, parent?.label.fr, parent?.label.en, ...(documentLabels ?? [])];
  return {
    value: p.id,
    type: 'process',
    label: p.label,
    ...(p.din8580 ? { din8580: p.din8580 } : {}),
    ...(p.includes ? { includes: p.includes } : {}),
    ...(documentLabels ? { documentLabels } : {}),
    haystack: normaliseLabel(text.filter(Boolean).join(' ')),
    names: normaliseLabel(`${p.label.fr} ${p.label.en} ${p.id}`),
  };
}

function productOption(code: string, documentLabels: readonly string[]): CapabilityOption {
  const activity = activityOf(code);
  const first = documentLabels[0] ?? activity;
  const label = first ? `${code} — ${first}` : code;
  return {
    value: code,
    type: 'product',
    label: { fr: label, en: label },
    ...(activity ? { activity } : {}),
    ...(documentLabels.length ? { documentLabels } : {}),
    haystack: normaliseLabel(`${code} ${code.replace(/[.:]/g, '')} ${activity ?? ''} ${documentLabels.join(' ')}`),
    names: normaliseLabel(`${code} ${code.replace(/[.:]/g, '')}`),
  };
}

/** Adds a label to a key's set. */
function note(map: Map<string, Set<string>>, key: string, label: string | undefined): void {
  const text = label?.trim();
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  if (text) set.add(text);
}

const sorted = (set: Set<string> | undefined) => (set?.size ? [...set].sort((a, b) => a.localeCompare(b, 'fr')) : undefined);

/**
 * Every process of the vocabulary, then every product code of the document (capabilities'
 * products, then flows' codes of product schemes), each with the document's own labels: `tournage`
 * finds machining by its typical processes, and the code `cpa:25.62` of a capability « Tournage et
 * fraisage CN » too.
 */
export function capabilityOptions(doc: Pick<ToileDocument, 'establishments' | 'flows'>): CapabilityOption[] {
  const byProcess = new Map<string, Set<string>>();
  const byProduct = new Map<string, Set<string>>();
  for (const e of doc.establishments) {
    for (const c of e.capabilities ?? []) {
      if (typeof c.process === 'string') note(byProcess, c.process, c.label);
      for (const product of c.products ?? []) if (parseCapabilityQuery(product)?.type === 'product') note(byProduct, product, c.label);
    }
  }
  for (const f of doc.flows) {
    const code = f.item?.code;
    if (code && PRODUCT_SCHEMES.has(code.slice(0, code.indexOf(':')))) note(byProduct, code, f.item?.label);
  }
  return [
    ...PROCESSES.map((p) => processOption(p, sorted(byProcess.get(p.id)))),
    ...[...byProduct.keys()].sort((a, b) => a.localeCompare(b, 'en')).map((code) => productOption(code, sorted(byProduct.get(code)) ?? [])),
  ];
}

/**
 * The options matching a query, at most `limit`: every word of the query (accents and case folded)
 * must appear in the option's labels, typical processes, ids, numbers or the document's own labels.
 * First the options whose names have every word at a word's start (`soudage`: Soudage before the
 * dismantling that covers « dessoudage »), then those with every word at a word's start anywhere,
 * then the others; processes before product codes, each in list order.
 */
export function searchCapabilities(options: readonly CapabilityOption[], query: string, limit = 50): CapabilityOption[] {
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  const starts = (text: string) => words.every((w) => ` ${text}`.includes(` ${w}`));
  const rank = (o: CapabilityOption) => (starts(o.names) ? 0 : starts(o.haystack) ? 1 : 2);
  return options
    .filter((o) => words.every((w) => o.haystack.includes(w)))
    .map((o, k) => ({ o, k, r: rank(o) }))
    .sort((a, b) => a.r - b.r || a.k - b.k)
    .slice(0, limit)
    .map(({ o }) => o);
}

/** What a query is called: the process's name in the language, or the product code (with its first label when it has one). */
export function capabilityQueryLabel(query: CapabilityQuery, lang: 'fr' | 'en', options?: readonly CapabilityOption[]): string {
  if (query.type === 'process') return getProcess(query.id)?.label[lang] ?? query.id;
  return options?.find((o) => o.value === query.code)?.label[lang] ?? query.code;
}
