/**
 * prepareSynergies: reads offers, needs and inputs from outside into typed arrays, with items
 * interned once per distinct code, family and label, and builds the offers' grid.
 */
import { getCarbonWeight, type Item, type Quantity } from '@toile/schema';
import { isToileColumns } from '../../columnar/columns.ts';
import { indexOf, recordsOf, type ToileData, type ToileRecords } from '../../columnar/records.ts';
import { tangentPlane } from '../../geo/grid.ts';
import { unitBase } from '../../graph/base-quantity.ts';
import { familyScore, ITEM_MATCH_SCORES, parseItem, type ParsedItem } from '../items.ts';
import { buildOfferGrid, cellOrder } from './grid.ts';
import { NeedRecords } from './records.ts';
import { KIND_CODE } from './score.ts';
import { makeTable, type NodeGeo, type PreparedSynergies, type SideTable } from './tables.ts';
import type { PrepareSynergyOptions } from './types.ts';
import { valuesPerTonne } from './values.ts';

const RAD = Math.PI / 180;

/** What an item interns to: its symbols, buckets and position in the item list. */
interface Interned {
  index: number;
  code: number;
  p6: number;
  p4: number;
  p2: number;
  family: number;
  label: number;
  bucketA: number;
  bucketB: number;
  hazardous: number;
  familyGiven?: string | undefined;
}

const NO_ITEM: Interned = { index: -1, code: -1, p6: -1, p4: -1, p2: -1, family: -1, label: -1, bucketA: -1, bucketB: -1, hazardous: 0 };

/** Interns symbols (codes, their prefixes, families, labels), material buckets and items. */
class ItemInterner {
  readonly symbols: string[] = [];
  readonly bucketBounds: number[] = [];
  readonly items: ParsedItem[] = [];
  readonly rawItems: (Item | undefined)[] = [];
  /** Family id by interned symbol. */
  readonly familyIds: string[] = [];
  private readonly symbolId = new Map<string, number>();
  private readonly bucketOf = new Map<number, number>();
  // Three caches keyed by the item's own strings, so that no key is built per record: real
  // documents repeat a few hundred distinct items.
  private readonly byCode = new Map<string, Interned>();
  private readonly byFamily = new Map<string, Interned>();
  private readonly byLabel = new Map<string, Interned>();

  symbol(s: string): number {
    let id = this.symbolId.get(s);
    if (id === undefined) {
      id = this.symbols.length;
      this.symbols.push(s);
      this.symbolId.set(s, id);
    }
    return id;
  }

  /** The bucket of a symbol; `bound` is the best item score an offer of the bucket can reach. */
  bucket(symbol: number, bound: number): number {
    let b = this.bucketOf.get(symbol);
    if (b === undefined) {
      b = this.bucketBounds.length;
      this.bucketBounds.push(bound);
      this.bucketOf.set(symbol, b);
    }
    return b;
  }

  item(item: Item | undefined): Interned {
    if (!item) return NO_ITEM;
    const { code, family, label } = item;
    const cache = code ? this.byCode : family ? this.byFamily : label ? this.byLabel : undefined;
    if (!cache) return NO_ITEM;
    const key = (code || family || label)!;
    const hit = cache.get(key);
    // A code met before with another family (rare) is parsed again, uncached.
    if (hit && (!code || hit.familyGiven === family)) return hit;
    const entry = this.parse(item);
    if (!hit) cache.set(key, entry);
    return entry;
  }

  private parse(item: Item): Interned {
    const p = parseItem(item);
    const entry: Interned = { ...NO_ITEM, index: this.items.length, hazardous: p.hazardous ? 1 : 0, familyGiven: item.family };
    this.items.push(p);
    this.rawItems.push(item);
    if (p.scheme !== undefined) {
      const d = p.digits!;
      entry.code = this.symbol(`${p.scheme}:${d}`);
      if (d.length >= 6) entry.p6 = this.symbol(`${p.scheme}:${d.slice(0, 6)}`);
      if (d.length >= 4) entry.p4 = this.symbol(`${p.scheme}:${d.slice(0, 4)}`);
      if (d.length >= 2) entry.p2 = this.symbol(`${p.scheme}:${d.slice(0, 2)}`);
      // Codes too short for a chapter still meet their exact equals in their own bucket.
      entry.bucketA = this.bucket(entry.p2 >= 0 ? entry.p2 : entry.code, ITEM_MATCH_SCORES.code);
    }
    if (p.family !== undefined) {
      entry.family = this.symbol(`family:${p.family}`);
      if (!this.familyIds[entry.family]) this.familyIds[entry.family] = p.family;
      entry.bucketB = this.bucket(entry.family, familyScore(p.family));
    }
    if (p.scheme === undefined && p.family === undefined && p.label) {
      entry.label = this.symbol(`label:${p.label}`);
      entry.bucketA = this.bucket(entry.label, ITEM_MATCH_SCORES.label);
    }
    return entry;
  }

