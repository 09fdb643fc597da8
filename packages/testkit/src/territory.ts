/**
 * Synthetic territories for benchmarks: any size from 1k to 1M establishments, deterministic for a
 * seed, with a realistic degree distribution (a few hubs with thousands of links, most companies with
 * a handful), ~12 % external partners, located establishments, every flow kind with units that fit
 * it, dependency shares that never add up above 1 per establishment, and optional offers and needs
 * and productive capabilities.
 * Records are kept lean (short ids, few fields): benchmarks measure parsing too.
 *
 * In memory here (Node and the browser); `writeTerritory` and the command line
 * (`npx tsx packages/testkit/src/write-territory.ts --establishments 100000 --out FILE`) write files
 * chunk by chunk, so 1M / 5M never builds one string.
 */
import type { ToileDocument as Doc, Capability, Establishment, Flow, Resource, FlowKind, Unit, Family } from '@toile/schema';
import nafData from '@toile/schema/vocab/naf.json' with { type: 'json' };
import ewcData from '@toile/schema/vocab/ewc.json' with { type: 'json' };
import { mulberry32 } from '@toile/sdk';

/** Options of {@link generateTerritory}. */
export interface GenerateOptions {
  establishments: number;
  /** Average flows per establishment (default 5). */
  flowsPerEstablishment?: number;
  /**
   * Offers and needs: `true` gives each establishment 5 (2 offers, 3 needs); a number gives it that
   * many (40 % offers). Default: none.
   */
  resourcesPerEstablishment?: boolean | number;
  /**
   * Productive capabilities on internal establishments: `true` gives each up to 3 (one or more for
   * about half of them); a number gives each that many at most. Drawn from a PRNG of their own, so
   * that turning them on changes nothing else in the document. Default: none.
   */
  capabilitiesPerEstablishment?: boolean | number;
  /** Seed of the generator (default 42): the same options always give the same document. */
  seed?: number;
}

/** Industry-heavy NAF divisions: manufacturing 10–33, utilities and waste 35–39, wholesale 46, transport 49–52. */
const INDUSTRIAL_DIVISIONS = /^(1[0-9]|2[0-9]|3[0-3]|3[5-9]|46|49|5[0-2])\./;
const NAF_CODES = Object.keys(nafData.labels).filter((c) => c.length === 6 && INDUSTRIAL_DIVISIONS.test(c));

interface EwcPick {
  code: string;
  family: Family;
}
const EWC_WITH_FAMILY = (ewcData.entries as { code: string; level: string; family: string | null }[]).filter(
  (e): e is { code: string; level: string; family: string } => e.level === 'entry' && e.family !== null,
);
/** Every EWC entry that has a family (by-product flows: the whole list is exercised). */
const EWC_ALL: EwcPick[] = EWC_WITH_FAMILY.map((e) => ({ code: e.code, family: e.family as Family }));
/**
 * Offers and needs draw from the chapters of industrial by-products (agri-food, wood and paper,
 * leather and textiles, organic chemistry, thermal processes, metal shaping, packaging, end-of-life,
 * construction, waste treatment), with a skew, so that the synergy finder has matches to find.
 */
const EWC_INDUSTRIAL: EwcPick[] = EWC_ALL.filter((e) => /^(02|03|04|07|10|12|15|16|17|19)/.test(e.code));

interface UnitChoice {
  unit: Unit;
  /** Typical value; drawn values spread over a factor of ~20 around it. */
  scale: number;
}
interface KindSpec {
  kind: FlowKind;
  /** Relative frequency among flows. */
  weight: number;
  /** Units that fit the kind (KIND_DIMENSIONS of src/units.ts), the first the most common. */
  units: UnitChoice[];
  families?: Family[];
}
const KINDS: KindSpec[] = [
  {
    kind: 'supply',
    weight: 38,
    units: [
      { unit: 't/yr', scale: 2000 },
      { unit: 't/yr', scale: 2000 },
      { unit: 'unit/yr', scale: 5000 },
    ],
  },
  {
    kind: 'service',
    weight: 15,
    units: [
      { unit: 'h/yr', scale: 500 },
      { unit: 'day/yr', scale: 60 },
    ],
  },
  {
    kind: 'subcontracting',
    weight: 10,
    units: [
      { unit: 'unit/yr', scale: 1000 },
      { unit: 'h/yr', scale: 2000 },
    ],
  },
  {
    kind: 'logistics',
    weight: 10,
    units: [
      { unit: 't/yr', scale: 5000 },
      { unit: 'TEU/yr', scale: 300 },
      { unit: 'trip/yr', scale: 200 },
      { unit: 'pallet/yr', scale: 3000 },
    ],
  },
  { kind: 'byproduct', weight: 10, units: [{ unit: 't/yr', scale: 3000 }] },
  { kind: 'energy', weight: 5, units: [{ unit: 'MWh/yr', scale: 20000 }], families: ['steam', 'heat', 'electricity', 'fuel-gas'] },
  { kind: 'water', weight: 5, units: [{ unit: 'm3/yr', scale: 50000 }], families: ['water', 'process-water', 'wastewater'] },
  {
    kind: 'knowledge',
    weight: 3,
    units: [
      { unit: 'day/yr', scale: 30 },
      { unit: 'FTE', scale: 2 },
    ],
  },
  {
    kind: 'pooling',
    weight: 4,
    units: [
      { unit: 'unit', scale: 3 },
      { unit: 'm2', scale: 2000 },
      { unit: 'FTE', scale: 2 },
    ],
  },
];
/** Kinds repeated by weight, so that a kind is one table lookup. */
const KIND_TABLE: KindSpec[] = KINDS.flatMap((k) => Array.from({ length: k.weight }, () => k));

