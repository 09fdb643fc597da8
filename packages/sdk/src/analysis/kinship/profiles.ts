/**
 * What each establishment buys, sells and can make, as sparse vectors computed once per document:
 * its inputs and outputs by item key (code, else family) weighted by value, else base-unit
 * quantity, else number of flows, and its capabilities as weighted process features (a declared
 * process counts 1, each DIN 8580 group above it 0.5) and product codes.
 */
import { getProcessLineage, type FlowStatus } from '@toile/schema';
import { recordsOf, type RecordsInput, type ToileRecords } from '../../columnar/records.ts';
import { edgeMask, type GraphIndex } from '../../graph/build-index.ts';
import { edgeBaseQuantities } from '../../graph/base-quantity.ts';
import { itemKey } from '../items.ts';

/** One sparse vector per node, in CSR form: node `n` holds `keys[offsets[n] .. offsets[n + 1])`, keys ascending. */
export interface SparseRows {
  readonly offsets: Uint32Array;
  readonly keys: Int32Array;
  readonly weights: Float64Array;
}

/** How the entries of an input or output profile are weighted. */
export type ProfileBasis = 'value' | 'quantity' | 'count';

/** Basis of each node's profile by its number: 0 no profile, 1 value, 2 quantity, 3 count. */
export const PROFILE_BASES: readonly (ProfileBasis | undefined)[] = [undefined, 'value', 'quantity', 'count'];

/** Weight of a DIN 8580 group (or main group) above a declared process. */
export const ANCESTOR_WEIGHT = 0.5;

/** Interns strings to consecutive numbers. */
export class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
  find(name: string): number | undefined {
    return this.ids.get(name);
  }
}

/** Builds CSR rows node by node: `push` entries for the current node, then `end` it. */
class RowBuilder {
  readonly offsets: Uint32Array;
  private keys: number[] = [];
  private weights: number[] = [];
  private pendingKeys: number[] = [];
  private pendingWeights: number[] = [];
  private node = 0;
  constructor(
    nodes: number,
    private readonly mode: 'sum' | 'max',
    private readonly normalise: boolean,
  ) {
    this.offsets = new Uint32Array(nodes + 1);
  }
  push(key: number, weight: number): void {
    this.pendingKeys.push(key);
    this.pendingWeights.push(weight);
  }
  /** Sorts the current node's entries by key, merges equal keys, normalises (L2) when asked. */
  end(): void {
    const pk = this.pendingKeys;
    const pw = this.pendingWeights;
    const order = pk.map((_, i) => i).sort((a, b) => pk[a]! - pk[b]!);
    const start = this.keys.length;
    for (const i of order) {
      const last = this.keys.length - 1;
      if (last >= start && this.keys[last] === pk[i])
        this.weights[last] = this.mode === 'sum' ? this.weights[last]! + pw[i]! : Math.max(this.weights[last]!, pw[i]!);
      else {
        this.keys.push(pk[i]!);
        this.weights.push(pw[i]!);
      }
    }
    if (this.normalise) {
      let norm = 0;
      for (let k = start; k < this.weights.length; k++) norm += this.weights[k]! * this.weights[k]!;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let k = start; k < this.weights.length; k++) this.weights[k]! /= norm;
      else this.keys.length = this.weights.length = start;
    }
    this.node++;
    this.offsets[this.node] = this.keys.length;
    pk.length = pw.length = 0;
  }
  finish(): SparseRows {
    return { offsets: this.offsets, keys: Int32Array.from(this.keys), weights: Float64Array.from(this.weights) };
  }
}

/** The item key of each edge as an interned number, -1 when the flow has neither code nor family. */
function edgeKeys(records: ToileRecords, index: GraphIndex, keys: Interner): Int32Array {
  const out = new Int32Array(index.edgeCount);
  for (let e = 0; e < index.edgeCount; e++) {
    const key = itemKey(records.flowItem(index.edgeFlow[e]!));
    out[e] = key === undefined ? -1 : keys.id(key);
  }
  return out;
}

/**
 * The basis of one node's profile from its keyed edges: value when every one has a value and they
 * sum above 0, else quantity when every one has a quantity of one dimension summing above 0, else count.
 */
function basisOf(edges: readonly number[], value: Float64Array, amount: Float64Array, dimension: Int8Array): 1 | 2 | 3 {
  let sum = 0;
  let all = true;
  for (const e of edges) {
    if (!(value[e]! >= 0)) all = false;
    else sum += value[e]!;
  }
  if (all && sum > 0) return 1;
  sum = 0;
  all = true;
  const d = dimension[edges[0]!]!;
  for (const e of edges) {
    if (dimension[e] !== d || d < 0 || !(amount[e]! >= 0)) all = false;
    else sum += amount[e]!;
  }
  return all && sum > 0 ? 2 : 3;
}

