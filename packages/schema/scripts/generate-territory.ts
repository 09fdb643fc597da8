/**
 * Synthetic territories for benchmarks: any size from 1k to 1M establishments, deterministic for a
 * seed, with a realistic degree distribution (a few hubs with thousands of links, most companies with
 * a handful), ~12 % external partners, located establishments, every flow kind with units that fit
 * it, dependency shares that never add up above 1 per establishment, and optional offers and needs.
 * Records are kept lean (short ids, few fields): benchmarks measure parsing too.
 *
 * CLI: `npx tsx packages/schema/scripts/generate-territory.ts --establishments 100000 [--flows-per 5]
 * [--seed 42] [--resources] --out FILE` — written in chunks, so 1M / 5M never builds one string.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { components } from '../generated/toile.d.ts';
import nafData from '../vocab/naf.json' with { type: 'json' };
import ewcData from '../vocab/ewc.json' with { type: 'json' };

type Doc = components['schemas']['ToileDocument'];
type Establishment = components['schemas']['Establishment'];
type Flow = components['schemas']['Flow'];
type Resource = components['schemas']['Resource'];
type FlowKind = components['schemas']['FlowKind'];
type Unit = components['schemas']['Unit'];
type Family = components['schemas']['Family'];

/** Options of {@link generateTerritory}. */
export interface GenerateOptions {
  establishments: number;
  /** Average flows per establishment (default 5). */
  flowsPerEstablishment?: number;
  /** `true` or a count: each establishment declares 2 offers and 3 needs (default none). */
  resourcesPerEstablishment?: boolean | number;
  seed?: number;
}

/**
 * mulberry32: a tiny seeded PRNG. Math.random cannot be seeded, and a library would be heavier
 * than these six lines for what benchmarks need (repeatable, fast, not cryptographic).
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDUSTRIAL_DIVISIONS = /^(1[0-9]|2[0-9]|3[0-3]|3[5-9]|46|49|5[0-2])\./;
const NAF_CODES = Object.keys(nafData.labels).filter((c) => c.length === 6 && INDUSTRIAL_DIVISIONS.test(c));
const EWC_ENTRIES = ewcData.entries.filter((e) => e.level === 'entry' && e.family) as { code: string; family: string }[];

interface KindSpec {
  kind: FlowKind;
  weight: number;
  unit: Unit;
  families?: Family[];
  scale: number;
}
const KINDS: KindSpec[] = [
  { kind: 'supply', weight: 40, unit: 't/yr', scale: 2000 },
  { kind: 'service', weight: 15, unit: 'h/yr', scale: 500 },
  { kind: 'subcontracting', weight: 10, unit: 'unit/yr', scale: 1000 },
  { kind: 'logistics', weight: 10, unit: 't/yr', scale: 5000 },
  { kind: 'byproduct', weight: 10, unit: 't/yr', scale: 3000 },
  { kind: 'energy', weight: 5, unit: 'MWh/yr', families: ['steam', 'heat', 'electricity', 'fuel-gas'], scale: 20000 },
  { kind: 'water', weight: 4, unit: 'm3/yr', families: ['water', 'process-water', 'wastewater'], scale: 50000 },
  { kind: 'knowledge', weight: 3, unit: 'day/yr', scale: 30 },
  { kind: 'pooling', weight: 3, unit: 'unit', scale: 3 },
];
const KIND_TABLE: KindSpec[] = KINDS.flatMap((k) => Array.from({ length: k.weight }, () => k));

const CENTER = { lat: 49.47, lon: 0.18 };
// Industrial zones around the centre (km east, km north), where internal establishments cluster.
const ZONES = [
  [0, 0],
  [8, -3],
  [-12, 4],
  [15, 10],
  [-5, -14],
] as const;

function luhnComplete(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Everything a generation needs, drawn once from the seed. */
class Generation {
  readonly rand: () => number;
  readonly n: number;
  readonly m: number;
  readonly external: Uint8Array;
  /** Random ranks so that hubs are spread over the id range. */
  readonly supplierRank: Uint32Array;
  readonly buyerRank: Uint32Array;
  /** Upstream share still available per receiver, downstream per giver (each starts at 1). */
  readonly upstreamLeft: Float64Array;
  readonly downstreamLeft: Float64Array;

