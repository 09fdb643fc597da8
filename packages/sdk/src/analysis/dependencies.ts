/**
 * Critical dependencies: inputs of an establishment of the territory that come from a single
 * supplier carrying more than a chosen share of the establishment's activity.
 */
import type { GraphIndex } from '../graph/build-index.ts';
import { recordsOf, type RecordsInput } from '../columnar/records.ts';
import { compareStrings } from './compare.ts';
import { inputKey } from './items.ts';

/** One input with a single supplier above the threshold. */
export interface CriticalDependency {
  /** The dependent establishment. */
  establishment: string;
  /** Input key: `code:…`, `family:…` or `kind:<kind>[:label]`. */
  input: string;
  label?: string;
  supplier: string;
  supplierExternal: boolean;
  /** Share of the establishment's activity that depends on this input (0–1). */
  share: number;
  /** `given`: sum of `dependency.upstream`; `value`: share of the input value (when every input has one). */
  shareSource: 'given' | 'value';
  /** Flows carrying the input. */
  flows: string[];
}

/** Options of {@link criticalDependencies}. */
export interface CriticalDependencyOptions {
  /** Share above which a single-supplier input is critical (default 0.3). */
  threshold?: number;
  /** Edges taken into account (default all). */
  mask?: Uint8Array;
}

/** Critical inputs, most critical first, with the counts behind them. */
export interface CriticalDependencyResult {
  entries: CriticalDependency[];
  /** Inputs (establishment × input key) with a single supplier, critical or not. */
  singleSupplierInputs: number;
  /** Of those, inputs whose share is unknown (no upstream share, no value to derive one). */
  unknownShare: number;
}

/**
 * For each establishment inside the territory, groups its incoming flows by input (code, else
 * family, else kind and label) and keeps the inputs with one supplier whose upstream share — given,
 * else its share of the input value when every input has a value — exceeds the threshold. O(edges).
 */
export function criticalDependencies(doc: RecordsInput, index: GraphIndex, options: CriticalDependencyOptions = {}): CriticalDependencyResult {
  const threshold = options.threshold ?? 0.3;
  const mask = options.mask;
  const { inOffsets, inEdges, edgeSource, edgeUpstream, edgeValue, edgeFlow, external, ids } = index;
  const entries: CriticalDependency[] = [];
  let singleSupplierInputs = 0;
  let unknownShare = 0;
  const groups = new Map<string, number[]>();
  const records = recordsOf(doc);
  for (let v = 0; v < index.nodeCount; v++) {
    if (external[v] || inOffsets[v] === inOffsets[v + 1]) continue;
    groups.clear();
    let valueIn = 0;
    let allValued = true;
    for (let k = inOffsets[v]!; k < inOffsets[v + 1]!; k++) {
      const e = inEdges[k]!;
      if (mask && !mask[e]) continue;
      const f = edgeFlow[e]!;
      const key = inputKey(records.flowKind(f), records.flowItem(f));
      const list = groups.get(key);
      if (list) list.push(e);
      else groups.set(key, [e]);
      if (edgeValue[e]! >= 0) valueIn += edgeValue[e]!;
      else allValued = false;
    }
    for (const [key, list] of groups) {
      const supplier = edgeSource[list[0]!]!;
      if (list.some((e) => edgeSource[e] !== supplier)) continue;
      singleSupplierInputs++;
      let given = 0;
      let known = false;
      let value = 0;
      for (const e of list) {
        if (edgeUpstream[e]! >= 0) {
          given += edgeUpstream[e]!;
          known = true;
        }
        if (edgeValue[e]! >= 0) value += edgeValue[e]!;
      }
      // A value share means something only when every input of the establishment has a value.
      const shareSource = known ? 'given' : allValued && value > 0 ? 'value' : undefined;
      if (!shareSource) {
        unknownShare++;
        continue;
      }
      const share = Math.min(1, shareSource === 'given' ? given : value / valueIn);
      if (share <= threshold) continue;
      const firstLabel = records.flowItem(edgeFlow[list[0]!]!)?.label;
      entries.push({
        establishment: ids[v]!,
        input: key,
        ...(firstLabel ? { label: firstLabel } : {}),
        supplier: ids[supplier]!,
        supplierExternal: external[supplier] === 1,
        share,
        shareSource,
        flows: list.map((e) => records.flowId(edgeFlow[e]!)),
      });
    }
  }
  entries.sort((a, b) => b.share - a.share || compareStrings(a.establishment, b.establishment) || compareStrings(a.input, b.input));
  return { entries, singleSupplierInputs, unknownShare };
}