/**
 * Processes of the vocabulary with the product codes, unit and typical capacity that go with them:
 * manufacturing first (machining and welding the most common, as among subcontractors), then
 * services. Capabilities pick processes and products with a skew, so that establishments share
 * processes and product codes ("kin") as they do in a real territory.
 */
const CAPABILITY_SPECS: readonly { process: string; products: readonly string[]; unit: Unit; scale: number }[] = [
  { process: 'din8580:3.2', products: ['cpa:25.62', 'hs:8483', 'hs:8487'], unit: 'h/yr', scale: 20000 },
  { process: 'din8580:4.6', products: ['cpa:25.29', 'cpa:25.11', 'hs:7308', 'hs:7309'], unit: 'h/yr', scale: 30000 },
  { process: 'din8580:2.4', products: ['cpa:25.11', 'cpa:24.33', 'hs:7308'], unit: 't/yr', scale: 5000 },
  { process: 'din8580:5.1', products: ['cpa:25.61', 'hs:3208'], unit: 'h/yr', scale: 10000 },
  { process: 'din8580:1.2', products: ['cpa:22.29', 'cpa:22.21', 'hs:3926'], unit: 't/yr', scale: 1500 },
  { process: 'din8580:1.1', products: ['cpa:24.51', 'cpa:24.53', 'hs:7325'], unit: 't/yr', scale: 4000 },
  { process: 'din8580:3.3', products: ['cpa:25.62', 'hs:8482'], unit: 'h/yr', scale: 6000 },
  { process: 'din8580:2.1', products: ['cpa:25.50', 'hs:7326'], unit: 't/yr', scale: 8000 },
  { process: 'din8580:3.4', products: ['cpa:25.62', 'cpa:25.73'], unit: 'h/yr', scale: 5000 },
  { process: 'din8580:5.4', products: ['cpa:25.61'], unit: 'h/yr', scale: 5000 },
  { process: 'din8580:6.2', products: ['cpa:25.61'], unit: 'h/yr', scale: 6000 },
  { process: 'din8580:4.8', products: ['cpa:22.29', 'cpa:28.11'], unit: 'unit/yr', scale: 2000 },
  { process: 'assembly', products: ['cpa:28.29', 'cpa:27.90', 'cpa:33.20'], unit: 'h/yr', scale: 40000 },
  { process: 'maintenance', products: ['cpa:33.12', 'cpa:33.14'], unit: 'h/yr', scale: 50000 },
  { process: 'testing:ndt', products: ['cpa:71.20'], unit: 'h/yr', scale: 10000 },
  { process: 'testing:laboratory', products: ['cpa:71.20'], unit: 'h/yr', scale: 8000 },
  { process: 'design', products: ['cpa:71.12'], unit: 'h/yr', scale: 20000 },
  { process: 'prototyping', products: ['cpa:72.19'], unit: 'unit/yr', scale: 200 },
  { process: 'logistics', products: ['cpa:52.10', 'cpa:49.41'], unit: 'pallet/yr', scale: 50000 },
];
const CERTIFICATIONS = ['ISO 9001', 'ISO 14001', 'ISO 3834-2', 'EN 9100', 'MASE', 'ISO/IEC 17025'];

const CENTER = { lat: 49.47, lon: 0.18 };
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((CENTER.lat * Math.PI) / 180);
/** Industrial zones (km east, km north of the centre, spread in km) where internal establishments cluster. */
const ZONES = [
  [0, 0, 3],
  [9, -4, 4],
  [-13, 5, 3],
  [16, 11, 5],
  [-6, -15, 4],
  [22, -8, 3],
] as const;

