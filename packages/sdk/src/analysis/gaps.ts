/**
 * Missing links (« maillons manquants »): inputs that establishments of the territory receive only
 * from external partners — activities an agency could try to attract or create — and local outputs
 * that only leave the territory.
 */
import { BASE_UNITS, DIMENSIONS, type Dimension, type FlowKind, type FlowStatus } from '@toile/schema';
import { edgeMask, type GraphIndex } from '../graph/build-index.ts';
import { indexOf, recordsOf, type ToileData, type ToileRecords } from '../columnar/records.ts';
import { edgeBaseQuantities } from '../graph/base-quantity.ts';
import { compareStrings } from './compare.ts';
import { itemKey } from './items.ts';

/** One input (or output) exchanged only across the territory's border. */
export interface GapEntry {
  /** `code:…` or `family:…`. */
  key: string;
  code?: string;
  family?: string;
  /** First label met for the item. */
  label?: string;
  kinds: FlowKind[];
  /** Inside establishments concerned: buyers (missing inputs) or producers (exported outputs). */
  establishments: string[];
  /** External partners: suppliers (missing inputs) or clients (exported outputs). */
  partners: string[];
  flows: number;
  /** Sum of the known values, €/yr (0 when none known). */
  valueEur: number;
  /** Sum of the known quantities in the most used dimension, in its base unit. */
  quantity: { value: number; unit: string } | null;
  /**
   * Hints that a local link is possible: for a missing input, inside establishments producing it
   * (for outside clients only) and offers declaring it; for an exported output, inside
   * establishments buying it from outside and needs declaring it.
   */
  localCounterparts: string[];
  resources: string[];
}

/** Options of {@link findGaps}. */
export interface GapOptions {
  /** Flow statuses considered (default `active`). */
  statuses?: readonly FlowStatus[];
  /** Ranking: by value (default), quantity or number of establishments concerned. */
  sortBy?: 'value' | 'quantity' | 'establishments';
  index?: GraphIndex;
}

/** Missing inputs and exported outputs, ranked. */
export interface GapResult {
  missingInputs: GapEntry[];
  exportedOutputs: GapEntry[];
  /** Flows with neither code nor family, which cannot be grouped. */
  unkeyedFlows: number;
}

interface Tally {
  key: string;
  code?: string;
  family?: string;
  label?: string;
  kinds: Set<FlowKind>;
  establishments: Set<number>;
  partners: Set<number>;
  /** An inside establishment on the other end too: not a gap. */
  local: boolean;
  flows: number;
  value: number;
  quantity: Map<Dimension, { value: number; flows: number }>;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { key, kinds: new Set(), establishments: new Set(), partners: new Set(), local: false, flows: 0, value: 0, quantity: new Map() }));
  return t;
}

function add(set: Map<string, Set<number>>, key: string, node: number): void {
  const s = set.get(key);
  if (s) s.add(node);
  else set.set(key, new Set([node]));
}

/** Ids of the inside establishments' offers and needs, by direction then item key. */
function resourceIdsByKey(records: ToileRecords, index: GraphIndex): Map<'offer' | 'need', Map<string, string[]>> {
  const byDirection = new Map<'offer' | 'need', Map<string, string[]>>([
    ['offer', new Map()],
    ['need', new Map()],
  ]);
  for (let r = 0; r < records.resourceCount; r++) {
    const node = index.nodeOf.get(records.resourceEstablishment(r));
    const key = itemKey(records.resourceItem(r));
    const byKey = byDirection.get(records.resourceDirection(r));
    if (node === undefined || index.external[node] || !key || !byKey) continue;
    const list = byKey.get(key);
    if (list) list.push(records.resourceId(r));
    else byKey.set(key, [records.resourceId(r)]);
  }
  return byDirection;
}