  constructor(readonly options: GenerateOptions) {
    this.rand = mulberry32(options.seed ?? 42);
    this.n = Math.max(2, Math.floor(options.establishments));
    this.m = Math.round(this.n * (options.flowsPerEstablishment ?? 5));
    this.external = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) this.external[i] = this.rand() < 0.12 ? 1 : 0;
    this.supplierRank = this.permutation();
    this.buyerRank = this.permutation();
    this.upstreamLeft = new Float64Array(this.n).fill(1);
    this.downstreamLeft = new Float64Array(this.n).fill(1);
  }

  private permutation(): Uint32Array {
    const p = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) p[i] = i;
    for (let i = this.n - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** A skewed pick: rank r ∝ u^3, so low ranks (hubs) are drawn far more often. */
  private pick(ranks: Uint32Array): number {
    return ranks[Math.min(this.n - 1, Math.floor(this.n * this.rand() ** 3))]!;
  }

  establishment(i: number): Establishment {
    const r = this.rand;
    // Interview data is sparse: most fields are known for most establishments, not all.
    const e: Establishment = { id: `e${i}`, name: `Ets ${i}` };
    if (r() < 0.8) e.siret = luhnComplete(String(100000000000 + Math.floor(r() * 899999999999)).padStart(13, '1').slice(0, 13));
    if (r() < 0.9) e.naf = NAF_CODES[Math.floor(r() * NAF_CODES.length)]!;
    if (r() < 0.9) e.employees = Math.floor(Math.exp(r() * 7));
    if (this.external[i]) {
      e.external = true;
      e.location = { lat: round(43 + r() * 8, 4), lon: round(-1 + r() * 8, 4) };
    } else {
      const [east, north] = ZONES[Math.floor(r() * ZONES.length)]!;
      const km = () => (r() + r() + r() - 1.5) * 4;
      e.location = {
        lat: round(CENTER.lat + (north + km()) / 111, 5),
        lon: round(CENTER.lon + (east + km()) / (111 * Math.cos((CENTER.lat * Math.PI) / 180)), 5),
      };
    }
    return e;
  }

  flow(k: number): Flow {
    const r = this.rand;
    let from = this.pick(this.supplierRank);
    let to = this.pick(this.buyerRank);
    if (to === from) to = (to + 1) % this.n;
    // Flows between two outside partners are not part of a territory's toile.
    if (this.external[from] && this.external[to]) to = this.internalNear(to);
    if (to === from) from = (from + 1) % this.n;
    const spec = KIND_TABLE[Math.floor(r() * KIND_TABLE.length)]!;
    const f: Flow = { id: `f${k}`, from: `e${from}`, to: `e${to}`, kind: spec.kind };
    if (spec.kind === 'byproduct') {
      const entry = EWC_ENTRIES[Math.floor(r() * EWC_ENTRIES.length)]!;
      f.item = { code: `ewc:${entry.code}`, family: entry.family as Family };
    } else if (spec.families) {
      f.item = { family: spec.families[Math.floor(r() * spec.families.length)]! };
    }
    // As in real surveys, quantities, values and dependency shares are known for part of the flows.
    if (r() < 0.6) f.quantity = { value: Math.round(spec.scale * Math.exp(r() * 3 - 1.5)), unit: spec.unit };
    if (r() < 0.5) f.valueEur = Math.round(20000 * Math.exp(r() * 5));
    const known = r() < 0.4;
    const up = known ? Math.min(this.upstreamLeft[to]!, round(r() * 0.25, 2)) : 0;
    const down = known ? Math.min(this.downstreamLeft[from]!, round(r() * 0.2, 2)) : 0;
    if (up > 0 || down > 0) {
      this.upstreamLeft[to]! -= up;
      this.downstreamLeft[from]! -= down;
      f.dependency = { upstream: up, downstream: down };
    }
    const s = r();
    if (s < 0.05) f.status = 'potential';
    else if (s < 0.08) f.status = 'planned';
    else if (s < 0.1) f.status = 'ended';
    return f;
  }

  private internalNear(i: number): number {
    for (let j = 1; j < this.n; j++) {
      const c = (i + j) % this.n;
      if (!this.external[c]) return c;
    }
    return i;
  }

  resources(i: number, next: () => number): Resource[] {
    const r = this.rand;
    const out: Resource[] = [];
    for (let d = 0; d < 5; d++) {
      const direction = d < 2 ? 'offer' : 'need';
      const roll = r();
      const res: Resource = { id: `r${next()}`, establishment: `e${i}`, direction, kind: 'byproduct' };
      if (roll < 0.55) {
        const entry = EWC_ENTRIES[Math.floor(r() * EWC_ENTRIES.length)]!;
        res.item = { code: `ewc:${entry.code}`, family: entry.family as Family };
        res.quantity = { value: Math.round(50 + r() * 5000), unit: 't/yr' };
      } else if (roll < 0.75) {
        res.kind = 'energy';
        res.item = { family: r() < 0.6 ? 'heat' : 'steam' };
        res.quantity = { value: Math.round(100 + r() * 50000), unit: 'MWh/yr' };
      } else if (roll < 0.88) {
        res.kind = 'water';
        res.item = { family: 'process-water' };
        res.quantity = { value: Math.round(1000 + r() * 100000), unit: 'm3/yr' };
      } else {
        res.kind = 'pooling';
        res.item = { label: ['formation', 'maintenance', 'achats', 'transport'][Math.floor(r() * 4)]! };
      }
      out.push(res);
    }
    return out;
  }

  header(): Omit<Doc, 'establishments' | 'flows' | 'resources'> {
    return {
      toile: '1.0',
      territory: { id: `synthetic-${this.n}`, name: `Territoire synthétique (${this.n} établissements)`, center: CENTER },
      meta: {
        title: `Synthetic territory, ${this.n} establishments, seed ${this.options.seed ?? 42}`,
        fictional: true,
        sources: [{ id: 'generator', label: 'Generated by @toile/schema generate-territory', method: 'estimate' }],
      },
    };
  }

  get withResources(): boolean {
    return Boolean(this.options.resourcesPerEstablishment);
  }
}

