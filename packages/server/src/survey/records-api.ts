/**
 * Record-level writes (one establishment, one flow), workshops, and the audit log. A record write
 * changes one row: two agents editing two records never overwrite each other (the whole-document
 * `PUT` is still there for imports).
 */
import { randomBytes } from 'node:crypto';
import type { Source } from '@toile/schema';
import type { Context, HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import { applyChanges, ARRAY_OF, sameRecord, type Provenance, type RecordKind, type StoredRecord } from '../store/records.ts';
import type { ToileDocument } from '../types.ts';
import { bareReport, noTerritory, readCheckedBody, refuseUnlessAgency, reportOf, type ProblemReply } from './access.ts';

type Reply = Awaited<ReturnType<Handlers['putFlow']>>;

/** The workshop a change is made in: a `workshop` source of the territory, or a 400. */
function workshopOf(doc: ToileDocument, id: string | undefined): Provenance | ProblemReply {
  if (!id) return { actor: 'agency' };
  const source = (doc.meta.sources ?? []).find((s) => s.id === id);
  if (source?.method !== 'workshop') return problem(400, { fr: `aucun atelier ${id} dans ce territoire`, en: `no workshop ${id} in this territory` });
  return { actor: 'workshop', origin: id };
}

/** Writes one record of `kind` named by the path, when the territory stays valid with it. */
async function writeRecord(deps: HandlerDeps, context: Context<'putFlow'> | Context<'putEstablishment'>, kind: RecordKind, id: string): Promise<Reply> {
  const refused = refuseUnlessAgency(context.role, deps.writable, 'write');
  if (refused) return refused;
  const op = kind === 'flow' ? 'putFlow' : 'putEstablishment';
  const body = await readCheckedBody(context.event, deps.specs.get(op), deps.limits.analysis);
  if ('reply' in body) return body.reply;
  const record = body.value as StoredRecord;
  if (record.id !== id)
    return problem(400, { fr: `le corps décrit « ${record.id} », l’adresse nomme « ${id} »`, en: `the body describes "${record.id}", the path names "${id}"` });
  const { territoryId, workshop, comment } = context.params as { territoryId: string; workshop?: string; comment?: string };
  const current = await deps.store.get(territoryId, 'internal');
  if (!current) return noTerritory(territoryId);
  const by = workshopOf(current, workshop);
  if ('status' in by) return by;
  const { result } = await deps.store.write<Reply>(territoryId, { ...by, comment }, (doc) => {
    if (!doc) return { refused: noTerritory(territoryId) };
    // The workshop checked again under the lock: the territory may have changed since.
    const still = workshopOf(doc, workshop);
    if ('status' in still) return { refused: still };
    const existing = ((doc[ARRAY_OF[kind]] ?? []) as StoredRecord[]).find((r) => r.id === id);
    const next = applyChanges(doc, [{ kind, id, after: record }]);
    const report = reportOf(next);
    if (!report.ok) return { refused: { status: 422, body: bareReport(report) } };
    if (existing && sameRecord(existing, record)) return { refused: { status: 200, body: { op: 'unchanged', report: bareReport(report) } } };
    return { next, changes: [{ kind, id, after: record }], result: { status: 200, body: { op: existing ? 'update' : 'create', report: bareReport(report) } } };
  });
  return result;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Opens a workshop: a `workshop` source added to the territory's `meta.sources`. */
function createWorkshop(deps: HandlerDeps): Handlers['createWorkshop'] {
  return async (context) => {
    const refused = refuseUnlessAgency(context.role, deps.writable, 'write');
    if (refused) return refused;
    const body = await readCheckedBody(context.event, deps.specs.get('createWorkshop'), deps.limits.analysis);
    if ('reply' in body) return body.reply;
    const { label, date = today() } = body.value as { label: string; date?: string };
    const source: Source = { id: `atelier-${String(date).slice(0, 10)}-${randomBytes(3).toString('hex')}`, label, date, method: 'workshop' };
    const { territoryId } = context.params;
    const { result } = await deps.store.write<Awaited<ReturnType<Handlers['createWorkshop']>>>(territoryId, { actor: 'agency' }, (doc) => {
      if (!doc) return { refused: noTerritory(territoryId) };
      const next = { ...doc, meta: { ...doc.meta, sources: [...(doc.meta.sources ?? []), source] } };
      return { next, changes: [], result: { status: 200, body: source } };
    });
    return result;
  };
}

/** The audit log, newest first (the agency only). */
function getHistory(deps: HandlerDeps): Handlers['getHistory'] {
  return async ({ params, role }) => {
    const refused = refuseUnlessAgency(role, deps.writable, 'read');
    if (refused) return refused;
    if (!(await deps.store.get(params.territoryId, 'internal'))) return noTerritory(params.territoryId);
    const entries = await deps.store.history(params.territoryId, {
      kind: params.kind,
      id: params.id,
      origin: params.origin,
      before: params.before,
      limit: params.limit ?? 100,
    });
    return { status: 200, body: { entries } };
  };
}

/** The record-level handlers. */
export function recordHandlers(deps: HandlerDeps): Pick<Handlers, 'putEstablishment' | 'putFlow' | 'createWorkshop' | 'getHistory'> {
  return {
    putEstablishment: (context) => writeRecord(deps, context, 'establishment', context.params.establishmentId),
    putFlow: (context) => writeRecord(deps, context, 'flow', context.params.flowId),
    createWorkshop: createWorkshop(deps),
    getHistory: getHistory(deps),
  };
}