/** The tallies that are gaps (no local partner), as entries, sorted by `sortBy` then ties broken. */
function gapEntries(
  map: Map<string, Tally>,
  counterparts: Map<string, Set<number>>,
  resources: Map<string, string[]>,
  nodeIds: readonly string[],
  sortBy: NonNullable<GapOptions['sortBy']>,
): GapEntry[] {
  const list: GapEntry[] = [];
  const ids = (set: Iterable<number>) => [...set].sort((a, b) => a - b).map((i) => nodeIds[i]!);
  for (const t of map.values()) {
    if (t.local || t.flows === 0) continue;
    let best: [Dimension, { value: number; flows: number }] | undefined;
    for (const q of t.quantity) if (!best || q[1].flows > best[1].flows) best = q;
    list.push({
      key: t.key,
      ...(t.code ? { code: t.code } : {}),
      ...(t.family ? { family: t.family } : {}),
      ...(t.label ? { label: t.label } : {}),
      kinds: [...t.kinds],
      establishments: ids(t.establishments),
      partners: ids(t.partners),
      flows: t.flows,
      valueEur: t.value,
      quantity: best ? { value: best[1].value, unit: BASE_UNITS[best[0]] } : null,
      localCounterparts: ids(counterparts.get(t.key) ?? []),
      resources: resources.get(t.key) ?? [],
    });
  }
  const measure = (g: GapEntry) => (sortBy === 'value' ? g.valueEur : sortBy === 'quantity' ? (g.quantity?.value ?? 0) : g.establishments.length);
  return list.sort(
    (a, b) => measure(b) - measure(a) || b.establishments.length - a.establishments.length || b.valueEur - a.valueEur || compareStrings(a.key, b.key),
  );
}

/**
 * Groups flows that cross the territory's border by item (code, else family). A key is a missing
 * input when every flow of it received inside the territory comes from outside, an exported output
 * when every flow of it given inside the territory goes outside. O(flows + resources).
 */
export function findGaps(doc: ToileData, options: GapOptions = {}): GapResult {
  const index = options.index ?? indexOf(doc);
  const records = recordsOf(doc);
  const mask = edgeMask(index, { statuses: options.statuses ?? ['active'] });
  const { edgeSource, edgeTarget, external, edgeFlow, edgeValue } = index;
  const { amount: edgeAmount, dimension: edgeDimension } = edgeBaseQuantities(doc, index);
  const received = new Map<string, Tally>();
  const given = new Map<string, Tally>();
  // Inside establishments giving (receiving) each key, whatever the partner.
  const producers = new Map<string, Set<number>>();
  const buyers = new Map<string, Set<number>>();
  let unkeyedFlows = 0;
  for (let e = 0; e < index.edgeCount; e++) {
    if (!mask[e]) continue;
    const f = edgeFlow[e]!;
    const item = records.flowItem(f);
    const key = itemKey(item);
    if (!key) {
      unkeyedFlows++;
      continue;
    }
    const s = edgeSource[e]!;
    const t = edgeTarget[e]!;
    if (!external[s]) add(producers, key, s);
    if (!external[t]) add(buyers, key, t);
    for (const [map, inside, other] of [
      [received, t, s],
      [given, s, t],
    ] as const) {
      if (external[inside]) continue;
      const entry = tally(map, key);
      if (!external[other]) {
        entry.local = true;
        continue;
      }
      entry.code ??= item?.code;
      entry.family ??= item?.family;
      entry.label ??= item?.label;
      entry.kinds.add(records.flowKind(f));
      entry.establishments.add(inside);
      entry.partners.add(other);
      entry.flows++;
      if (edgeValue[e]! >= 0) entry.value += edgeValue[e]!;
      const d = edgeDimension[e]!;
      if (d >= 0) {
        const dimension = DIMENSIONS[d]!;
        const q = entry.quantity.get(dimension) ?? { value: 0, flows: 0 };
        q.value += edgeAmount[e]!;
        q.flows++;
        entry.quantity.set(dimension, q);
      }
    }
  }
  const resourcesOf = resourceIdsByKey(records, index);
  const finish = (map: Map<string, Tally>, counterparts: Map<string, Set<number>>, direction: 'offer' | 'need') =>
    gapEntries(map, counterparts, resourcesOf.get(direction) ?? new Map(), index.ids, options.sortBy ?? 'value');
  return {
    missingInputs: finish(received, producers, 'offer'),
    exportedOutputs: finish(given, buyers, 'need'),
    unkeyedFlows,
  };
}
