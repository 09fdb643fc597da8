/**
 * Issue #4 benchmarks: index build on 1M establishments / 5M flows (reported); PageRank on 1M / 5M
 * after load (issue #16: ≤ 2 s and faster than the baseline, peak RSS printed); sampled betweenness, 256 sources, on 100k / 500k (< 10 s); synergy finder on 100k
 * establishments with 2 offers and 3 needs each, radius 20 km (< 0.25 s). Baselines run in the same
 * process on the same input: the same algorithms written the way a first version would be — one
 * object per node, JS arrays, Maps with string keys (graphology is not installed; cytoscape and
 * graphology measured 14 s for PageRank at 10k nodes and 50 s for betweenness at 10k).
 * `TOILE_BENCH_SKIP_1M=1` skips the national groups, `TOILE_BENCH_ONLY_1M=1` runs them alone.
 */
import { generateTerritory } from '@toile/testkit/node';
import { getUnit, type Flow, type FlowKind, type Item, type Quantity, type ToileDocument } from '@toile/schema';
import {
  betweenness,
  buildIndex,
  edgeMask,
  findSynergies,
  haversineKm,
  itemCompatibility,
  kindCompatibility,
  pageRank,
  parseItem,
  prepareSynergies,
  type GraphIndex,
  type ParsedItem,
  type SynergyMatch,
} from '../src/index.ts';
import { familyScore, ITEM_MATCH_SCORES, UTILITY_FAMILIES } from '../src/analysis/items.ts';
import { cheapestRates, DEFAULT_TRANSPORT, transportPart } from '../src/analysis/transport.ts';
import { mulberry32 } from '../src/analysis/random.ts';
import { runGroup } from './harness.ts';

// ------------------------------------------------------------------ baselines

/** Index as a first version would build it: a Map of node objects holding arrays of flows. */
function naiveIndex(doc: Pick<ToileDocument, 'establishments' | 'flows'>) {
  const nodes = new Map<string, { out: Flow[]; in: Flow[] }>();
  for (const e of doc.establishments) nodes.set(e.id, { out: [], in: [] });
  for (const f of doc.flows) {
    nodes.get(f.from)?.out.push(f);
    nodes.get(f.to)?.in.push(f);
  }
  return nodes;
}

/** Node objects with arrays of neighbour positions (what graph libraries keep, minus their overhead). */
function objectGraph(index: GraphIndex, mask: Uint8Array): { out: number[]; in: number[] }[] {
  const nodes = Array.from({ length: index.nodeCount }, () => ({ out: [] as number[], in: [] as number[] }));
  for (let e = 0; e < index.edgeCount; e++) {
    if (!mask[e]) continue;
    const s = index.edgeSource[e]!;
    const t = index.edgeTarget[e]!;
    if (s === t) continue;
    nodes[s]!.out.push(t);
    nodes[t]!.in.push(s);
  }
  return nodes;
}

/** Push-style PageRank over node objects and plain arrays, same damping and stopping rule. */
function naivePageRank(nodes: { out: number[] }[], damping = 0.85, tolerance = 1e-6): number[] {
  const n = nodes.length;
  let rank: number[] = new Array(n).fill(1 / n);
  for (let it = 0; it < 200; it++) {
    let dangling = 0;
    for (let u = 0; u < n; u++) if (nodes[u]!.out.length === 0) dangling += rank[u]!;
    const next: number[] = new Array(n).fill((1 - damping) / n + (damping * dangling) / n);
    nodes.forEach((node, u) => {
      const share = (damping * rank[u]!) / node.out.length;
      for (const v of node.out) next[v]! += share;
    });
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(next[v]! - rank[v]!);
    rank = next;
    if (change < tolerance) break;
  }
  return rank;
}