/** Input and output profiles of every node, and the basis each was weighted on. */
export interface FlowProfiles {
  readonly inputs: SparseRows;
  readonly outputs: SparseRows;
  readonly inputBasis: Uint8Array;
  readonly outputBasis: Uint8Array;
  /** Item keys by number (`code:ewc:100202`, `family:heat`). */
  readonly keys: readonly string[];
}

/**
 * Profiles of what each node receives (inputs) and gives (outputs) in flows of the given statuses,
 * keyed by item key, L2-normalised so that a dot product is their cosine. O(flows log degree).
 */
export function flowProfiles(data: RecordsInput, index: GraphIndex, statuses: readonly FlowStatus[]): FlowProfiles {
  const keys = new Interner();
  const edgeKey = edgeKeys(recordsOf(data), index, keys);
  const mask = edgeMask(index, { statuses });
  const { amount, dimension } = edgeBaseQuantities(data, index);
  const n = index.nodeCount;
  const side = (offsets: Uint32Array, edges: Uint32Array) => {
    const rows = new RowBuilder(n, 'sum', true);
    const basis = new Uint8Array(n);
    const kept: number[] = [];
    for (let v = 0; v < n; v++) {
      kept.length = 0;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const e = edges[k]!;
        if (mask[e] && edgeKey[e]! >= 0) kept.push(e);
      }
      if (kept.length) {
        const b = basisOf(kept, index.edgeValue, amount, dimension);
        for (const e of kept) rows.push(edgeKey[e]!, b === 1 ? index.edgeValue[e]! : b === 2 ? amount[e]! : 1);
        basis[v] = b;
      }
      rows.end();
      if (rows.offsets[v + 1] === rows.offsets[v]) basis[v] = 0;
    }
    return { rows: rows.finish(), basis };
  };
  const inputs = side(index.inOffsets, index.inEdges);
  const outputs = side(index.outOffsets, index.outEdges);
  return { inputs: inputs.rows, outputs: outputs.rows, inputBasis: inputs.basis, outputBasis: outputs.basis, keys: keys.names };
}

/** Capability profiles of every node: process features and product codes. */
export interface CapabilityProfiles {
  /** Weighted process features: a declared process 1, each entry above it in the vocabulary {@link ANCESTOR_WEIGHT}. */
  readonly processes: SparseRows;
  /** Product codes, weight 1. */
  readonly products: SparseRows;
  /** 1 when the establishment declares at least one capability. */
  readonly declared: Uint8Array;
  /** Process features by number (`din8580:3.2`, `din8580:3`). */
  readonly features: readonly string[];
  /** Product codes by number, as written (trimmed). */
  readonly productCodes: readonly string[];
}

/** Process features and products of the capabilities of every establishment (document order = node order). */
export function capabilityProfiles(data: RecordsInput): CapabilityProfiles {
  const records = recordsOf(data);
  const n = records.establishmentCount;
  const features = new Interner();
  const products = new Interner();
  const processRows = new RowBuilder(n, 'max', false);
  const productRows = new RowBuilder(n, 'max', false);
  const declared = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    for (const c of records.establishmentCapabilities(v) ?? []) {
      if (typeof c?.process !== 'string' || c.process === '') continue;
      declared[v] = 1;
      processRows.push(features.id(c.process), 1);
      for (const p of getProcessLineage(c.process).slice(1)) processRows.push(features.id(p.id), ANCESTOR_WEIGHT);
      for (const code of c.products ?? []) if (typeof code === 'string' && code.trim()) productRows.push(products.id(code.trim()), 1);
    }
    processRows.end();
    productRows.end();
  }
  return {
    processes: processRows.finish(),
    products: productRows.finish(),
    declared,
    features: features.names,
    productCodes: products.names,
  };
}

/** For each key, the nodes whose row holds it (CSR over keys, nodes ascending). */
export interface Postings {
  readonly offsets: Uint32Array;
  readonly nodes: Uint32Array;
}

/** Inverts rows into postings over `keyCount` keys. O(entries). */
export function postingsOf(rows: SparseRows, keyCount: number): Postings {
  const offsets = new Uint32Array(keyCount + 1);
  for (const k of rows.keys) offsets[k + 1]!++;
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const fill = offsets.slice(0, keyCount);
  const nodes = new Uint32Array(rows.keys.length);
  const n = rows.offsets.length - 1;
  for (let v = 0; v < n; v++) for (let j = rows.offsets[v]!; j < rows.offsets[v + 1]!; j++) nodes[fill[rows.keys[j]!]!++] = v;
  return { offsets, nodes };
}
