/**
 * The indexes the makers question reads, built on its first call and kept with the prepared context:
 * capabilities by product code prefix and by process (and every group above it), flows by the code
 * prefixes of what they carry, establishments by NAF sub-class, class and group.
 */
import { getProcessLineage } from '@toile/schema';
import type { ParsedItem } from '../items.ts';
import type { KinshipContext, KinshipData } from './context.ts';
import { codeIndexKeys, parseCode } from './matches.ts';

/** One capability of the document, flattened. */
export interface IndexedCapability {
  readonly node: number;
  readonly id: string;
  readonly process: string;
  /** Its product codes as written, and parsed (undefined when not a code). */
  readonly products: readonly string[];
  readonly parsed: readonly (ParsedItem | undefined)[];
}

/** The makers' indexes. */
export interface MakerIndex {
  readonly capabilities: readonly IndexedCapability[];
  /** Capabilities (positions) by product code key (see `codeIndexKeys`). */
  readonly byProductKey: ReadonlyMap<string, readonly number[]>;
  /** The same, one entry per product: position × {@link PRODUCT_SLOTS} + the product's position in the capability. */
  readonly byProductPair: ReadonlyMap<string, readonly number[]>;
  /** Capabilities by their process and by every entry above it. */
  readonly byProcess: ReadonlyMap<string, readonly number[]>;
  /** Edges by the code keys of their item. */
  readonly byFlowKey: ReadonlyMap<string, readonly number[]>;
  /** The parsed code of each edge's item, undefined when it has none. */
  readonly edgeCode: readonly (ParsedItem | undefined)[];
}

/** Products of a capability indexed one by one (the format allows 100). */
export const PRODUCT_SLOTS = 128;

const built = new WeakMap<KinshipContext<KinshipData>, MakerIndex>();

function add<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every capability of the document, flattened in document order, indexed by product key and process. */
function indexCapabilities(ctx: KinshipContext<KinshipData>) {
  const capabilities: IndexedCapability[] = [];
  const byProductKey = new Map<string, number[]>();
  const byProductPair = new Map<string, number[]>();
  const byProcess = new Map<string, number[]>();
  for (let node = 0; node < ctx.records.establishmentCount; node++) {
    for (const c of ctx.records.establishmentCapabilities(node) ?? []) {
      if (typeof c?.process !== 'string' || c.process === '') continue;
      const products = (c.products ?? []).filter((p): p is string => typeof p === 'string');
      const parsed = products.map(parseCode);
      const pos = capabilities.length;
      capabilities.push({ node, id: c.id, process: c.process, products, parsed });
      const keys = new Set(parsed.flatMap((p) => (p ? codeIndexKeys(p) : [])));
      for (const k of keys) add(byProductKey, k, pos);
      parsed.forEach((p, k) => {
        if (p && k < PRODUCT_SLOTS) for (const key of codeIndexKeys(p)) add(byProductPair, key, pos * PRODUCT_SLOTS + k);
      });
      add(byProcess, c.process, pos);
      for (const p of getProcessLineage(c.process).slice(1)) add(byProcess, p.id, pos);
    }
  }
  return { capabilities, byProductKey, byProductPair, byProcess };
}

/** The edges by the code keys of their item (any status), and each edge's parsed code. */
function indexFlows(ctx: KinshipContext<KinshipData>) {
  const byFlowKey = new Map<string, number[]>();
  const edgeCode: (ParsedItem | undefined)[] = new Array(ctx.index.edgeCount);
  const cache = new Map<string, ParsedItem | undefined>();
  for (let e = 0; e < ctx.index.edgeCount; e++) {
    const code = ctx.records.flowItem(ctx.index.edgeFlow[e]!)?.code;
    if (code === undefined) continue;
    let parsed = cache.get(code);
    if (parsed === undefined && !cache.has(code)) cache.set(code, (parsed = parseCode(code)));
    edgeCode[e] = parsed;
    if (parsed) for (const k of codeIndexKeys(parsed)) add(byFlowKey, k, e);
  }
  return { byFlowKey, edgeCode };
}

/** The makers' indexes of a prepared context (built once). O(capabilities + flows). */
export function makerIndex(ctx: KinshipContext<KinshipData>): MakerIndex {
  let index = built.get(ctx);
  if (!index) built.set(ctx, (index = { ...indexCapabilities(ctx), ...indexFlows(ctx) }));
  return index;
}
