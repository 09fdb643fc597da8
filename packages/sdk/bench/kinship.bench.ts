/**
 * Issue #15 benchmarks: `findMakers` and `findKin` on 100k establishments with capabilities
 * (`generateTerritory({ capabilitiesPerEstablishment: true })`), each answer within 250 ms after
 * `prepareKinship`. Baselines run in the same process on the same input: the same questions asked
 * the way a first version would — every establishment scanned, profiles as Maps with string keys,
 * every capability and flow parsed on the spot — and must give the same answers.
 */
import { generateTerritory } from '@toile/testkit/node';
import { getProcessLineage, type ToileDocument } from '@toile/schema';
import { columnsFromDocument, findKin, findMakers, haversineKm, itemKey, prepareKinship, type KinshipContext } from '../src/index.ts';
import { compareStrings } from '../src/analysis/compare.ts';
import { CODE_MATCH_SCORES, codeMatch, noisyOr, parseCode, processMatch, PROCESS_MATCH_SCORES } from '../src/analysis/kinship/matches.ts';
import { makerIndex } from '../src/analysis/kinship/maker-index.ts';
import { activityProximity, NAF_LEVEL_SCORES, parseNaf } from '../src/analysis/kinship/naf.ts';
import { toBaseQuantity } from '../src/graph/base-quantity.ts';
import { runGroup } from './harness.ts';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

// ------------------------------------------------------------------ baseline: makers

interface NaiveMaker {
  id: string;
  score: number;
  d: number;
}

/** Every capability and every flow parsed and matched, every establishment checked for kin, everything sorted. */
function naiveMakers(doc: ToileDocument, query: { product?: string; process?: string }, top: number): NaiveMaker[] {
  const asked = query.product ? parseCode(query.product)! : undefined;
  const best = new Map<string, { cap: number; flow: number; known: boolean }>();
  const note = (id: string, kind: 'cap' | 'flow', s: number, known: boolean) => {
    const b = best.get(id) ?? { cap: 0, flow: 0, known: false };
    b[kind] = Math.max(b[kind], s);
    b.known ||= known;
    best.set(id, b);
  };
  for (const e of doc.establishments) {
    for (const c of e.capabilities ?? []) {
      if (asked) {
        for (const p of c.products ?? []) {
          const parsed = parseCode(p);
          const m = parsed ? codeMatch(asked, parsed) : undefined;
          if (m) note(e.id, 'cap', CODE_MATCH_SCORES[m], m === 'code' || m === 'within');
        }
      } else {
        const m = processMatch(query.process!, c.process);
        if (m) note(e.id, 'cap', PROCESS_MATCH_SCORES[m], m === 'process' || m === 'narrower');
      }
    }
  }
  if (asked) {
    for (const f of doc.flows) {
      const parsed = parseCode(f.item?.code);
      const m = parsed ? codeMatch(asked, parsed) : undefined;
      if (m) note(f.from, 'flow', 0.9 * CODE_MATCH_SCORES[m], m === 'code' || m === 'within');
    }
  }
  const byId = new Map(doc.establishments.map((e) => [e.id, e]));
  // The known makers' activities as sets of strings, one per NAF level.
  const levels = { subclass: new Set<string>(), class: new Set<string>(), group: new Set<string>() };
  for (const [id, b] of best) {
    const naf = b.known ? parseNaf(byId.get(id)!.naf) : undefined;
    if (!naf) continue;
    if (naf.subclass) levels.subclass.add(naf.subclass);
    levels.class.add(naf.class);
    levels.group.add(naf.group);
  }
  const centre = doc.territory.center!;
  const out: NaiveMaker[] = [];
  for (const e of doc.establishments) {
    if (e.external) continue;
    const b = best.get(e.id);
    let kin = 0;
    const naf = b?.known ? undefined : parseNaf(e.naf);
    if (naf) {
      const level =
        naf.subclass && levels.subclass.has(naf.subclass) ? 'subclass' : levels.class.has(naf.class) ? 'class' : levels.group.has(naf.group) ? 'group' : 'none';
      kin = 0.5 * NAF_LEVEL_SCORES[level];
    }
    const strengths = [b?.cap ?? 0, b?.flow ?? 0, kin].filter((s) => s > 0);
    if (!strengths.length) continue;
    const d = e.location?.lat !== undefined ? Math.round(haversineKm(centre.lat, centre.lon, e.location.lat, e.location.lon!) * 1000) / 1000 : Infinity;
    out.push({ id: e.id, score: round4(noisyOr(strengths)), d });
  }
  return out.sort((a, b) => b.score - a.score || a.d - b.d || compareStrings(a.id, b.id)).slice(0, top);
}