/**
 * Upstream (and downstream) budgets are counted in hundredths and capped at 99, so that the shares
 * of one establishment add up to at most 0.99 — still ≤ 1 after floating-point summation.
 */
const SHARE_BUDGET = 99;

const LA_POSTE_SIREN = 356000000;

/** The Luhn check digit that completes `digits` into a valid number. */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, the digit next to the (future) check digit is doubled.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Everything a generation needs, drawn once from the seed; records are then made one by one.
 * @internal shared by generateTerritory and writeTerritory.
 */
export class Generation {
  readonly rand: () => number;
  readonly n: number;
  readonly m: number;
  readonly seed: number;
  readonly resourcesEach: number;
  readonly external: Uint8Array;
  /** Establishment at each rank (rank 0 = biggest hub), for suppliers and for buyers. */
  readonly supplierAt: Uint32Array;
  readonly buyerAt: Uint32Array;
  /** Best rank of each establishment (as supplier or buyer), which sets its size. */
  readonly bestRank: Uint32Array;
  /** Upstream share left per receiver, downstream per giver, in hundredths. */
  readonly upstreamLeft: Uint8Array;
  readonly downstreamLeft: Uint8Array;
  /** Odd multiplier and offset of the SIREN scramble (bijective modulo 10^9: SIRETs never repeat). */
  private readonly sirenMul: number;
  private readonly sirenAdd: number;
  private resourceCounter = 0;
  /** Capabilities per internal establishment at most (0: none). */
  readonly capabilitiesEach: number;
  /** The capabilities' own PRNG: the other records are the same with or without them. */
  private readonly capabilityRand: () => number;
  private capabilityCounter = 0;

