/** Moderation: a declaration's review, and the agency's decisions on its records. */
import type { Source } from '@toile/schema';
import type { Queryable } from '../db/database.ts';
import type { HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import { applyChanges, type RecordChange, type RecordKind, type StoredRecord } from '../store/records.ts';
import type { Rejection, WritePlan } from '../store/store.ts';
import type { ToileDocument } from '../types.ts';
import { bareReport, noTerritory, readCheckedBody, refuseUnlessAgency, reportOf } from './access.ts';
import { reviewDeclaration, type Declaration, type DeclaredRecord } from './review.ts';

interface DeclarationRow {
  id: string;
  body: Declaration;
  status: 'pending' | 'decided';
  submitted_at: string | Date;
  invitation_id: string | null;
}
interface DecisionRow {
  kind: RecordKind;
  record_id: string;
  decision: 'accepted' | 'rejected';
  comment: string | null;
  at: string | Date;
}
/** One decision of the request body. */
interface Decision {
  kind: RecordKind;
  id: string;
  decision: 'accepted' | 'rejected';
  comment?: string;
}
type Reply = Awaited<ReturnType<Handlers['decideDeclaration']>>;

const key = (kind: string, id: string) => `${kind}\u0000${id}`;

/** The review of a declaration as the API shows it (`DeclarationReview`), decisions included. */
function reviewOf(review: readonly DeclaredRecord[], row: DeclarationRow, decisions: readonly DecisionRow[]) {
  const decided = new Map(decisions.map((d) => [key(d.kind, d.record_id), d]));
  const records: DeclaredRecord[] = review.map((r) => {
    const d = decided.get(key(r.kind, r.id));
    return d ? { ...r, decision: d.decision, ...(d.comment ? { comment: d.comment } : {}), decidedAt: new Date(d.at).toISOString() } : r;
  });
  return {
    id: row.id,
    status: row.status,
    submittedAt: new Date(row.submitted_at).toISOString(),
    ...(row.invitation_id ? { invitation: row.invitation_id } : {}),
    ...(row.body.note ? { note: row.body.note } : {}),
    records,
  };
}

/** A declaration's review against `territory`, or undefined when there is no such declaration. */
export async function loadReview(db: Queryable, territory: ToileDocument, id: string) {
  const [row] = await db.query<DeclarationRow>('SELECT id, body, status, submitted_at, invitation_id FROM declarations WHERE id = $1 AND territory_id = $2', [
    id,
    territory.territory.id,
  ]);
  if (!row) return undefined;
  const decisions = await db.query<DecisionRow>('SELECT kind, record_id, decision, comment, at FROM decisions WHERE declaration_id = $1', [id]);
  return reviewOf(reviewDeclaration(territory, row.body), row, decisions);
}

/** The record an accepted declared record becomes: over the record it matches, ids mapped, the declaration as source, not validated. */
function acceptedRecord(r: DeclaredRecord, target: (id: string) => string, declaration: string): StoredRecord {
  const base = r.change === 'new' ? {} : (r.current ?? {});
  const record: StoredRecord = { ...base, ...r.proposed, id: r.target };
  if (r.kind === 'establishment') {
    const sources = [...((base as { sources?: string[] }).sources ?? []), declaration];
    return { ...record, sources: [...new Set(sources)], validated: false };
  }
  if (r.kind === 'flow') return { ...record, from: target(String(r.proposed.from)), to: target(String(r.proposed.to)), source: declaration, validated: false };
  return { ...record, establishment: target(String(r.proposed.establishment)), source: declaration };
}

/** The declaration as a source of the territory (added once). */
function withSource(doc: ToileDocument, row: DeclarationRow): ToileDocument {
  if ((doc.meta.sources ?? []).some((s) => s.id === row.id)) return doc;
  const source: Source = { id: row.id, label: `Déclaration ${row.id}`, date: new Date(row.submitted_at).toISOString().slice(0, 10), method: 'declaration' };
  return { ...doc, meta: { ...doc.meta, sources: [...(doc.meta.sources ?? []), source] } };
}

/** The write plan of a set of decisions: the territory with the accepted records, or why nothing is written. */
async function planDecisions(
  tx: Queryable,
  doc: ToileDocument,
  territoryId: string,
  declarationId: string,
  decisions: readonly Decision[],
): Promise<WritePlan<Reply>> {
  const [row] = await tx.query<DeclarationRow>(
    'SELECT id, body, status, submitted_at, invitation_id FROM declarations WHERE id = $1 AND territory_id = $2 FOR UPDATE',
    [declarationId, territoryId],
  );
  if (!row) return { refused: problem(404, { fr: `aucune déclaration ${declarationId}`, en: `no declaration ${declarationId}` }) };
  const done = new Set(
    (await tx.query<DecisionRow>('SELECT kind, record_id FROM decisions WHERE declaration_id = $1', [declarationId])).map((d) => key(d.kind, d.record_id)),
  );
  const review = reviewDeclaration(doc, row.body);
  const byKey = new Map(review.map((r) => [key(r.kind, r.id), r]));
  for (const d of decisions) {
    if (!byKey.has(key(d.kind, d.id)))
      return { refused: problem(400, { fr: `la déclaration n’a pas de ${d.kind} ${d.id}`, en: `the declaration has no ${d.kind} ${d.id}` }) };
    if (done.has(key(d.kind, d.id))) return { refused: problem(409, { fr: `${d.kind} ${d.id} est déjà décidé`, en: `${d.kind} ${d.id} is already decided` }) };
  }
  const targets = new Map(review.filter((r) => r.kind === 'establishment').map((r) => [r.id, r.target]));
  const target = (id: string) => targets.get(id) ?? id;
  const accepted = decisions.filter((d) => d.decision === 'accepted').map((d) => byKey.get(key(d.kind, d.id)) as DeclaredRecord);
  const changes: RecordChange[] = accepted.map((r) => ({ kind: r.kind, id: r.target, after: acceptedRecord(r, target, row.id) }));
  const next = changes.length ? withSource(applyChanges(doc, changes), row) : doc;
  const report = reportOf(next);
  if (!report.ok) return { refused: { status: 422, body: bareReport(report) } };
  for (const d of decisions)
    await tx.query('INSERT INTO decisions (declaration_id, kind, record_id, decision, comment, actor) VALUES ($1, $2, $3, $4, $5, $6)', [
      declarationId,
      d.kind,
      d.id,
      d.decision,
      d.comment ?? null,
      'agency',
    ]);
  const allDecided = done.size + decisions.length >= review.length;
  if (allDecided) await tx.query("UPDATE declarations SET status = 'decided' WHERE id = $1", [declarationId]);
  const decisionRows = await tx.query<DecisionRow>('SELECT kind, record_id, decision, comment, at FROM decisions WHERE declaration_id = $1', [declarationId]);
  const comments = new Map(
    decisions
      .filter((d) => d.decision === 'accepted' && d.comment)
      .map((d) => [key(d.kind, byKey.get(key(d.kind, d.id))?.target ?? d.id), d.comment as string]),
  );
  const rejections: Rejection[] = decisions
    .filter((d) => d.decision === 'rejected')
    .map((d) => ({ kind: d.kind, id: d.id, proposed: byKey.get(key(d.kind, d.id))?.proposed, comment: d.comment }));
  const body = reviewOf(review, { ...row, status: allDecided ? 'decided' : row.status }, decisionRows);
  return { next, changes, result: { status: 200, body }, comments, rejections };
}

/** `POST …/declarations/{id}/decisions`: accepts or rejects records, in one transaction with the territory's row locked. */
export function decideDeclaration(deps: HandlerDeps): Handlers['decideDeclaration'] {
  return async (context) => {
    const refused = refuseUnlessAgency(context.role, deps.writable, 'write');
    if (refused) return refused;
    const body = await readCheckedBody(context.event, deps.specs.get('decideDeclaration'), deps.limits.analysis);
    if ('reply' in body) return body.reply;
    const { decisions } = body.value as { decisions: Decision[] };
    if (new Set(decisions.map((d) => key(d.kind, d.id))).size !== decisions.length)
      return problem(400, { fr: 'un même enregistrement est décidé deux fois', en: 'a record is decided twice' });
    const { territoryId, declarationId } = context.params;
    const { result } = await deps.store.write<Reply>(territoryId, { actor: 'declaration', origin: declarationId }, (doc, tx) =>
      doc ? planDecisions(tx, doc, territoryId, declarationId, decisions) : { refused: noTerritory(territoryId) },
    );
    return result;
  };
}