/** Textbook Brandes with predecessor lists, arrays refilled for every source. */
function naiveBetweenness(nodes: { out: number[] }[], sources: number[]): number[] {
  const n = nodes.length;
  const value: number[] = new Array(n).fill(0);
  for (const s of sources) {
    const pred: number[][] = Array.from({ length: n }, () => []);
    const sigma: number[] = new Array(n).fill(0);
    const dist: number[] = new Array(n).fill(-1);
    const delta: number[] = new Array(n).fill(0);
    const stack: number[] = [];
    const queue: number[] = [s];
    sigma[s] = 1;
    dist[s] = 0;
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      stack.push(v);
      for (const w of new Set(nodes[v]!.out)) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          queue.push(w);
        }
        if (dist[w] === dist[v]! + 1) {
          sigma[w]! += sigma[v]!;
          pred[w]!.push(v);
        }
      }
    }
    while (stack.length) {
      const w = stack.pop()!;
      for (const v of pred[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      if (w !== s) value[w]! += delta[w]!;
    }
  }
  return value;
}

interface NaiveSide {
  id: string;
  at: string;
  lat: number;
  lon: number;
  kind: FlowKind;
  item: ParsedItem;
  amount: number;
  dimension: string | undefined;
  /** Value per tonne (€/t), NaN when unknown. */
  value: number;
}
interface NaiveCandidate {
  offer: NaiveSide;
  need: NaiveSide;
  score: number;
  d: number;
  o: number;
  n: number;
}

/**
 * The synergy finder as a first version would write it: one object per resource, a grid in a Map
 * with string keys `material|cx|cy`, the same scores and the same bounds (so the same results).
 */