// ------------------------------------------------------------------ baseline: kin

interface NaiveProfile {
  naf: ReturnType<typeof parseNaf>;
  inputs: Map<string, number>;
  outputs: Map<string, number>;
  processes: Map<string, number> | undefined;
  products: Set<string>;
}

/** One side's weights by item key: values if all known, else base quantities of one dimension, else counts. */
function naiveSide(flows: ToileDocument['flows']): Map<string, number> {
  const keyed = flows.filter((f) => (f.status ?? 'active') === 'active' && itemKey(f.item));
  const values = keyed.every((f) => f.valueEur !== undefined) && keyed.reduce((s, f) => s + f.valueEur!, 0) > 0;
  const base = keyed.map((f) => toBaseQuantity(f.quantity));
  const quantities = !values && base.every((q) => q && q.dimension === base[0]!.dimension) && base.reduce((s, q) => s + q!.value, 0) > 0;
  const m = new Map<string, number>();
  keyed.forEach((f, i) => {
    const w = values ? f.valueEur! : quantities ? base[i]!.value : 1;
    m.set(itemKey(f.item)!, (m.get(itemKey(f.item)!) ?? 0) + w);
  });
  return m;
}

/** Profiles as Maps with string keys, one object per establishment. */
function naiveProfiles(doc: ToileDocument): Map<string, NaiveProfile> {
  const ins = new Map<string, ToileDocument['flows']>();
  const outs = new Map<string, ToileDocument['flows']>();
  for (const f of doc.flows) {
    (ins.get(f.to) ?? ins.set(f.to, []).get(f.to)!).push(f);
    (outs.get(f.from) ?? outs.set(f.from, []).get(f.from)!).push(f);
  }
  const profiles = new Map<string, NaiveProfile>();
  for (const e of doc.establishments) {
    let processes: Map<string, number> | undefined;
    const products = new Set<string>();
    for (const c of e.capabilities ?? []) {
      processes ??= new Map();
      processes.set(c.process, 1);
      for (const p of getProcessLineage(c.process).slice(1)) processes.set(p.id, Math.max(processes.get(p.id) ?? 0, 0.5));
      for (const p of c.products ?? []) products.add(p);
    }
    profiles.set(e.id, { naf: parseNaf(e.naf), inputs: naiveSide(ins.get(e.id) ?? []), outputs: naiveSide(outs.get(e.id) ?? []), processes, products });
  }
  return profiles;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    dot += v * (b.get(k) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na > 0 && nb > 0 ? Math.min(1, dot / Math.sqrt(na * nb)) : 0;
}

function naiveCapabilities(a: NaiveProfile, b: NaiveProfile): number {
  if (!a.processes || !b.processes) return 0;
  let low = 0;
  let high = 0;
  for (const k of new Set([...a.processes.keys(), ...b.processes.keys()])) {
    const x = a.processes.get(k) ?? 0;
    const y = b.processes.get(k) ?? 0;
    low += Math.min(x, y);
    high += Math.max(x, y);
  }
  const union = new Set([...a.products, ...b.products]).size;
  const both = [...a.products].filter((p) => b.products.has(p)).length;
  return union > 0 ? (low / high + both / union) / 2 : low / high;
}

/** Every establishment scored against `id` with the profiles, sorted. */
function naiveKin(doc: ToileDocument, profiles: Map<string, NaiveProfile>, id: string, top: number): { id: string; score: number }[] {
  const x = profiles.get(id)!;
  const w = { activity: 0.3 / 0.9, inputs: 0.2 / 0.9, outputs: 0.2 / 0.9, capabilities: 0.2 / 0.9 };
  const out: { id: string; score: number }[] = [];
  for (const e of doc.establishments) {
    if (e.external || e.id === id) continue;
    const y = profiles.get(e.id)!;
    const score = round4(
      w.activity * activityProximity(x.naf, y.naf) +
        w.inputs * cosine(x.inputs, y.inputs) +
        w.outputs * cosine(x.outputs, y.outputs) +
        w.capabilities * naiveCapabilities(x, y),
    );
    if (score > 0) out.push({ id: e.id, score });
  }
  return out.sort((a, b) => b.score - a.score || compareStrings(a.id, b.id)).slice(0, top);
}

// ------------------------------------------------------------------ groups

/** Inside establishments with capabilities and flows on both sides, to ask kin of. */
function askers(doc: ToileDocument, ctx: KinshipContext, count: number): string[] {
  const out: string[] = [];
  const { inputs, outputs } = ctx.flows;
  for (let v = 0; v < doc.establishments.length && out.length < count; v += 97) {
    const has = (r: typeof inputs) => r.offsets[v + 1]! > r.offsets[v]!;
    if (!doc.establishments[v]!.external && ctx.capabilities.declared[v] && has(inputs) && has(outputs)) out.push(doc.establishments[v]!.id);
  }
  return out;
}

export async function run(): Promise<void> {
  console.log('\n# Kinship: makers and kin (issue #15)');
  const doc = generateTerritory({ establishments: 100_000, capabilitiesPerEstablishment: true, seed: 16 });
  let t = performance.now();
  const ctx = prepareKinship(doc);
  const prepareMs = performance.now() - t;
  t = performance.now();
  makerIndex(ctx);
  const indexMs = performance.now() - t;
  const capabilities = doc.establishments.reduce((n, e) => n + (e.capabilities?.length ?? 0), 0);
  console.log(
    `\n(prepareKinship ${prepareMs.toFixed(0)} ms, makers' indexes ${indexMs.toFixed(0)} ms, once per document; ${capabilities.toLocaleString('en')} capabilities)`,
  );
  // The same territory in columnar form (as a Parquet or CSV package reads it): prepared from its columns.
  const columns = columnsFromDocument(doc);
  t = performance.now();
  const onColumns = prepareKinship(columns);
  makerIndex(onColumns);
  console.log(`(on columns: prepareKinship and the makers' indexes ${(performance.now() - t).toFixed(0)} ms)`);
  const queries = [{ product: 'cpa:25.62' }, { process: 'din8580:4.6' }, { product: 'hs:7308' }];
  for (const q of queries) {
    const mine = findMakers(ctx, { ...q, top: 20 }).makers.map((m) => `${m.id}:${m.score}`);
    const naive = naiveMakers(doc, q, 20).map((m) => `${m.id}:${m.score}`);
    const fromColumns = findMakers(onColumns, { ...q, top: 20 }).makers.map((m) => `${m.id}:${m.score}`);
    const same = mine.join() === naive.join() && fromColumns.join() === mine.join();
    console.log(`(makers ${JSON.stringify(q)}: baseline, toile and toile on columns give ${same ? 'the same' : 'DIFFERENT'} top 20)`);
  }
  await runGroup({
    title: 'findMakers, top 20',
    size: `100,000 establishments, ${capabilities.toLocaleString('en')} capabilities, ${doc.flows.length.toLocaleString('en')} flows`,
    records: doc.establishments.length,
    iterations: 5,
    targetMs: 250,
    cases: [
      { name: 'baseline: every capability, flow and establishment scanned (cpa:25.62)', fn: () => naiveMakers(doc, queries[0]!, 20), baseline: true },
      { name: 'toile: findMakers --product cpa:25.62', fn: () => findMakers(ctx, { ...queries[0]!, top: 20 }) },
      { name: 'toile: findMakers --process din8580:4.6', fn: () => findMakers(ctx, { ...queries[1]!, top: 20 }) },
      { name: 'toile: findMakers --product hs:7308 --radius-km 5', fn: () => findMakers(ctx, { ...queries[2]!, radiusKm: 5, top: 20 }) },
      { name: 'toile on columns: findMakers --product cpa:25.62', fn: () => findMakers(onColumns, { ...queries[0]!, top: 20 }) },
    ],
  });
  const profiles = naiveProfiles(doc);
  const ids = askers(doc, ctx, 3);
  for (const id of ids) {
    const mine = findKin(ctx, id, { top: 10 }).kin.map((k) => `${k.id}:${k.score}`);
    const naive = naiveKin(doc, profiles, id, 10).map((k) => `${k.id}:${k.score}`);
    console.log(`(kin of ${id}: baseline and toile give ${mine.join() === naive.join() ? 'the same' : 'DIFFERENT'} top 10)`);
  }
  await runGroup({
    title: 'findKin, top 10',
    size: `100,000 establishments (${ids.join(', ')})`,
    records: doc.establishments.length,
    iterations: 5,
    targetMs: 250,
    cases: [
      { name: `baseline: every establishment scored, Map profiles (${ids[0]})`, fn: () => naiveKin(doc, profiles, ids[0]!, 10), baseline: true },
      ...ids.map((id) => ({ name: `toile: findKin ${id}`, fn: () => findKin(ctx, id, { top: 10 }) })),
      { name: `toile on columns: findKin ${ids[0]}`, fn: () => findKin(onColumns, ids[0]!, { top: 10 }) },
    ],
  });
}
