/**
 * What the finder reads from a loaded document, once per document, and how it names the items of a
 * candidate (the document's own resources and flows behind the SDK's ids).
 */
import { getFamily, type Flow, type FlowKind, type Item, type Resource } from '@toile/schema';
import {
  avoidedEmissionsOfExchange,
  prepareSynergies,
  type AvoidedEmissions,
  type PoolingCandidate,
  type PreparedSynergies,
  type SynergyMatch,
} from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { extraFamilyOptions, materialLabel, parseMaterial, vocabularyOptions, withDocumentLabels, type MaterialOption } from './materials.ts';

/** What the finder reads from a loaded document, once per document. */
export interface Prepared {
  synergies: PreparedSynergies;
  resources: Map<string, Resource>;
  flows: Map<string, Flow>;
  names: Map<string, string>;
  /** Establishments that declare offers or needs, or buy from outside: the ones worth choosing. */
  companies: { id: string; name: string }[];
  needs: Resource[];
  materials: readonly MaterialOption[];
}

const preparedFor = new WeakMap<LoadedToile, Prepared>();

/** The finder's reading of a loaded document, made once per document (cached). */
export function prepare(loaded: LoadedToile): Prepared {
  let p = preparedFor.get(loaded);
  if (p) return p;
  const { document: doc, index } = loaded;
  const resources = new Map((doc.resources ?? []).map((r) => [r.id, r]));
  const flows = new Map(doc.flows.map((f) => [f.id, f]));
  const names = new Map(doc.establishments.map((e) => [e.id, e.name]));
  const active = new Set<string>();
  const families = new Set<string>();
  for (const r of doc.resources ?? []) {
    active.add(r.establishment);
    if (r.item?.family) families.add(r.item.family);
  }
  for (const f of doc.flows) {
    if (index.external[index.nodeOf.get(f.from) ?? -1] === 1) active.add(f.to);
    if (f.item?.family) families.add(f.item.family);
  }
  const companies = doc.establishments
    .filter((e) => active.has(e.id) && !e.external)
    .map((e) => ({ id: e.id, name: e.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const needs = (doc.resources ?? []).filter((r) => r.direction === 'need');
  p = {
    synergies: prepareSynergies(doc, { index }),
    resources,
    flows,
    names,
    companies,
    needs,
    materials: withDocumentLabels(
      [...vocabularyOptions(), ...extraFamilyOptions(families)],
      [...(doc.resources ?? []).map((r) => r.item), ...doc.flows.map((f) => f.item)],
    ),
  };
  preparedFor.set(loaded, p);
  return p;
}

/** The item of a candidate's offer. */
export function offerItem(p: Prepared, m: SynergyMatch): Item | undefined {
  return p.resources.get(m.offer)?.item;
}

/** The item of a candidate's need: a declared need's, or the input bought outside. */
export function needItem(p: Prepared, m: SynergyMatch): Item | undefined {
  return m.needSource === 'flow' ? p.flows.get(m.need)?.item : p.resources.get(m.need)?.item;
}

/** The flow kind of a candidate's need. */
export function needKind(p: Prepared, m: SynergyMatch): FlowKind | undefined {
  return m.needSource === 'flow' ? p.flows.get(m.need)?.kind : p.resources.get(m.need)?.kind;
}

/** Avoided emissions of a candidate (order of magnitude with its basis), when offer and need are the same material with a sourced route. */
export function avoidedOf(p: Prepared, m: SynergyMatch): AvoidedEmissions | undefined {
  const offer = p.resources.get(m.offer);
  const need = m.needSource === 'flow' ? p.flows.get(m.need) : p.resources.get(m.need);
  return offer && need ? avoidedEmissionsOfExchange(offer, need) : undefined;
}

/** What an item is called: its label, else its code's, else its family's, else the flow kind. */
export function itemText(item: Item | undefined, kind: FlowKind | undefined, lang: WidgetLang): string {
  if (item?.label) return item.label;
  if (item?.code) {
    const m = parseMaterial(item.code);
    return m ? materialLabel(m, lang) : item.code;
  }
  if (item?.family) return getFamily(item.family)?.label[lang] ?? item.family;
  return kind ? KIND_LABELS[kind][lang] : '—';
}

/** What a pooling candidate's shared need is called. */
export function poolingText(g: PoolingCandidate, lang: WidgetLang): string {
  if (g.item.label) return g.item.label;
  if (g.item.code) {
    const m = parseMaterial(g.item.code);
    return m ? materialLabel(m, lang) : g.item.code;
  }
  if (g.item.family) return getFamily(g.item.family)?.label[lang] ?? g.item.family;
  return g.key;
}
