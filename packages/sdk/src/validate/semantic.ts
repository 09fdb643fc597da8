/**
 * Semantic checks, what a schema cannot say: duplicate ids, references to establishments and
 * sources, SIRET, NAF and EWC codes, units that fit the kind of flow, flows between outside partners
 * or with a closed establishment, upstream shares adding up above 1, and the establishments'
 * capabilities (capabilities.ts).
 */
import { getEwcEntry, getUnit, isNafSubclass, KIND_DIMENSIONS, type Establishment, type Flow, type Resource } from '@toile/schema';
import { checkCapabilities, unknownCode } from './capabilities.ts';
import { isValidSiret } from './siret.ts';
import { removeFromWork, type ProblemList, type WorkingCopy } from './working-copy.ts';

/** What the establishment pass learns, for the flow and resource passes. */
interface EstablishmentFacts {
  /** Original index of each kept establishment, by id. */
  index: Map<string, number>;
  /** Per original index: 1 when external. */
  external: Uint8Array;
  /** Per original index: 1 when closed. */
  closed: Uint8Array;
}

/** Ends of each kept flow, as original establishment indices (-1 for flows set aside). */
export interface FlowEnds {
  from: Int32Array;
  to: Int32Array;
}

export function checkSemantics(work: WorkingCopy, problems: ProblemList): FlowEnds {
  const meta = work.root.meta as { sources?: { id?: unknown }[] } | undefined;
  const sourceIds = new Set<string>();
  if (meta && Array.isArray(meta.sources)) {
    const seen = new Map<string, number>();
    meta.sources.forEach((s, i) => {
      if (typeof s?.id !== 'string') return;
      const first = seen.get(s.id);
      if (first !== undefined) {
        problems.semantic(`/meta/sources/${i}/id`, 'error', 'duplicate-id', { id: s.id, first: `/meta/sources/${first}` }, 'kept');
      } else seen.set(s.id, i);
      sourceIds.add(s.id);
    });
  }
  const facts = checkEstablishments(work, problems, sourceIds);
  const ends = checkFlows(work, problems, facts, sourceIds);
  checkResources(work, problems, facts.index, sourceIds);
  return ends;
}

/** Whether a web site is an http(s) link (any other is shown as text, with a warning). */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+/i.test(value.trim());
}