function naiveSynergies(doc: ToileDocument, radius: number, top = 50, perNeed = 3): NaiveCandidate[] {
  const half = radius / 2;
  const w = { item: 0.4, distance: 0.25, quantity: 0.2, kind: 0.15 };
  const cell = 0.25;
  const byId = new Map(doc.establishments.map((e) => [e.id, e]));
  // Values per tonne: a flow's own (valueEur / t), else the median of the flows of the same code, else family.
  const own = new Map<string, number>();
  const lists = new Map<string, number[]>();
  for (const f of doc.flows) {
    const unit = f.quantity ? getUnit(f.quantity.unit) : undefined;
    if (!(f.valueEur !== undefined && f.valueEur > 0) || unit?.dimension !== 'mass' || !(f.quantity!.value * unit.factor > 0)) continue;
    const v = f.valueEur / (f.quantity!.value * unit.factor);
    own.set(f.id, v);
    const p = parseItem(f.item);
    for (const k of [p.scheme ? `${p.scheme}:${p.digits}` : '', p.family ? `family:${p.family}` : '']) {
      if (!k) continue;
      const l = lists.get(k);
      if (l) l.push(v);
      else lists.set(k, [v]);
    }
  }
  for (const l of lists.values()) l.sort((a, b) => a - b);
  const median = (k: string) => {
    const l = lists.get(k);
    if (!l) return undefined;
    const m = l.length >> 1;
    return l.length % 2 ? l[m]! : (l[m - 1]! + l[m]!) / 2;
  };
  const side = (id: string, at: string, kind: FlowKind, item: Item | undefined, quantity: Quantity | undefined, flow = false): NaiveSide | undefined => {
    const e = byId.get(at);
    if (!e || e.external || !item || !(item.code || item.family || item.label)) return undefined;
    const unit = quantity ? getUnit(quantity.unit) : undefined;
    const p = parseItem(item);
    const value =
      (flow ? own.get(id) : undefined) ??
      (p.scheme ? median(`${p.scheme}:${p.digits}`) : undefined) ??
      (p.family ? median(`family:${p.family}`) : undefined) ??
      Number.NaN;
    return {
      id,
      at,
      lat: e.location?.lat ?? Number.NaN,
      lon: e.location?.lon ?? Number.NaN,
      kind,
      item: p,
      amount: unit ? quantity!.value * unit.factor : Number.NaN,
      dimension: unit?.dimension,
      value,
    };
  };
  const offers: NaiveSide[] = [];
  const needs: NaiveSide[] = [];
  for (const r of doc.resources ?? []) {
    const s = side(r.id, r.establishment, r.kind, r.item, r.quantity);
    if (s) (r.direction === 'offer' ? offers : needs).push(s);
  }
  for (const f of doc.flows) {
    if ((f.status ?? 'active') !== 'active' || !byId.get(f.from)?.external) continue;
    const s = side(f.id, f.to, f.kind, f.item, f.quantity, true);
    if (s) needs.push(s);
  }
  const keys = (p: ParsedItem): [string, number][] => {
    const k: [string, number][] = [];
    if (p.scheme !== undefined) k.push([`c:${p.scheme}:${p.digits!.length >= 2 ? p.digits!.slice(0, 2) : p.digits}`, 1]);
    if (p.family !== undefined) k.push([`f:${p.family}`, familyScore(p.family)]);
    if (p.scheme === undefined && p.family === undefined && p.label) k.push([`l:${p.label}`, ITEM_MATCH_SCORES.label]);
    return k.sort((a, b) => b[1] - a[1]);
  };
  const lat0 = 49.47;
  const kx = 111.2 * Math.cos((lat0 * Math.PI) / 180);
  const cellOf = (s: NaiveSide) => [Math.floor((s.lon * kx) / cell), Math.floor((s.lat * 111.2) / cell)] as const;
  const grid = new Map<string, NaiveSide[]>();
  const offerIndex = new Map<NaiveSide, number>();
  offers.forEach((o, i) => {
    offerIndex.set(o, i);
    if (Number.isNaN(o.lat)) return;
    const [cx, cy] = cellOf(o);
    for (const [key] of keys(o.item)) {
      const k = `${key}|${cx}|${cy}`;
      const list = grid.get(k);
      if (list) list.push(o);
      else grid.set(k, [o]);
    }
  });
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  const order = (a: NaiveCandidate, b: NaiveCandidate) =>
    b.score - a.score || (Number.isNaN(a.d) ? Infinity : a.d) - (Number.isNaN(b.d) ? Infinity : b.d) || a.o - b.o || a.n - b.n;
  let best: NaiveCandidate[] = [];
  const rates = cheapestRates(DEFAULT_TRANSPORT);
  const maxValue = offers.reduce((m, o) => (o.value > m ? o.value : m), DEFAULT_TRANSPORT.defaultValuePerTonne);
  const mass = (s: NaiveSide) => (s.dimension === 'mass' ? s.amount : Number.NaN);
  needs.forEach((need, n) => {
    if (Number.isNaN(need.lat)) return;
    const local: NaiveCandidate[] = [];
    const seen = new Set<NaiveSide>();
    const threshold = () => Math.max(best.length >= top ? best[top - 1]!.score : 0, local.length >= perNeed ? local[perNeed - 1]!.score : 0);
    const [cx, cy] = cellOf(need);
    for (const [key, bound] of keys(need.item)) {
      for (let r = 0; r <= Math.ceil(radius / cell) + 1; r++) {
        const rest = w.item * bound + w.quantity + w.kind;
        const thr = threshold() - 5e-5;
        if (rest + w.distance < thr) break;
        const vBound = Number.isNaN(need.value) ? maxValue : need.value;
        const r0 = (thr - rest) / w.distance;
        const reach = rest >= thr ? radius : Math.min(radius, Math.max(-half * Math.log2(r0), (vBound / r0 - vBound - rates.perTonne) / rates.perTonneKm));
        // 5 % of slack for the flat projection.
        if ((r - 1) * cell > reach * 1.05) break;
        for (let dy = -r; dy <= r; dy++) {
          for (let dx = -r; dx <= r; dx += dy === -r || dy === r || r === 0 ? 1 : 2 * r) {
            for (const offer of grid.get(`${key}|${cx + dx}|${cy + dy}`) ?? []) {
              if (seen.has(offer) || offer.at === need.at) continue;
              const d = haversineKm(offer.lat, offer.lon, need.lat, need.lon);
              if (d > reach * 1.05) continue;
              seen.add(offer);
              const { score: item, match } = itemCompatibility(offer.item, need.item);
              if (!match || d > radius) continue;
              const q =
                offer.dimension !== undefined && offer.dimension === need.dimension && offer.amount > 0 && need.amount > 0
                  ? Math.min(offer.amount, need.amount) / Math.max(offer.amount, need.amount)
                  : 0.5;
              const networked =
                (offer.item.family !== undefined && UTILITY_FAMILIES.has(offer.item.family)) ||
                (need.item.family !== undefined && UTILITY_FAMILIES.has(need.item.family));
              const mo = mass(offer);
              const mn = mass(need);
              const tonnes = mo >= 0 && mn >= 0 ? Math.min(mo, mn) : mo >= 0 ? mo : mn;
              const value = !Number.isNaN(need.value) ? need.value : !Number.isNaN(offer.value) ? offer.value : DEFAULT_TRANSPORT.defaultValuePerTonne;
              const distance = networked ? 2 ** (-d / half) : transportPart(DEFAULT_TRANSPORT, d, tonnes, value);
              const score = round(w.item * item + w.distance * distance + w.quantity * q + w.kind * kindCompatibility(offer.kind, need.kind), 4);
              if (score < threshold()) continue;
              local.push({ offer, need, score, d: round(d, 3), o: offerIndex.get(offer)!, n });
              local.sort(order);
              if (local.length > perNeed) local.pop();
            }
          }
        }
      }
    }
    if (local.length) {
      best = [...best, ...local].sort(order).slice(0, top);
    }
  });
  return best;
}

