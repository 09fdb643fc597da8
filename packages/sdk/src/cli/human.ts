/**
 * Human output of the commands: the format's words by their labels in the user's language
 * (imported from @toile/schema, never copied), establishments by name with their id, numbers in the
 * user's locale, and every piece of text from a document escaped for the terminal.
 */
import { FLOW_KIND_LABELS, FLOW_STATUS_LABELS, getFamily, getUnit, type FlowKind, type FlowStatus, type ToileDocument } from '@toile/schema';
import { formatNumber } from '../analysis/table.ts';
import { isToileColumns, type ToileColumns } from '../columnar/columns.ts';
import { recordsOf } from '../columnar/records.ts';
import type { CliIO, Lang } from './context.ts';
import { escapeTerminal } from './escape.ts';

/** Text from a document (a name, an id, a label), safe to print on one line of a terminal. */
export function safe(text: string | number | undefined): string {
  return escapeTerminal(String(text ?? ''));
}

/** Prints a block of human output on stdout, control characters escaped, line breaks kept. */
export function printHuman(io: CliIO, text: string): void {
  io.stdout(escapeTerminal(text, { keepNewlines: true }));
}

/** A number in the user's locale (`2 623,7` in French — narrow no-break spaces — `2,623.7` in English). */
export function num(value: number, lang: Lang, digits = 0): string {
  return formatNumber(value, lang, digits);
}

/** The name of a flow kind (`Achats et fournitures`, `Supplies`); an unknown kind as it is written. */
export function kindLabel(kind: string, lang: Lang): string {
  return Object.hasOwn(FLOW_KIND_LABELS, kind) ? FLOW_KIND_LABELS[kind as FlowKind][lang] : safe(kind);
}

/** The name of a flow status (`actif`, `en projet`); an unknown status as it is written. */
export function statusLabel(status: string, lang: Lang): string {
  return Object.hasOwn(FLOW_STATUS_LABELS, status) ? FLOW_STATUS_LABELS[status as FlowStatus][lang] : safe(status);
}

/** The name of a material family (`Métaux ferreux`); an unknown id as it is written. */
export function familyLabel(id: string, lang: Lang): string {
  return getFamily(id)?.label[lang] ?? safe(id);
}

/** The short symbol of a unit (`t/an`, `t/yr`); an unknown unit as it is written. */
export function unitSymbol(id: string, lang: Lang): string {
  return getUnit(id)?.symbol[lang] ?? safe(id);
}

/** An item for people: its label, else its code, else its family's name. */
export function itemText(item: { label?: string; code?: string; family?: string } | undefined, lang: Lang, fallback = ''): string {
  if (item?.label) return safe(item.label);
  if (item?.code) return safe(item.code);
  if (item?.family) return familyLabel(item.family, lang);
  return safe(fallback);
}

/**
 * `Name (id)` for an establishment id of the document, escaped; the bare id when it has no name or
 * is not in the document.
 */
export function establishmentNamer(doc: Pick<ToileDocument, 'establishments'> | ToileColumns): (id: string) => string {
  const names = new Map<string, string>();
  const records = recordsOf(isToileColumns(doc) ? doc : { flows: [], establishments: doc.establishments });
  for (let i = 0; i < records.establishmentCount; i++) {
    const name = records.establishmentName(i);
    if (typeof name === 'string' && name !== '') names.set(records.establishmentId(i), name);
  }
  return (id) => {
    const name = names.get(id);
    return name === undefined || name === id ? safe(id) : `${safe(name)} (${safe(id)})`;
  };
}
