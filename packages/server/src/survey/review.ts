/**
 * A declaration read against the current territory, record by record: new, the same, changed (same
 * id, other values) or a duplicate of another record — found by the SDK's merge, which matches
 * establishments by SIRET or name and postcode and flows by their ends, kind and item, and reports
 * every field on which the two disagree.
 */
import { mergeToile } from '@toile/sdk';
import type { Establishment, Flow, Resource } from '@toile/schema';
import { ARRAY_OF, sameRecord, type RecordKind, type StoredRecord } from '../store/records.ts';
import type { ToileDocument } from '../types.ts';
import { recordKey } from './access.ts';

/** What a company sends (`Declaration` in openapi.yaml). */
export interface Declaration {
  establishment: Establishment;
  partners?: Establishment[];
  flows?: Flow[];
  resources?: Resource[];
  note?: string;
}

/** One declared record, compared with the territory (`DeclaredRecord` in openapi.yaml). */
export interface DeclaredRecord {
  kind: RecordKind;
  id: string;
  target: string;
  change: 'new' | 'same' | 'changed' | 'duplicate';
  matchedBy?: 'id' | 'siret' | 'name-postcode' | 'key';
  conflicts?: { field: string; current?: unknown; proposed?: unknown }[];
  proposed: StoredRecord;
  current?: StoredRecord;
  decision?: 'accepted' | 'rejected';
  comment?: string;
  decidedAt?: string;
}

/** The declared records in order: the establishment, its partners, flows, resources. */
export function declaredRecords(declaration: Declaration): { kind: RecordKind; record: StoredRecord }[] {
  return [
    { kind: 'establishment' as const, record: declaration.establishment as StoredRecord },
    ...(declaration.partners ?? []).map((record) => ({ kind: 'establishment' as const, record: record as StoredRecord })),
    ...(declaration.flows ?? []).map((record) => ({ kind: 'flow' as const, record: record as StoredRecord })),
    ...(declaration.resources ?? []).map((record) => ({ kind: 'resource' as const, record: record as StoredRecord })),
  ];
}

/** The fields on which two records disagree (top-level, `id` and provenance left out). */
function conflictsOf(current: StoredRecord, proposed: StoredRecord): NonNullable<DeclaredRecord['conflicts']> {
  const skip = new Set(['id', 'source', 'sources', 'validated']);
  const fields = [...new Set([...Object.keys(current), ...Object.keys(proposed)])].filter((f) => !skip.has(f));
  return fields
    .filter((f) => f in proposed && !sameRecord(current[f], proposed[f]))
    .map((field) => ({ field, ...(field in current ? { current: current[field] } : {}), proposed: proposed[field] }));
}

/**
 * The declaration as a Toile document of `territory`: its establishment first, then its partners,
 * then `extra` establishments (the territory's records its flows name, for reference checks).
 */
export function declarationDocument(territory: ToileDocument, declaration: Declaration, extra: readonly Establishment[] = []): ToileDocument {
  return {
    toile: '1.0',
    territory: territory.territory,
    meta: { title: 'declaration' },
    establishments: [declaration.establishment, ...(declaration.partners ?? []), ...extra],
    flows: declaration.flows ?? [],
    ...(declaration.resources?.length ? { resources: declaration.resources } : {}),
  };
}

/** Where the merge put each declared record: the id of the territory's record it matched, and how. */
function matchesOf(territory: ToileDocument, declaration: Declaration) {
  const merged = mergeToile([territory, declarationDocument(territory, declaration)]);
  const found = new Map<string, { to: string; by: string }>();
  for (const m of merged.matches) if (m.document === 1) found.set(recordKey(m.list, m.from), { to: m.to, by: m.by });
  return found;
}

/** Each declared record against the territory (the agency's whole view of it). */
export function reviewDeclaration(territory: ToileDocument, declaration: Declaration): DeclaredRecord[] {
  const matches = matchesOf(territory, declaration);
  const byId = (kind: RecordKind, id: string) => ((territory[ARRAY_OF[kind]] ?? []) as StoredRecord[]).find((r) => r.id === id);
  return declaredRecords(declaration).map(({ kind, record }) => {
    const same = byId(kind, record.id);
    if (same) {
      const conflicts = conflictsOf(same, record);
      return {
        kind,
        id: record.id,
        target: record.id,
        change: conflicts.length ? 'changed' : 'same',
        matchedBy: 'id',
        conflicts,
        proposed: record,
        current: same,
      };
    }
    const match = matches.get(recordKey(ARRAY_OF[kind], record.id));
    const other = match && match.by !== 'new' ? byId(kind, match.to) : undefined;
    if (match && other) {
      return {
        kind,
        id: record.id,
        target: other.id,
        change: 'duplicate',
        matchedBy: match.by as DeclaredRecord['matchedBy'],
        conflicts: conflictsOf(other, record),
        proposed: record,
        current: other,
      };
    }
    return { kind, id: record.id, target: record.id, change: 'new', proposed: record };
  });
}
