import { EWC_ENTRIES, FAMILIES, FAMILY_IDS, getEwcEntry, getFamily } from '@toile/schema';
import { normaliseLabel, parseItem } from '@toile/sdk';
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
  /** Normalised text searched: both languages, the id and the code with and without spaces. */
  readonly haystack: string;
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
  if (/^\d{2}(?: ?\d{2}){0,2}\*?$/.test(text)) {
    const digits = text.replace(/[^0-9]/g, '');
    return { type: 'code', scheme: 'ewc', digits, value: `ewc:${digits}` };
  }
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
    return entry ? `${formatEwcCode(entry.code)}${entry.hazardous ? '*' : ''} — ${entry.label}` : `${formatEwcCode(filter.digits)}`;
  }
  return filter.value;
}

let vocabulary: MaterialOption[] | undefined;

/** Families (French and English labels) and every EWC chapter, sub-chapter and entry (official English labels). */
export function vocabularyOptions(): readonly MaterialOption[] {
  vocabulary ??= [
    ...FAMILIES.map(
      (f): MaterialOption => ({
        value: `family:${f.id}`,
        label: f.label,
        group: 'family',
        hazardous: false,
        haystack: normaliseLabel(`${f.label.fr} ${f.label.en} ${f.id}`),
      }),
    ),
    ...EWC_ENTRIES.map((e): MaterialOption => {
      const label = `${formatEwcCode(e.code)}${e.hazardous ? '*' : ''} — ${e.label}`;
      return {
        value: `ewc:${e.code}`,
        label: { fr: label, en: label },
        group: e.level,
        hazardous: e.hazardous,
        haystack: normaliseLabel(`${e.code} ${formatEwcCode(e.code)} ${e.label} ${e.family ? getFamily(e.family)?.label.fr ?? '' : ''}`),
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
 * The options matching a query: every word of it (accents and case folded) must appear. Families
 * come first, then EWC entries in list order. At most `limit`.
 */
export function searchMaterials(options: readonly MaterialOption[], query: string, limit = 50): MaterialOption[] {
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  const out: MaterialOption[] = [];
  for (const o of options) {
    if (words.every((w) => o.haystack.includes(w))) {
      out.push(o);
      if (out.length >= limit) break;
    }
  }
  return out;
}