/** A whole synthetic document in memory (use {@link writeTerritory} beyond a few hundred thousand). */
export function generateTerritory(options: GenerateOptions): Doc {
  const g = new Generation(options);
  const establishments: Establishment[] = new Array(g.n);
  for (let i = 0; i < g.n; i++) establishments[i] = g.establishment(i);
  const flows: Flow[] = new Array(g.m);
  for (let k = 0; k < g.m; k++) flows[k] = g.flow(k);
  const doc: Doc = { ...g.header(), establishments, flows } as Doc;
  if (g.withResources) {
    let counter = 0;
    const resources: Resource[] = [];
    for (let i = 0; i < g.n; i++) resources.push(...g.resources(i, () => counter++));
    doc.resources = resources;
  }
  return doc;
}

/** Writes a synthetic document to a file chunk by chunk (same content as generateTerritory). */
export async function writeTerritory(path: string, options: GenerateOptions): Promise<{ bytes: number }> {
  const g = new Generation(options);
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const head = JSON.stringify(g.header());
  await write(`${head.slice(0, -1)},"establishments":[`);
  const CHUNK = 10_000;
  // `make` returns the records of one step (one for establishments and flows, five for resources).
  const list = async (count: number, make: (i: number) => unknown[]) => {
    for (let start = 0; start < count; start += CHUNK) {
      const part: string[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) for (const record of make(i)) part.push(JSON.stringify(record));
      await write((start === 0 ? '' : ',') + part.join(','));
    }
  };
  await list(g.n, (i) => [g.establishment(i)]);
  await write('],"flows":[');
  await list(g.m, (k) => [g.flow(k)]);
  if (g.withResources) {
    await write('],"resources":[');
    let counter = 0;
    await list(g.n, (i) => g.resources(i, () => counter++));
  }
  await write(']}');
  out.end();
  await once(out, 'finish');
  return { bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && /generate-territory\.[tj]s$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      establishments: { type: 'string' },
      'flows-per': { type: 'string' },
      seed: { type: 'string' },
      resources: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  if (!values.establishments || !values.out) {
    console.error('usage: generate-territory --establishments N [--flows-per 5] [--seed 42] [--resources] --out FILE');
    process.exit(2);
  }
  const started = performance.now();
  const { bytes } = await writeTerritory(values.out, {
    establishments: Number(values.establishments),
    flowsPerEstablishment: Number(values['flows-per'] ?? 5),
    seed: Number(values.seed ?? 42),
    resourcesPerEstablishment: values.resources ?? false,
  });
  console.log(`wrote ${values.out}: ${(bytes / 1048576).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