/** Checks establishments; returns the id → index map of those kept. */
function checkEstablishments(work: WorkingCopy, problems: ProblemList, sourceIds: Set<string>): EstablishmentFacts {
  const list = work.lists.establishments;
  const index = new Map<string, number>();
  const external = new Uint8Array(list.length);
  const closed = new Uint8Array(list.length);
  const sirets = new Map<string, string>();
  const capabilityIds = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as Establishment | undefined;
    if (!e) continue;
    const first = index.get(e.id);
    if (first !== undefined) {
      problems.semantic(`/establishments/${i}/id`, 'error', 'duplicate-id', { id: e.id, first: `/establishments/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    index.set(e.id, i);
    if (e.external === true) external[i] = 1;
    if (e.status === 'closed') closed[i] = 1;
    if (e.siret !== undefined) {
      if (!isValidSiret(e.siret)) {
        problems.semantic(`/establishments/${i}/siret`, 'error', 'invalid-siret', { value: e.siret }, 'value-removed');
        removeFromWork(work, ['establishments', String(i), 'siret']);
      } else {
        const other = sirets.get(e.siret);
        if (other !== undefined) {
          problems.semantic(`/establishments/${i}/siret`, 'warning', 'duplicate-siret', { value: e.siret, other }, 'kept');
        } else sirets.set(e.siret, e.id);
      }
    }
    if (e.naf !== undefined && !isNafSubclass(e.naf)) {
      problems.semantic(`/establishments/${i}/naf`, 'error', 'unknown-naf', { value: e.naf }, 'value-removed');
      removeFromWork(work, ['establishments', String(i), 'naf']);
    }
    if (e.website !== undefined && !isHttpUrl(e.website)) {
      problems.semantic(`/establishments/${i}/website`, 'warning', 'unsafe-url', { value: e.website }, 'kept');
    }
    const loc = e.location;
    if (loc?.postcode !== undefined && (loc.country === undefined || loc.country === 'FR') && loc.postcode.length !== 5) {
      problems.semantic(`/establishments/${i}/location/postcode`, 'warning', 'postcode-length', { value: loc.postcode, length: loc.postcode.length }, 'kept');
    }
    if (loc && (loc.lat === undefined) !== (loc.lon === undefined)) {
      problems.semantic(`/establishments/${i}/location`, 'warning', 'incomplete-coordinates', {}, 'kept');
    }
    if (e.sources) {
      e.sources.forEach((s, j) => {
        if (!sourceIds.has(s)) problems.semantic(`/establishments/${i}/sources/${j}`, 'warning', 'unknown-source', { id: s }, 'kept');
      });
    }
    if (e.capabilities !== undefined) checkCapabilities(work, i, capabilityIds, problems);
  }
  return { index, external, closed };
}

function checkItem(work: WorkingCopy, problems: ProblemList, list: 'flows' | 'resources', i: number, record: Flow | Resource, sourceIds: Set<string>): void {
  const item = record.item;
  const unknown = item?.code === undefined ? undefined : unknownCode(item.code);
  if (unknown) {
    problems.semantic(`/${list}/${i}/item/code`, 'error', unknown, { value: item!.code }, 'value-removed');
    removeFromWork(work, [list, String(i), 'item', 'code']);
  } else if (item?.family && item.code?.startsWith('ewc:')) {
    const expected = getEwcEntry(item.code.slice(4))?.family;
    if (expected && item.family !== expected) {
      problems.semantic(`/${list}/${i}/item/family`, 'warning', 'ewc-family-mismatch', { family: item.family, code: item.code, expected }, 'kept');
    }
  }
  const unit = record.quantity ? getUnit(record.quantity.unit) : undefined;
  if (unit && !(KIND_DIMENSIONS[record.kind] ?? []).includes(unit.dimension)) {
    problems.semantic(`/${list}/${i}/quantity/unit`, 'warning', 'unit-kind-mismatch', { unit: unit.id, dimension: unit.dimension, kind: record.kind }, 'kept');
  }
  record.sources?.forEach((id, j) => {
    if (!sourceIds.has(id)) problems.semantic(`/${list}/${i}/sources/${j}`, 'warning', 'unknown-source', { id }, 'kept');
  });
  if (record.source !== undefined && !sourceIds.has(record.source)) {
    problems.semantic(`/${list}/${i}/source`, 'warning', 'unknown-source', { id: record.source }, 'kept');
  }
}

function checkFlows(work: WorkingCopy, problems: ProblemList, facts: EstablishmentFacts, sourceIds: Set<string>): FlowEnds {
  // Hot loop at 500k flows: per-establishment facts live in typed arrays, not in the records.
  const list = work.lists.flows;
  const { index: establishments, external, closed } = facts;
  const seen = new Map<string, number>();
  const ends: FlowEnds = { from: new Int32Array(list.length).fill(-1), to: new Int32Array(list.length).fill(-1) };
  const upstream = new Float64Array(external.length);
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Flow | undefined;
    if (f === undefined) continue;
    const first = seen.get(f.id);
    if (first !== undefined) {
      problems.semantic(`/flows/${i}/id`, 'error', 'duplicate-id', { id: f.id, first: `/flows/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    seen.set(f.id, i);
    const from = establishments.get(f.from);
    const to = establishments.get(f.to);
    if (from === undefined || to === undefined) {
      if (from === undefined) problems.semantic(`/flows/${i}/from`, 'error', 'unknown-establishment', { id: f.from }, 'record-removed');
      if (to === undefined) problems.semantic(`/flows/${i}/to`, 'error', 'unknown-establishment', { id: f.to }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    if (from === to) {
      problems.semantic(`/flows/${i}/to`, 'error', 'self-loop', { id: f.from }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    ends.from[i] = from;
    ends.to[i] = to;
    if (f.item !== undefined || f.quantity !== undefined || f.source !== undefined || f.sources !== undefined)
      checkItem(work, problems, 'flows', i, f, sourceIds);
    if (external[from]! & external[to]!) problems.semantic(`/flows/${i}`, 'warning', 'external-flow', {}, 'kept');
    if (f.status === undefined || f.status === 'active') {
      if (closed[from]! | closed[to]!) {
        const id = closed[from] ? f.from : f.to;
        problems.semantic(`/flows/${i}`, 'warning', 'closed-establishment', { id }, 'kept');
      }
      const share = f.dependency?.upstream;
      if (share !== undefined) upstream[to]! += share;
    }
  }
  const estList = work.lists.establishments;
  for (let e = 0; e < upstream.length; e++) {
    const sum = upstream[e]!;
    // A little slack for shares written with two decimals.
    if (sum > 1 + 1e-9) {
      problems.semantic(`/establishments/${e}`, 'warning', 'upstream-sum', { id: String(estList[e]?.id), sum: Math.round(sum * 1000) / 1000 }, 'kept');
    }
  }
  return ends;
}

function checkResources(work: WorkingCopy, problems: ProblemList, establishments: Map<string, number>, sourceIds: Set<string>): void {
  const list = work.lists.resources;
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as Resource | undefined;
    if (!r) continue;
    const first = ids.get(r.id);
    if (first !== undefined) {
      problems.semantic(`/resources/${i}/id`, 'error', 'duplicate-id', { id: r.id, first: `/resources/${first}` }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    if (!establishments.has(r.establishment)) {
      problems.semantic(`/resources/${i}/establishment`, 'error', 'unknown-establishment', { id: r.establishment }, 'record-removed');
      list[i] = undefined;
      continue;
    }
    ids.set(r.id, i);
    checkItem(work, problems, 'resources', i, r, sourceIds);
  }
}
