import { EWC_ENTRIES, FAMILIES, FAMILY_IDS, getEwcEntry, getFamily } from '@toile/schema';
import type { Item } from '@toile/schema';
import { normaliseLabel, parseEwcCode, parseItem } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';

/** A material the finder can filter on: a family, or a code (with its prefixes: EWC chapters and sub-chapters). */
export type MaterialFilter =
  | { readonly type: 'family'; readonly id: string; readonly value: string }
  | { readonly type: 'code'; readonly scheme: string; readonly digits: string; readonly value: string };

/** One choice of the material search. */
export interface MaterialOption {
  /** What `material` is set to: `family:wood`, `ewc:100202`, `ewc:1002`. */
  readonly value: string;
  /** Shown in the list and in the field once chosen. */
  readonly label: { readonly fr: string; readonly en: string };
  /** A short qualifier: `famille`, `déchet`, `chapitre`… */
  readonly group: 'family' | 'chapter' | 'subchapter' | 'entry';
  readonly hazardous: boolean;
  /** Normalised text searched: both languages, the id, the code in its written forms and the document's own labels. */
  readonly haystack: string;
  /** Labels the loaded document gives to items of this code or family (`Laitier d’aciérie`), when any. */
  readonly documentLabels?: readonly string[];
}

/** `100202` → `10 02 02`, as the European List of Waste writes its codes. */
export function formatEwcCode(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * Reads a `material` value: `family:ID` or a bare family id, `ewc:100202` or bare EWC digits
 * (`10`, `1002`, `10 02 02`, with or without the asterisk), or any `scheme:code`. Undefined when it
 * is none of these.
 */
export function parseMaterial(value: string | null | undefined): MaterialFilter | undefined {
  const text = (value ?? '').trim();
  if (!text) return undefined;
  if (text.startsWith('family:')) {
    const id = text.slice(7);
    return /^[a-z0-9][a-z0-9-]*$/.test(id) ? { type: 'family', id, value: `family:${id}` } : undefined;
  }
  if (FAMILY_IDS.includes(text)) return { type: 'family', id: text, value: `family:${text}` };
  const ewc = parseEwcCode(text);
  if (ewc) return { type: 'code', scheme: 'ewc', digits: ewc.digits, value: `ewc:${ewc.digits}` };
  const colon = text.indexOf(':');
  if (colon > 0 && colon < text.length - 1) {
    const parsed = parseItem({ code: text });
    if (parsed.scheme && parsed.digits) return { type: 'code', scheme: parsed.scheme, digits: parsed.digits, value: text };
  }
  return undefined;
}

/** Whether an item (of an offer, a need or a flow) falls under a code filter: same scheme, code starting with the filter's. */
export function itemUnderCode(code: string | undefined, filter: MaterialFilter & { type: 'code' }): boolean {
  if (!code) return false;
  const parsed = parseItem({ code });
  return parsed.scheme === filter.scheme && (parsed.digits ?? '').startsWith(filter.digits);
}

/** The label of a material value in a language (the value itself when unknown). */
export function materialLabel(filter: MaterialFilter, lang: WidgetLang): string {
  if (filter.type === 'family') return getFamily(filter.id)?.label[lang] ?? filter.id;
  if (filter.scheme === 'ewc') {
    const entry = getEwcEntry(filter.digits);
    return entry ? `${formatEwcCode(entry.code)}${entry.hazardous ? '*' : ''} — ${lang === 'fr' ? entry.fr : entry.label}` : `${formatEwcCode(filter.digits)}`;
  }
  return filter.value;
}

let vocabulary: MaterialOption[] | undefined;

/**
 * Families (French and English labels) and every EWC chapter, sub-chapter and entry, under its
 * official French label (annex II to article R541-8 of the French environment code) and English one.
 */
export function vocabularyOptions(): readonly MaterialOption[] {
  vocabulary ??= [
    ...FAMILIES.map((f): MaterialOption => ({
      value: `family:${f.id}`,
      label: f.label,
      group: 'family',
      hazardous: false,
      haystack: normaliseLabel(`${f.label.fr} ${f.label.en} ${f.id}`),
    })),
    ...EWC_ENTRIES.map((e): MaterialOption => {
      const code = `${formatEwcCode(e.code)}${e.hazardous ? '*' : ''}`;
      const family = e.family ? getFamily(e.family) : undefined;
      return {
        value: `ewc:${e.code}`,
        label: { fr: `${code} — ${e.fr}`, en: `${code} — ${e.label}` },
        group: e.level,
        hazardous: e.hazardous,
        haystack: normaliseLabel(`${e.code} ${formatEwcCode(e.code)} ${e.fr} ${e.label} ${family ? `${family.label.fr} ${family.label.en}` : ''}`),
      };
    }),
  ];
  return vocabulary;
}

/** Families used in a document but missing from the vocabulary (kept searchable under their id). */
export function extraFamilyOptions(families: Iterable<string>): MaterialOption[] {
  const out: MaterialOption[] = [];
  for (const id of families) {
    if (getFamily(id)) continue;
    out.push({ value: `family:${id}`, label: { fr: id, en: id }, group: 'family', hazardous: false, haystack: normaliseLabel(id) });
  }
  return out;
}

/**
 * The options with the labels a document gives to its own items: an item labelled `Scories d’aciérie`
 * with code `ewc:100202` makes `scories` find the EWC entry 10 02 02; an item with a family, the family.
 */
export function withDocumentLabels(options: readonly MaterialOption[], items: Iterable<Item | undefined>): MaterialOption[] {
  const labels = new Map<string, Set<string>>();
  const add = (value: string, label: string) => {
    let set = labels.get(value);
    if (!set) labels.set(value, (set = new Set()));
    set.add(label);
  };
  for (const item of items) {
    const label = item?.label?.trim();
    if (!label) continue;
    if (item!.code) {
      const parsed = parseItem({ code: item!.code });
      if (parsed.scheme === 'ewc' && parsed.digits) add(`ewc:${parsed.digits}`, label);
    }
    if (item!.family) add(`family:${item!.family}`, label);
  }
  return options.map((o) => {
    const set = labels.get(o.value);
    if (!set) return o;
    const documentLabels = [...set].sort((a, b) => a.localeCompare(b, 'fr'));
    return { ...o, haystack: `${o.haystack} ${normaliseLabel(documentLabels.join(' '))}`, documentLabels };
  });
}

/**
 * The options matching a query, at most `limit`. A code in any written form (`100202`, `10 02 02`,
 * `ewc:100202`, with or without the hazard star) gives that EWC entry, then the entries under it.
 * Otherwise every word of the query (accents and case folded) must appear in the option's French or
 * English labels or in the document's own labels; families come first, then EWC entries the
 * document uses, then the others, in list order.
 */
export function searchMaterials(options: readonly MaterialOption[], query: string, limit = 50): MaterialOption[] {
  const code = parseEwcCode(query);
  if (code) {
    const exact = `ewc:${code.digits}`;
    const under = options.filter((o) => o.value.startsWith(exact));
    return [...under.filter((o) => o.value === exact), ...under.filter((o) => o.value !== exact)].slice(0, limit);
  }
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  const rank = (o: MaterialOption) => (o.group === 'family' ? 0 : o.documentLabels ? 1 : 2);
  return options
    .filter((o) => words.every((w) => o.haystack.includes(w)))
    .map((o, k) => ({ o, k }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.k - b.k)
    .slice(0, limit)
    .map(({ o }) => o);
}
