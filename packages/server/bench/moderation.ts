/**
 * Time to moderate N declarations: the agency lists the queue (pages of 100, each declaration
 * reviewed against the territory), then decides each one — every record of the even ones accepted,
 * of the odd ones rejected — one at a time, then (on a second copy of the territory) 10 at a time.
 * Beside it, the parts of one decision measured in-process: the SDK's validation of the whole
 * territory, the review (the SDK's merge of the territory with the declaration, once per
 * decision), and building the next document (the decided records applied; the store writes only
 * those records, it does not compare the two documents).
 */
import { createToileClient, type ToileClient } from '@toile/sdk';
import { applyChanges, type RecordChange, type StoredRecord } from '../src/store/records.ts';
import { reportOf } from '../src/survey/access.ts';
import { reviewDeclaration, type Declaration } from '../src/survey/review.ts';
import type { ToileDocument } from '../src/types.ts';
import { inPool, int, median, ms, p95, table, timeSync } from './harness.ts';
import { AGENCY, clearQueue, declaration, postJson, type Scenario } from './scenario.ts';

/** Options of {@link benchModeration}. */
export interface ModerationOptions {
  /** Declarations moderated per mode. */
  n: number;
  /** Decisions in flight in the concurrent mode. */
  concurrency: number;
  /** Runs of each in-process part (the median is printed). */
  partRuns: number;
}

/** What one mode measured. */
export interface ModerationRun {
  mode: string;
  listMs: number;
  totalMs: number;
  p50: number;
  p95: number;
  after: { establishments: number; flows: number; resources: number };
  /** The territory after the decisions. */
  doc: ToileDocument;
}

/** Median ms of the in-process parts of one decision. */
interface Parts {
  establishments: number;
  validate: number;
  review: number;
  diff: number;
}

/** What {@link benchModeration} found, for the summary. */
export interface ModerationResult {
  runs: ModerationRun[];
  /** The in-process parts of one decision, on the territory as it was before and after the sequential run. */
  parts: { start: Parts; end: Parts };
}

/** Fills the queue of `territory` with `n` declarations (10 in flight; not timed in the results). */
async function fillQueue(s: Scenario, doc: ToileDocument, territory: string, n: number, tag: string): Promise<number> {
  const url = `${s.listening.url}/territories/${encodeURIComponent(territory)}/declarations`;
  const texts = Array.from({ length: n }, (_, i) => JSON.stringify(declaration(doc, tag, i)));
  await clearQueue(s, territory);
  return (await inPool(texts, 10, (text) => postJson(url, text))).totalMs;
}

type Review = Awaited<ReturnType<ToileClient['listDeclarations']>>['items'][number];