// ------------------------------------------------------------------ groups

/** The synergy finder on 100k establishments against the Map-keyed baseline. */
async function synergyGroup(): Promise<void> {
  const doc = generateTerritory({ establishments: 100_000, resourcesPerEstablishment: true, seed: 14 });
  const index = buildIndex(doc);
  const prepared = prepareSynergies(doc, { index });
  const mine = findSynergies(prepared, { radiusKm: 20, pooling: false }).matches;
  const naive = naiveSynergies(doc, 20);
  const same =
    mine.length === naive.length &&
    mine.every((m: SynergyMatch, i) => m.offer === naive[i]!.offer.id && m.need === naive[i]!.need.id && m.score === naive[i]!.score);
  console.log(
    `\n(synergies: ${prepared.offers.count.toLocaleString('en')} offers, ${prepared.needs.count.toLocaleString('en')} needs incl. inputs from outside; baseline and toile give ${same ? 'the same' : 'DIFFERENT'} top 50, best ${mine[0]?.score}, 50th ${mine.at(-1)?.score})`,
  );
  await runGroup({
    title: 'synergy finder, radius 20 km, top 50, 3 per need',
    size: `100,000 establishments, ${doc.resources!.length.toLocaleString('en')} offers and needs, ${doc.flows.length.toLocaleString('en')} flows`,
    records: doc.resources!.length,
    iterations: 3,
    targetMs: 250,
    cases: [
      { name: 'baseline: objects + Map-keyed grid (string keys), same bounds', fn: () => naiveSynergies(doc, 20), baseline: true },
      { name: 'toile: findSynergies on prepared data (target)', fn: () => findSynergies(prepared, { radiusKm: 20, pooling: false }) },
      { name: 'toile: same, with pooling candidates', fn: () => findSynergies(prepared, { radiusKm: 20 }) },
      { name: 'toile: same, one establishment', fn: () => findSynergies(prepared, { radiusKm: 20, establishment: 'e1234' }) },
      { name: 'toile: prepareSynergies (once per document, grid included)', fn: () => prepareSynergies(doc, { index }) },
      { name: 'toile: findSynergies(document): prepare + matches + pooling', fn: () => findSynergies(doc, { radiusKm: 20 }) },
    ],
  });
}

