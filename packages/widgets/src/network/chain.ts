import type { Establishment, FlowKind } from '@toile/schema';

/** A stage of the filière (value chain), in reading order; `none` holds establishments with no chain flow. */
export type ChainStage = 'source' | 'processing' | 'user' | 'recovery' | 'none';
export const CHAIN_STAGES: readonly ChainStage[] = ['source', 'processing', 'user', 'recovery', 'none'];

/** The flow kinds that carry matter or energy along a chain; services, knowledge, logistics and pooling do not. */
export const CHAIN_KINDS: ReadonlySet<FlowKind> = new Set<FlowKind>(['supply', 'subcontracting', 'byproduct', 'energy', 'water']);

/** A flow as the chain layout reads it. */
export interface ChainFlow {
  from: string;
  to: string;
  kind: FlowKind;
}

/** Each establishment's stage and depth (longest path from a source, in the condensed graph). */
export interface ChainStages {
  stage: Map<string, ChainStage>;
  depth: Map<string, number>;
}

/**
 * The filière stage of each establishment, from the flows alone:
 * - **recovery**: receives by-products or waste (`byproduct` flows) and they are at least half of what
 *   it receives along the chain;
 * - otherwise, on the chain flows between the others, cycles (mutual suppliers) are condensed into one
 *   step and each establishment gets its longest-path depth from a source; **source**: depth 0 (nothing
 *   received); **user**: something received, nothing passed on; **processing**: receives and passes on;
 * - **none**: no chain flow at all.
 * No graph library of the kit offers a condensation (cytoscape's Tarjan works on a drawn graph only):
 * an iterative Tarjan, linear in the flows, serves here.
 */
export function chainStages(establishments: readonly Establishment[], flows: readonly ChainFlow[]): ChainStages {
  const ids = establishments.map((e) => e.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const received = new Int32Array(n);
  const receivedByproduct = new Int32Array(n);
  const touched = new Uint8Array(n);
  const chain: [number, number, FlowKind][] = [];
  for (const f of flows) {
    const a = at.get(f.from);
    const b = at.get(f.to);
    if (a === undefined || b === undefined || a === b || !CHAIN_KINDS.has(f.kind)) continue;
    chain.push([a, b, f.kind]);
    touched[a] = touched[b] = 1;
    received[b]!++;
    if (f.kind === 'byproduct') receivedByproduct[b]!++;
  }
  const recovery = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (receivedByproduct[i]! > 0 && receivedByproduct[i]! * 2 >= received[i]!) recovery[i] = 1;
  // Adjacency among the others (CSR).
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of chain) if (!recovery[a] && !recovery[b]) out[a]!.push(b);
  const component = tarjan(out);
  const count = Math.max(0, ...component) + 1;
  // Tarjan numbers components in reverse topological order: the highest number has no predecessor.
  const compDepth = new Int32Array(count);
  const compOut: number[][] = Array.from({ length: count }, () => []);
  for (let a = 0; a < n; a++) for (const b of out[a]!) if (component[a] !== component[b]) compOut[component[a]!]!.push(component[b]!);
  for (let c = count - 1; c >= 0; c--) for (const d of compOut[c]!) compDepth[d] = Math.max(compDepth[d]!, compDepth[c]! + 1);
  const hasOut = new Uint8Array(n);
  for (let a = 0; a < n; a++) if (out[a]!.length) hasOut[a] = 1;
  const stage = new Map<string, ChainStage>();
  const depth = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const d = compDepth[component[i]!]!;
    depth.set(ids[i]!, d);
    if (!touched[i]) stage.set(ids[i]!, 'none');
    else if (recovery[i]) stage.set(ids[i]!, 'recovery');
    else if (d === 0 && !(received[i]! > 0 && !hasOut[i])) stage.set(ids[i]!, 'source');
    else if (!hasOut[i]) stage.set(ids[i]!, 'user');
    else stage.set(ids[i]!, 'processing');
  }
  return { stage, depth };
}

/** Tarjan's strongly connected components, iterative (no recursion limit); returns each node's component. */
function tarjan(out: readonly (readonly number[])[]): Int32Array {
  const n = out.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let next = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i === 0) {
        index[v] = low[v] = next++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (i < out[v]!.length) {
        top[1] = i + 1;
        const w = out[v]![i]!;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  return component;
}
