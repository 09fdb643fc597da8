/**
 * What the form checks before sending: what is required, and the formats the API asks for (SIRET
 * digits and checksum, NAF sub-class, coordinates, quantities with their unit, lengths). Whether a
 * code exists in a classification, and every rule across records, stays the server's business: its
 * answer is put back on the fields (see submit.ts).
 */
import { isNafSubclass } from '@toile/schema';
import { isValidSiret } from '@toile/sdk';
import type { Message } from '../base/i18n.ts';
import { parseNumber, siretDigits, type Draft, type FlowDraft, type ItemDraft, type ResourceDraft } from './model.ts';
import { T } from './declaration-form.strings.ts';

/** One problem, on one field of the form (its element id) or on the whole declaration (`field` null). */
export interface FieldProblem {
  readonly field: string | null;
  readonly message: Message;
}

const tooLong = (n: number): Message => ({ fr: T.errTooLong.fr(n), en: T.errTooLong.en(n) });

/** Field ids of the establishment's fields. */
export const EST = {
  siret: 'est-siret',
  name: 'est-name',
  naf: 'est-naf',
  address: 'est-address',
  postcode: 'est-postcode',
  city: 'est-city',
  lat: 'est-lat',
  lon: 'est-lon',
  confidentiality: 'est-conf',
  search: 'est-search',
} as const;

/** Field id of an item's field (`r3-kind`, `f4-partner`…). */
export const fieldId = (key: string, field: string): string => `${key}-${field}`;

function checkEstablishment(draft: Draft, out: FieldProblem[]): void {
  const e = draft.establishment;
  if (!e.name.trim()) out.push({ field: EST.name, message: T.errName });
  else if (e.name.trim().length > 300) out.push({ field: EST.name, message: tooLong(300) });
  if (e.siret.trim()) {
    const digits = siretDigits(e.siret);
    if (!/^[0-9]{14}$/.test(digits)) out.push({ field: EST.siret, message: T.errSiretDigits });
    else if (!isValidSiret(digits)) out.push({ field: EST.siret, message: T.errSiretSum });
  }
  if (e.naf && !isNafSubclass(e.naf)) out.push({ field: EST.naf, message: T.errNaf });
  if (e.address.length > 500) out.push({ field: EST.address, message: tooLong(500) });
  if (e.postcode.length > 20) out.push({ field: EST.postcode, message: tooLong(20) });
  if (e.city.length > 200) out.push({ field: EST.city, message: tooLong(200) });
  const lat = e.lat.trim() ? parseNumber(e.lat) : null;
  const lon = e.lon.trim() ? parseNumber(e.lon) : null;
  if (lat !== null && (lat === undefined || lat < -90 || lat > 90)) out.push({ field: EST.lat, message: T.errLat });
  if (lon !== null && (lon === undefined || lon < -180 || lon > 180)) out.push({ field: EST.lon, message: T.errLon });
  if ((lat === null) !== (lon === null)) out.push({ field: lat === null ? EST.lat : EST.lon, message: T.errLatLon });
}

function checkItem(item: ItemDraft, out: FieldProblem[]): void {
  const id = (field: string) => fieldId(item.key, field);
  if (!item.kind) out.push({ field: id('kind'), message: T.errKind });
  if (item.label.trim().length > 300) out.push({ field: id('label'), message: tooLong(300) });
  if (item.value.trim()) {
    const value = parseNumber(item.value);
    if (value === undefined || value < 0) out.push({ field: id('value'), message: T.errValue });
    else if (!item.unit) out.push({ field: id('unit'), message: T.errUnit });
  }
}

function checkResource(r: ResourceDraft, out: FieldProblem[]): void {
  checkItem(r, out);
  if (!r.label.trim() && !r.material) out.push({ field: fieldId(r.key, 'label'), message: T.errWhat });
  if (r.availability.length > 300) out.push({ field: fieldId(r.key, 'availability'), message: tooLong(300) });
}

function checkFlow(draft: Draft, f: FlowDraft, out: FieldProblem[]): void {
  checkItem(f, out);
  if (f.partnerId) {
    if (f.partnerId === draft.establishment.territoryId) out.push({ field: fieldId(f.key, 'partner'), message: T.errSelfPartner });
  } else if (!f.partnerName.trim()) out.push({ field: fieldId(f.key, 'partner'), message: T.errPartner });
  else if (f.partnerName.trim().length > 300) out.push({ field: fieldId(f.key, 'partner-name'), message: tooLong(300) });
}

/** Every problem of the draft, in the order of the form. */
export function validateDraft(draft: Draft): FieldProblem[] {
  const out: FieldProblem[] = [];
  checkEstablishment(draft, out);
  for (const r of draft.resources) checkResource(r, out);
  for (const f of draft.flows) checkFlow(draft, f, out);
  if (draft.note.length > 2000) out.push({ field: 'note', message: tooLong(2000) });
  return out;
}