  /** Per symbol: the item score of its family and the family's relative carbon weighting (NaN when none). */
  familyTables(): { familyScore: Float64Array; familyCarbonWeight: Float64Array } {
    const scores = new Float64Array(this.symbols.length);
    const weights = new Float64Array(this.symbols.length).fill(Number.NaN);
    for (let s = 0; s < this.symbols.length; s++) {
      const fam = this.familyIds[s];
      if (fam === undefined) continue;
      scores[s] = familyScore(fam);
      weights[s] = getCarbonWeight(fam) ?? Number.NaN;
    }
    return { familyScore: scores, familyCarbonWeight: weights };
  }
}

/** Appends one offer or need to a table; records without a usable item are left out. */
function pushRecord(
  t: SideTable,
  interner: ItemInterner,
  id: string,
  node: number,
  kind: string,
  item: Item | undefined,
  quantity: Quantity | undefined,
  fromFlow: boolean,
): void {
  const it = interner.item(item);
  if (it.index < 0) return;
  const i = t.count++;
  t.id.push(id);
  t.node[i] = node;
  t.fromFlow[i] = fromFlow ? 1 : 0;
  t.kind[i] = KIND_CODE.get(kind) ?? 0;
  t.code[i] = it.code;
  t.p6[i] = it.p6;
  t.p4[i] = it.p4;
  t.p2[i] = it.p2;
  t.family[i] = it.family;
  t.label[i] = it.label;
  t.bucketA[i] = it.bucketA;
  t.bucketB[i] = it.bucketB;
  t.hazardous[i] = it.hazardous;
  t.item[i] = it.index;
  const base = quantity ? unitBase(quantity.unit) : undefined;
  t.amount[i] = base ? quantity!.value * base.factor : Number.NaN;
  t.dimension[i] = base ? base.dimension : -1;
}

/** Establishment ids and their nodes: the index's when it was built for these establishments. */
function nodeIds(rec: ToileRecords, options: PrepareSynergyOptions): { ids: readonly string[]; nodeOf: ReadonlyMap<string, number> } {
  const n = rec.establishmentCount;
  const nodeOf = options.index?.nodeOf;
  const ids = options.index?.ids;
  if (nodeOf && ids && ids.length === n) return { ids, nodeOf };
  const map = new Map<string, number>();
  const list: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    list[i] = rec.establishmentId(i);
    map.set(list[i]!, i);
  }
  return { ids: list, nodeOf: map };
}

/** Per node: 1 for an establishment outside the territory, and its coordinates. */
function readNodes(rec: ToileRecords): { external: Uint8Array; geo: NodeGeo } {
  const n = rec.establishmentCount;
  const external = new Uint8Array(n);
  const latDeg = new Float64Array(n);
  const lonDeg = new Float64Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const cos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    external[i] = rec.establishmentExternal(i) ? 1 : 0;
    const loc = rec.establishmentLocation(i);
    const ok = loc?.lat !== undefined && loc.lon !== undefined;
    latDeg[i] = ok ? loc.lat! : Number.NaN;
    lonDeg[i] = ok ? loc.lon! : Number.NaN;
    lat[i] = latDeg[i]! * RAD;
    lon[i] = lonDeg[i]! * RAD;
    cos[i] = Math.cos(lat[i]!);
  }
  const plane = tangentPlane(latDeg, lonDeg);
  return { external, geo: { lat, lon, cos, x: plane.x, y: plane.y } };
}