  constructor(readonly options: GenerateOptions) {
    this.seed = options.seed ?? 42;
    this.rand = mulberry32(this.seed);
    this.n = Math.max(2, Math.floor(options.establishments));
    this.m = Math.max(0, Math.round(this.n * (options.flowsPerEstablishment ?? 5)));
    const res = options.resourcesPerEstablishment;
    this.resourcesEach = res === true ? 5 : typeof res === 'number' && res > 0 ? Math.floor(res) : 0;
    const caps = options.capabilitiesPerEstablishment;
    this.capabilitiesEach = caps === true ? 3 : typeof caps === 'number' && caps > 0 ? Math.floor(caps) : 0;
    this.capabilityRand = mulberry32((this.seed ^ 0x5eed15) >>> 0);
    this.external = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) this.external[i] = this.rand() < 0.12 ? 1 : 0;
    this.supplierAt = this.permutation();
    this.buyerAt = this.permutation();
    this.bestRank = new Uint32Array(this.n).fill(this.n);
    for (let r = 0; r < this.n; r++) {
      const s = this.supplierAt[r]!;
      const b = this.buyerAt[r]!;
      if (r < this.bestRank[s]!) this.bestRank[s] = r;
      if (r < this.bestRank[b]!) this.bestRank[b] = r;
    }
    this.upstreamLeft = new Uint8Array(this.n).fill(SHARE_BUDGET);
    this.downstreamLeft = new Uint8Array(this.n).fill(SHARE_BUDGET);
    // A multiplier coprime with 10 permutes 0…10^9−1: establishment i gets a SIREN no other one has
    // (exact in doubles while i · multiplier < 2^53, i.e. up to 10 million establishments).
    const mul = 100_000_001 + 2 * Math.floor(this.rand() * 400_000_000);
    this.sirenMul = mul % 5 === 0 ? mul + 2 : mul;
    this.sirenAdd = Math.floor(this.rand() * 1e9);
  }

  /** Fisher–Yates shuffle of 0…n−1, so that hubs are spread over the id range. */
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

  /**
   * A Zipf-like pick: rank = n·u³, so P(rank ≤ k) = (k/n)^(1/3) and the frequency of rank k falls as
   * k^(−2/3). With 100k establishments / 500k flows the top hub gets ~10k links on each side, the
   * 10th ~800, the 1,000th ~40, the median a couple — the long tail of real industrial webs.
   */
  private pick(at: Uint32Array): number {
    const u = this.rand();
    return at[Math.min(this.n - 1, Math.floor(this.n * u * u * u))]!;
  }

  /** A SIRET: 13 digits (scrambled unique SIREN + 4 random NIC digits) and their Luhn check digit. */
  private siret(i: number): string | undefined {
    const siren = ((((i % 1e9) * this.sirenMul) % 1e9) + this.sirenAdd) % 1e9;
    const nic = Math.floor(this.rand() * 10000);
    // La Poste's SIREN follows another checksum rule: leave that one establishment without SIRET.
    if (siren === LA_POSTE_SIREN) return undefined;
    const digits = String(siren).padStart(9, '0') + String(nic).padStart(4, '0');
    return digits + luhnDigit(digits);
  }

  establishment(i: number): Establishment {
    const r = this.rand;
    const e: Establishment = { id: `e${i}`, name: `Ets ${i}` };
    // Survey data is sparse: most fields are known for most establishments, not all.
    if (r() < 0.8) {
      const siret = this.siret(i);
      if (siret) e.siret = siret;
    }
    if (r() < 0.9) e.naf = NAF_CODES[Math.floor(r() * NAF_CODES.length)]!;
    if (r() < 0.9) {
      // Hubs are big sites: the size grows as the rank falls (1 to a few thousand employees).
      const q = (this.bestRank[i]! + 1) / this.n;
      e.employees = Math.max(1, Math.round(Math.exp(r() * 4) * 30 * (1 + q * 1000) ** -0.5));
    }
    if (this.external[i]) {
      e.external = true;
      // Partners elsewhere: 80 to 600 km away in any direction.
      const angle = r() * 2 * Math.PI;
      const km = 80 + r() * 520;
      e.location = {
        lat: round(CENTER.lat + (km * Math.sin(angle)) / KM_PER_DEG_LAT, 4),
        lon: round(CENTER.lon + (km * Math.cos(angle)) / KM_PER_DEG_LON, 4),
      };
    } else {
      const [east, north, spread] = ZONES[Math.floor(r() * ZONES.length)]!;
      // Sum of three uniforms: a bell-shaped cluster around the zone's centre.
      const km = () => (r() + r() + r() - 1.5) * spread;
      e.location = {
        lat: round(CENTER.lat + (north + km()) / KM_PER_DEG_LAT, 5),
        lon: round(CENTER.lon + (east + km()) / KM_PER_DEG_LON, 5),
      };
      if (this.capabilitiesEach > 0) {
        const capabilities = this.capabilities();
        if (capabilities.length > 0) e.capabilities = capabilities;
      }
    }
    return e;
  }

  /**
   * The capabilities of one internal establishment (none for about half of them): skewed picks of
   * process and products, so that many pairs share both; capacity, spare share and period,
   * certifications and level for part of them. Draws only from `capabilityRand`.
   */
  private capabilities(): Capability[] {
    const r = this.capabilityRand;
    const count = r() < 0.5 ? 0 : 1 + Math.floor(r() * this.capabilitiesEach);
    const out: Capability[] = [];
    for (let j = 0; j < count; j++) {
      const u = r();
      const spec = CAPABILITY_SPECS[Math.floor(u * u * CAPABILITY_SPECS.length)]!;
      const c: Capability = { id: `c${this.capabilityCounter++}`, process: spec.process };
      const products = spec.products.filter(() => r() < 0.6);
      c.products = products.length > 0 ? products : [spec.products[0]!];
      if (r() < 0.7) c.capacity = { value: Math.max(1, Math.round(spec.scale * Math.exp(r() * 2 - 1))), unit: spec.unit };
      if (r() < 0.3) {
        c.spare = { share: (5 + Math.floor(r() * 45)) / 100 };
        if (r() < 0.5) {
          const month = 1 + Math.floor(r() * 6);
          c.spare.from = `2026-${String(month).padStart(2, '0')}-01`;
          c.spare.to = `2026-${String(month + 6).padStart(2, '0')}-30`;
        }
      }
      if (r() < 0.4) c.certifications = [CERTIFICATIONS[Math.floor(r() * CERTIFICATIONS.length)]!];
      const level = r();
      if (level < 0.05) c.confidentiality = 'confidential';
      else if (level < 0.2) c.confidentiality = 'partners';
      out.push(c);
    }
    return out;
  }

  flow(k: number): Flow {
    const r = this.rand;
    let from = this.pick(this.supplierAt);
    let to = this.pick(this.buyerAt);
    if (to === from) to = (to + 1) % this.n;
    // A flow between two outside partners is not part of the territory's toile.
    if (this.external[from] && this.external[to]) to = this.internalAfter(to);
    if (to === from) from = (from + 1) % this.n;
    const spec = KIND_TABLE[Math.floor(r() * KIND_TABLE.length)]!;
    const f: Flow = { id: `f${k}`, from: `e${from}`, to: `e${to}`, kind: spec.kind };
    if (spec.kind === 'byproduct') {
      const entry = EWC_ALL[Math.floor(r() * EWC_ALL.length)]!;
      f.item = { code: `ewc:${entry.code}`, family: entry.family };
    } else if (spec.families) {
      f.item = { family: spec.families[Math.floor(r() * spec.families.length)]! };
    }
    // As in real surveys, quantities, values and dependency shares are known for part of the flows.
    if (r() < 0.6) {
      const u = spec.units[Math.floor(r() * spec.units.length)]!;
      f.quantity = { value: Math.max(1, Math.round(u.scale * Math.exp(r() * 3 - 1.5))), unit: u.unit };
    }
    if (r() < 0.5) f.valueEur = Math.round(20000 * Math.exp(r() * 5));
    if (r() < 0.4) {
      const up = Math.min(this.upstreamLeft[to]!, Math.floor(r() * 26));
      const down = Math.min(this.downstreamLeft[from]!, Math.floor(r() * 21));
      if (up > 0 || down > 0) {
        this.upstreamLeft[to]! -= up;
        this.downstreamLeft[from]! -= down;
        f.dependency = {};
        if (up > 0) f.dependency.upstream = up / 100;
        if (down > 0) f.dependency.downstream = down / 100;
      }
    }
    const s = r();
    if (s < 0.05) f.status = 'potential';
    else if (s < 0.08) f.status = 'planned';
    else if (s < 0.1) f.status = 'ended';
    return f;
  }

  /** The first internal establishment after `i` (wrapping). */
  private internalAfter(i: number): number {
    for (let j = 1; j < this.n; j++) {
      const c = (i + j) % this.n;
      if (!this.external[c]) return c;
    }
    return i;
  }

  /** The offers and needs of establishment `i` (40 % offers): by-products, energy, water, pooling. */
  resources(i: number): Resource[] {
    const r = this.rand;
    const out: Resource[] = [];
    const offers = Math.round(this.resourcesEach * 0.4);
    for (let d = 0; d < this.resourcesEach; d++) {
      const res: Resource = { id: `r${this.resourceCounter++}`, establishment: `e${i}`, direction: d < offers ? 'offer' : 'need', kind: 'byproduct' };
      const roll = r();
      if (roll < 0.55) {
        // Skewed towards the first codes of the pool, so that offers and needs meet.
        const u = r();
        const entry = EWC_INDUSTRIAL[Math.floor(u * u * EWC_INDUSTRIAL.length)]!;
        res.item = { code: `ewc:${entry.code}`, family: entry.family };
        res.quantity = { value: Math.round(50 + r() * 5000), unit: 't/yr' };
      } else if (roll < 0.75) {
        res.kind = 'energy';
        res.item = { family: r() < 0.6 ? 'heat' : 'steam' };
        res.quantity = { value: Math.round(100 + r() * 50000), unit: 'MWh/yr' };
      } else if (roll < 0.88) {
        res.kind = 'water';
        res.item = { family: r() < 0.7 ? 'process-water' : 'water' };
        res.quantity = { value: Math.round(1000 + r() * 100000), unit: 'm3/yr' };
      } else {
        res.kind = 'pooling';
        res.item = { label: ['formation', 'maintenance', 'achats', 'transport'][Math.floor(r() * 4)]! };
        res.quantity = { value: Math.round(5 + r() * 60), unit: 'day/yr' };
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
        title: `Synthetic territory, ${this.n} establishments, seed ${this.seed}`,
        fictional: true,
        sources: [{ id: 'generator', label: 'Generated by @toile/testkit generateTerritory', method: 'estimate' }],
      },
    };
  }
}

/**
 * A whole synthetic document in memory (use {@link writeTerritory} for files: it never holds the
 * document). Same options, same document, byte for byte, as {@link writeTerritory} writes.
 */
export function generateTerritory(options: GenerateOptions): Doc {
  const g = new Generation(options);
  const establishments: Establishment[] = new Array(g.n);
  for (let i = 0; i < g.n; i++) establishments[i] = g.establishment(i);
  const flows: Flow[] = new Array(g.m);
  for (let k = 0; k < g.m; k++) flows[k] = g.flow(k);
  const doc: Doc = { ...g.header(), establishments, flows } as Doc;
  if (g.resourcesEach > 0) {
    const resources: Resource[] = [];
    for (let i = 0; i < g.n; i++) for (const res of g.resources(i)) resources.push(res);
    doc.resources = resources;
  }
  return doc;
}
