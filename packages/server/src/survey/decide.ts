/** Moderation: a declaration's review, and the agency's decisions on its records. */
import type { Source } from '@toile/schema';
import type { Queryable } from '../db/database.ts';
import type { HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import { applyChanges, type RecordChange, type RecordKind, type StoredRecord } from '../store/records.ts';
import type { Rejection, WritePlan } from '../store/store.ts';
import type { ToileDocument } from '../types.ts';
import { bareReport, noTerritory, readCheckedBody, recordKey, refuseUnlessAgency, reportOf } from './access.ts';
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
  /** The record of the territory the review said this one matches; 409 when it now matches another. */
  target?: string;
}
type Reply = Awaited<ReturnType<Handlers['decideDeclaration']>>;

const key = recordKey;

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

/** The kinds of record, in French (the messages are in both languages). */
const KIND_FR: Record<RecordKind, string> = { establishment: 'établissement', flow: 'flux', resource: 'ressource' };

/** Why a set of decisions cannot be taken as it is, or undefined when it can. */
function checkDecisions(decisions: readonly Decision[], byKey: ReadonlyMap<string, DeclaredRecord>, done: ReadonlySet<string>): Reply | undefined {
  const targets = new Map<string, string>();
  for (const d of decisions) {
    const record = byKey.get(key(d.kind, d.id));
    const what = { fr: `${KIND_FR[d.kind]} ${d.id}`, en: `${d.kind} ${d.id}` };
    if (!record) return problem(400, { fr: `la déclaration n’a pas d’${what.fr}`, en: `the declaration has no ${what.en}` });
    if (done.has(key(d.kind, d.id))) return problem(409, { fr: `${what.fr} est déjà décidé`, en: `${what.en} is already decided` });
    // The moderator decided on what the review said then: a record that now matches another one is decided again.
    if (d.target !== undefined && d.target !== record.target)
      return problem(409, {
        fr: `${what.fr} correspond maintenant à ${record.target}, pas à ${d.target} : relisez la déclaration`,
        en: `${what.en} now matches ${record.target}, not ${d.target}: read the declaration again`,
      });
    if (d.decision !== 'accepted' || record.change === 'same') continue;
    const other = targets.get(key(d.kind, record.target));
    if (other)
      return problem(409, {
        fr: `${other} et ${d.id} deviendraient tous deux ${record.target} : n’en acceptez qu’un`,
        en: `${other} and ${d.id} would both become ${record.target}: accept only one`,
      });
    targets.set(key(d.kind, record.target), d.id);
  }
  return undefined;
}

/**
 * The territory with the accepted records. A record the territory already holds as declared
 * (`same`) changes nothing: accepting it records the decision only, so a workshop's confirmation
 * is never undone by a declaration that says the same.
 */
function acceptedChanges(review: readonly DeclaredRecord[], decisions: readonly Decision[], declaration: string): RecordChange[] {
  const byKey = new Map(review.map((r) => [key(r.kind, r.id), r]));
  const targets = new Map(review.filter((r) => r.kind === 'establishment').map((r) => [r.id, r.target]));
  const target = (id: string) => targets.get(id) ?? id;
  return decisions
    .filter((d) => d.decision === 'accepted')
    .map((d) => byKey.get(key(d.kind, d.id)) as DeclaredRecord)
    .filter((r) => r.change !== 'same')
    .map((r) => ({ kind: r.kind, id: r.target, after: acceptedRecord(r, target, declaration) }));
}

/** Records the decisions, and closes the declaration when every record is decided; returns the decisions so far. */
async function recordDecisions(tx: Queryable, row: DeclarationRow, decisions: readonly Decision[], allDecided: boolean): Promise<DecisionRow[]> {
  for (const d of decisions)
    await tx.query('INSERT INTO decisions (declaration_id, kind, record_id, decision, comment, actor) VALUES ($1, $2, $3, $4, $5, $6)', [
      row.id,
      d.kind,
      d.id,
      d.decision,
      d.comment ?? null,
      'agency',
    ]);
  if (allDecided) await tx.query("UPDATE declarations SET status = 'decided' WHERE id = $1", [row.id]);
  return tx.query<DecisionRow>('SELECT kind, record_id, decision, comment, at FROM decisions WHERE declaration_id = $1', [row.id]);
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
  const decided = await tx.query<DecisionRow>('SELECT kind, record_id FROM decisions WHERE declaration_id = $1', [declarationId]);
  const done = new Set(decided.map((d) => key(d.kind, d.record_id)));
  const review = reviewDeclaration(doc, row.body);
  const byKey = new Map(review.map((r) => [key(r.kind, r.id), r]));
  const refused = checkDecisions(decisions, byKey, done);
  if (refused) return { refused };
  const changes = acceptedChanges(review, decisions, row.id);
  const next = changes.length ? withSource(applyChanges(doc, changes), row) : doc;
  const report = reportOf(next);
  if (!report.ok) return { refused: { status: 422, body: bareReport(report) } };
  const allDecided = done.size + decisions.length >= review.length;
  const decisionRows = await recordDecisions(tx, row, decisions, allDecided);
  const targetOf = (d: Decision) => byKey.get(key(d.kind, d.id))?.target ?? d.id;
  const comments = new Map(decisions.filter((d) => d.decision === 'accepted' && d.comment).map((d) => [key(d.kind, targetOf(d)), d.comment as string]));
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