/** Inputs from outside: flows with an item, a kept status, an external giver and an inside receiver; with the receiving node. */
function inboundFlows(
  data: ToileData,
  rec: ToileRecords,
  options: PrepareSynergyOptions,
  ids: readonly string[],
  nodeOf: ReadonlyMap<string, number>,
  external: Uint8Array,
): { flows: number[]; to: number[] } {
  const statusOk = new Set<string>(options.flowStatuses ?? ['active']);
  const flows: number[] = [];
  const to: number[] = [];
  const index = options.index && options.index.ids === ids ? options.index : undefined;
  if (index) {
    // The index already knows each flow's ends: only flows crossing inwards are read.
    for (let e = 0; e < index.edgeCount; e++) {
      const t = index.edgeTarget[e]!;
      if (!external[index.edgeSource[e]!] || external[t]) continue;
      const f = index.edgeFlow[e]!;
      if (!rec.flowItem(f) || !statusOk.has(rec.flowStatus(f) ?? 'active')) continue;
      flows.push(f);
      to.push(t);
    }
    return { flows, to };
  }
  // A document without its index (columns always come with theirs, see prepareSynergies).
  if (isToileColumns(data)) throw new Error('prepareSynergies: columns are read through their index');
  for (let f = 0; f < data.flows.length; f++) {
    const flow = data.flows[f]!;
    if (!flow.item || !statusOk.has(flow.status ?? 'active')) continue;
    const s = nodeOf.get(flow.from);
    if (s === undefined || !external[s]) continue;
    const t = nodeOf.get(flow.to);
    if (t === undefined || external[t]) continue;
    flows.push(f);
    to.push(t);
  }
  return { flows, to };
}

/** Offers and needs of the establishments inside the territory, then the inputs from outside as needs. */
function readSides(
  data: ToileData,
  rec: ToileRecords,
  options: PrepareSynergyOptions,
  ids: readonly string[],
  nodeOf: ReadonlyMap<string, number>,
  external: Uint8Array,
  interner: ItemInterner,
): { offers: SideTable; needs: SideTable } {
  const resources = rec.resourceCount;
  let offerCount = 0;
  for (let r = 0; r < resources; r++) if (rec.resourceDirection(r) === 'offer') offerCount++;
  const offers = makeTable(offerCount);
  const inbound = inboundFlows(data, rec, options, ids, nodeOf, external);
  const needs = makeTable(resources - offerCount + inbound.flows.length);
  // Resources usually come grouped by establishment: remember the last lookup.
  let lastId = '';
  let lastNode: number | undefined;
  for (let r = 0; r < resources; r++) {
    const owner = rec.resourceEstablishment(r);
    if (owner !== lastId) {
      lastId = owner;
      lastNode = nodeOf.get(lastId);
    }
    if (lastNode === undefined || external[lastNode]) continue;
    const side = rec.resourceDirection(r) === 'offer' ? offers : needs;
    pushRecord(side, interner, rec.resourceId(r), lastNode, rec.resourceKind(r), rec.resourceItem(r), rec.resourceQuantity(r), false);
  }
  for (let k = 0; k < inbound.flows.length; k++) {
    const f = inbound.flows[k]!;
    pushRecord(needs, interner, rec.flowId(f), inbound.to[k]!, rec.flowKind(f), rec.flowItem(f), rec.flowQuantity(f), true);
  }
  return { offers, needs };
}

/**
 * Reads offers, needs and inputs from outside into typed arrays, with items interned once per
 * distinct code, family and label. O(establishments + resources + flows).
 */
export function prepareSynergies(data: ToileData, options: PrepareSynergyOptions = {}): PreparedSynergies {
  const rec = recordsOf(data);
  // Columns are read through their index (built once and kept), unless the one given is theirs.
  const given = options.index && options.index.ids.length === rec.establishmentCount;
  const opts = isToileColumns(data) && !given ? { ...options, index: indexOf(data) } : options;
  const { ids, nodeOf } = nodeIds(rec, opts);
  const { external, geo } = readNodes(rec);
  const interner = new ItemInterner();
  const { offers, needs } = readSides(data, rec, opts, ids, nodeOf, external, interner);
  const { symbols, items, rawItems } = interner;
  const values = valuesPerTonne(rec, offers, needs, symbols, items);
  offers.order = Uint32Array.from({ length: offers.count }, (_, i) => i);
  offers.position = offers.order;
  const base = {
    prepared: 'synergies' as const,
    ids,
    nodeOf,
    offers,
    needs,
    geo,
    bucketBound: Float64Array.from(interner.bucketBounds),
    ...interner.familyTables(),
    ...values,
    symbols,
    items,
    rawItems,
  };
  const offerGrid = buildOfferGrid(base, () => true);
  needs.order = cellOrder(needs, geo, offerGrid.grid);
  needs.position = new Uint32Array(needs.count);
  for (let k = 0; k < needs.count; k++) needs.position[needs.order[k]!] = k;
  return { ...base, offerGrid, needRecords: NeedRecords.from(needs, needs.order, geo) };
}