/** The whole pending queue, page by page, as a moderator's screen reads it. */
async function listQueue(agency: ToileClient, territory: string): Promise<Review[]> {
  const items: Review[] = [];
  for (;;) {
    const page = await agency.listDeclarations(territory, { status: 'pending', limit: 100, offset: items.length });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/** Lists and decides the queue of one territory copy with `concurrency` decisions in flight. */
async function moderate(s: Scenario, doc: ToileDocument, territory: string, n: number, concurrency: number): Promise<ModerationRun> {
  const agency = createToileClient({ baseURL: s.listening.url, token: AGENCY, retry: 0, timeout: 600_000 });
  await fillQueue(s, doc, territory, n, `mod-${concurrency}`);
  const listed = performance.now();
  const queue = await listQueue(agency, territory);
  const listMs = performance.now() - listed;
  if (queue.length !== n) throw new Error(`the queue of ${territory} has ${queue.length} declarations, not ${n}`);
  const batch = await inPool(queue, concurrency, (review, i) =>
    agency.decideDeclaration(territory, review.id, {
      decisions: review.records.map((r) => ({ kind: r.kind, id: r.id, decision: i % 2 === 0 ? ('accepted' as const) : ('rejected' as const) })),
    }),
  );
  const after = await agency.getTerritory(territory);
  return {
    mode: concurrency === 1 ? 'sequential' : `${concurrency} in flight`,
    listMs,
    totalMs: batch.totalMs,
    p50: median(batch.latencies),
    p95: p95(batch.latencies),
    after: { establishments: after.establishments.length, flows: after.flows.length, resources: after.resources?.length ?? 0 },
    doc: after as ToileDocument,
  };
}

/** The in-process parts of one decision accepting declaration 0 on `doc`. */
function measureParts(doc: ToileDocument, runs: number): Parts {
  const body = declaration(doc, 'part', 0) as Declaration;
  const review = reviewDeclaration(doc, body);
  const changes: RecordChange[] = review.map((r) => ({ kind: r.kind, id: r.target, after: r.proposed as StoredRecord }));
  const next = applyChanges(doc, changes);
  return {
    establishments: doc.establishments.length,
    validate: timeSync(runs, () => reportOf(next)),
    review: timeSync(runs, () => reviewDeclaration(doc, body)),
    diff: timeSync(runs, () => applyChanges(doc, changes)),
  };
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

/** Prints the moderation tables of one scenario. */
function report(result: ModerationResult, n: number): void {
  console.log(`\n### Time to moderate ${int(n)} declarations — even ones accepted (3 records each), odd ones rejected`);
  table(
    ['mode', 'list queue ms', 'decide all ms', 'per decision p50 ms', 'p95 ms', 'decisions/s', 'territory after (establishments / flows / resources)'],
    result.runs.map((r) => [
      r.mode,
      ms(r.listMs),
      ms(r.totalMs),
      ms(r.p50),
      ms(r.p95),
      int((n / r.totalMs) * 1000),
      `${int(r.after.establishments)} / ${int(r.after.flows)} / ${int(r.after.resources)}`,
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  const sequential = result.runs[0] as ModerationRun;
  reportParts(result.parts, sequential.p50);
  if (n < 1000) console.log(`→ 1,000 decisions at the sequential rate: ~${Math.round(sequential.totalMs / n)} s (extrapolated — extrapolé)`);
}

/** Prints the in-process parts of one decision beside the sequential p50 (shares use the mean of start and end). */
function reportParts({ start, end }: ModerationResult['parts'], p50: number): void {
  const mean = (pick: (p: Parts) => number) => (pick(start) + pick(end)) / 2;
  const [validate, review, diff] = [mean((p) => p.validate), mean((p) => p.review), mean((p) => p.diff)];
  console.log(
    `\nOne decision, in-process parts (median) on the territory before and after the sequential run; share: their mean against the sequential p50 of ${ms(p50)} ms:`,
  );
  table(
    ['part', `ms at ${int(start.establishments)} establishments`, `ms at ${int(end.establishments)}`, 'share'],
    [
      ['SDK validation of the whole territory (validateToile)', ms(start.validate), ms(end.validate), pct(validate, p50)],
      ['review (SDK mergeToile of territory + declaration)', ms(start.review), ms(end.review), pct(review, p50)],
      ['next document (applyChanges)', ms(start.diff), ms(end.diff), pct(diff, p50)],
      ['rest: HTTP, SQL, row lock, audit rows, GC', '', '', pct(Math.max(0, p50 - validate - review - diff), p50)],
    ],
    ['l', 'r', 'r', 'r'],
  );
  const parts = [
    { en: 'the SDK validation of the whole territory', fr: 'la validation SDK du territoire entier', ms: validate },
    { en: 'the review (the SDK merge of the territory with the declaration)', fr: 'la revue (la fusion SDK du territoire)', ms: review },
    { en: 'building the next document', fr: 'la construction du document suivant', ms: diff },
  ].sort((a, b) => b.ms - a.ms);
  const [first, second] = parts as [(typeof parts)[number], (typeof parts)[number]];
  const dominates = first.ms >= p50 / 2;
  console.log(
    `→ ${dominates ? 'dominates' : 'largest part'}: ${first.en} (${pct(first.ms, p50)}), then ${second.en} (${pct(second.ms, p50)}); ` +
      `SDK validation alone: ${pct(validate, p50)} — ${dominates ? 'domine' : 'plus grosse part'} : ${first.fr}. ` +
      'All three grow with the territory, not with the declaration — les trois croissent avec le territoire.',
  );
}

/** Moderates `options.n` declarations in sequence, then concurrently, on two copies of the territory. */
export async function benchModeration(s: Scenario, doc: ToileDocument, options: ModerationOptions): Promise<ModerationResult> {
  const sequential = await moderate(s, doc, s.ids.sequential, options.n, 1);
  const runs = [sequential, await moderate(s, doc, s.ids.concurrent, options.n, options.concurrency)];
  const result = { runs, parts: { start: measureParts(doc, options.partRuns), end: measureParts(sequential.doc, options.partRuns) } };
  report(result, options.n);
  return result;
}