/** Sampled betweenness on 100k / 500k against textbook Brandes from the same sources. */
async function betweennessGroup(): Promise<void> {
  const doc = generateTerritory({ establishments: 100_000, seed: 15 });
  const index = buildIndex(doc);
  const mask = edgeMask(index, { statuses: ['active'] });
  const b = betweenness(index, { mask, samples: 256, seed: 1 });
  const nodes = objectGraph(index, mask);
  // The baseline counts from the very sources betweenness() samples (same partial Fisher–Yates, same seed).
  const perm = [...Array(index.nodeCount).keys()];
  const rand = mulberry32(1);
  for (let i = 0; i < 256; i++) {
    const j = i + Math.floor(rand() * (index.nodeCount - i));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const sources = perm.slice(0, 256);
  const reference = naiveBetweenness(nodes, sources);
  const scale = index.nodeCount / 256;
  let gap = 0;
  for (let i = 0; i < index.nodeCount; i++) gap = Math.max(gap, Math.abs(reference[i]! * scale - b.values[i]!) / Math.max(1, b.values[i]!));
  console.log(`\n(betweenness: baseline and toile agree to a relative ${gap.toExponential(1)})`);
  await runGroup({
    title: 'betweenness, 256 sampled sources',
    size: `${index.nodeCount.toLocaleString('en')} establishments / ${index.edgeCount.toLocaleString('en')} flows (${b.exact ? 'exact' : `sampled: ${b.sources} sources, seed ${b.seed}`})`,
    records: index.nodeCount,
    iterations: 2,
    targetMs: 10_000,
    cases: [
      { name: 'baseline: textbook Brandes (predecessor lists, arrays per source)', fn: () => naiveBetweenness(nodes, sources), baseline: true },
      { name: 'toile: betweenness (typed arrays, no predecessor lists)', fn: () => betweenness(index, { mask, samples: 256, seed: 1 }) },
    ],
  });
}

export async function run(): Promise<void> {
  console.log('\n# Analysis: structure and synergy finder (issue #4)');
  // TOILE_BENCH_ONLY_1M=1 runs the national groups alone (the 100k groups take minutes on loaded cores).
  if (!process.env.TOILE_BENCH_ONLY_1M) {
    await synergyGroup();
    await betweennessGroup();
  }
  if (process.env.TOILE_BENCH_SKIP_1M) return;
  const index = await nationalIndex();
  await nationalPageRank(index);
}

/** Generates the 1M / 5M network, measures the index build, and returns the index alone. */
async function nationalIndex(): Promise<GraphIndex> {
  const t0 = performance.now();
  const doc = generateTerritory({ establishments: 1_000_000, seed: 16 });
  console.log(`\n(1M network: ${doc.flows.length.toLocaleString('en')} flows generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await runGroup({
    title: 'graph index build, national size',
    size: `1,000,000 establishments / ${doc.flows.length.toLocaleString('en')} flows`,
    records: doc.establishments.length + doc.flows.length,
    iterations: 2,
    cases: [
      { name: 'baseline: Map of node objects with arrays of flows', fn: () => naiveIndex(doc), baseline: true },
      { name: 'toile: buildIndex (CSR, typed arrays)', fn: () => buildIndex(doc) },
    ],
  });
  return buildIndex(doc);
}

/**
 * PageRank after load: only the index is kept, as after a columnar or Parquet load. Kept alive, the
 * six million objects of the generated document made each run pay for full garbage collections
 * (1–3 s each, set off by any large allocation) rather than for PageRank. The baseline keeps its
 * own node objects, built beforehand like the index.
 */
async function nationalPageRank(index: GraphIndex): Promise<void> {
  const mask = edgeMask(index, { statuses: ['active'] });
  const pr = pageRank(index, { mask });
  const nodes = objectGraph(index, mask);
  const reference = naivePageRank(nodes);
  let gap = 0;
  for (let v = 0; v < index.nodeCount; v++) gap = Math.max(gap, Math.abs(reference[v]! - pr.values[v]!));
  console.log(
    `\n(PageRank: ${pr.iterations} iterations to an L1 change of ${pr.residual.toExponential(1)}, tolerance ${pr.tolerance}; baseline and toile agree to ${gap.toExponential(1)})`,
  );
  await runGroup({
    title: 'PageRank, national size',
    size: `1,000,000 establishments / ${index.edgeCount.toLocaleString('en')} flows (${mask.reduce((s, v) => s + v, 0).toLocaleString('en')} active)`,
    records: index.edgeCount,
    iterations: 2,
    targetMs: 2000,
    cases: [
      { name: 'baseline: push iteration over node objects and arrays', fn: () => naivePageRank(nodes), baseline: true },
      { name: 'toile: pageRank (pull arrays of the kept edges, one fused pass per iteration)', fn: () => pageRank(index, { mask }) },
    ],
  });
  // maxRSS is in KiB and covers the whole process so far, generating the 1M document included.
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
  console.log(`(PageRank, national size: peak RSS of the process ${mib(process.resourceUsage().maxRSS * 1024)}, RSS now ${mib(process.memoryUsage().rss)})`);
}
