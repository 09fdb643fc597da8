/**
 * What a tonne is worth, for the distance part of materials: an input from outside, its own
 * flow's value (valueEur / t); else the median €/t of the document's flows with the same code,
 * else with the same family; else the transport settings' default.
 */
import type { ToileRecords } from '../../columnar/records.ts';
import { unitBase } from '../../graph/base-quantity.ts';
import { parseItem, type ParsedItem } from '../items.ts';
import type { TransportSettings, ValueBasis } from '../transport.ts';
import { MASS } from './score.ts';
import type { PreparedSynergies, SideTable } from './tables.ts';

/** Values per tonne of the document's flows: each flow's own, and the medians per code and per family. */
function flowValues(rec: ToileRecords): { own: Map<string, number>; median: Map<string, number> } {
  const perKey = new Map<string, number[]>();
  const own = new Map<string, number>();
  for (let f = 0; f < rec.flowCount; f++) {
    const valueEur = rec.flowValueEur(f);
    if (!(valueEur !== undefined && valueEur > 0)) continue;
    const quantity = rec.flowQuantity(f);
    if (!quantity) continue;
    const base = unitBase(quantity.unit);
    if (base?.dimension !== MASS) continue;
    const tonnes = quantity.value * base.factor;
    if (!(tonnes > 0)) continue;
    const v = valueEur / tonnes;
    own.set(rec.flowId(f), v);
    const parsed = parseItem(rec.flowItem(f));
    for (const key of [parsed.scheme ? `${parsed.scheme}:${parsed.digits}` : '', parsed.family ? `family:${parsed.family}` : '']) {
      if (!key) continue;
      const list = perKey.get(key);
      if (list) list.push(v);
      else perKey.set(key, [v]);
    }
  }
  const median = new Map<string, number>();
  for (const [key, list] of perKey) {
    list.sort((a, b) => a - b);
    const m = list.length >> 1;
    median.set(key, list.length % 2 ? list[m]! : (list[m - 1]! + list[m]!) / 2);
  }
  return { own, median };
}

/**
 * Value per tonne of each offer and need: an input from outside, its own flow's (valueEur / t);
 * else the median €/t of the document's flows with the same code, else with the same family.
 */
export function valuesPerTonne(rec: ToileRecords, offers: SideTable, needs: SideTable, symbols: readonly string[], items: readonly ParsedItem[]) {
  const { own, median } = flowValues(rec);
  const fill = (t: SideTable) => {
    const value = new Float64Array(t.count).fill(Number.NaN);
    const basis = new Uint8Array(t.count);
    for (let i = 0; i < t.count; i++) {
      const mine = t.fromFlow[i] ? own.get(t.id[i]!) : undefined;
      if (mine !== undefined) {
        value[i] = mine;
        basis[i] = 1;
        continue;
      }
      const it = items[t.item[i]!]!;
      const v = (it.scheme ? median.get(`${it.scheme}:${it.digits}`) : undefined) ?? (t.family[i]! >= 0 ? median.get(symbols[t.family[i]!]!) : undefined);
      if (v !== undefined) {
        value[i] = v;
        basis[i] = 2;
      }
    }
    return { value, basis };
  };
  const o = fill(offers);
  const n = fill(needs);
  let maxOfferValue = Number.NaN;
  for (const v of o.value) if (v >= 0 && !(v <= maxOfferValue)) maxOfferValue = v;
  return { offerValue: o.value, offerValueBasis: o.basis, needValue: n.value, needValueBasis: n.basis, maxOfferValue };
}

/** Value per tonne of a pair, as the search uses it: the need's, else the offer's, else the default; with its basis. */
export function pairValue(p: PreparedSynergies, o: number, n: number, t: TransportSettings): [number, ValueBasis] {
  const basis = (b: number): ValueBasis => (b === 1 ? 'flow' : 'document');
  if (!Number.isNaN(p.needValue[n]!)) return [p.needValue[n]!, basis(p.needValueBasis[n]!)];
  if (!Number.isNaN(p.offerValue[o]!)) return [p.offerValue[o]!, basis(p.offerValueBasis[o]!)];
  return [t.defaultValuePerTonne, 'assumed'];
}

/** Whether a pair's distance part is a network's (an energy or utility family on either side), as the search decides it. */
export function networkedPair(p: PreparedSynergies, o: number, n: number): boolean {
  const of = p.offers.family[o]!;
  const nf = p.needs.family[n]!;
  return (of >= 0 && p.familyScore[of] === 1) || (nf >= 0 && p.familyScore[nf] === 1);
}
