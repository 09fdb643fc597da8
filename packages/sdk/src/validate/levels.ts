/**
 * The confidentiality reading pass, before the schema sees the document: a publication level is
 * never dropped (a dropped level would fall back to the default, `public`). Establishments'
 * capabilities have their own level and are read the same way.
 */
import type { Confidentiality } from '@toile/schema';
import { isConfidentiality, isConfidentialityAlias, readConfidentiality } from '../publish/audience.ts';
import { isRecord, RECORD_LISTS, type Json, type JsonRecord, type ProblemList } from './working-copy.ts';

/**
 * Reads every publication level before the schema sees it: a level the schema would refuse must
 * not be removed (the record would fall back to `public`). French words and case variants become
 * their level; anything else becomes `confidential`. Returns the input itself when nothing changed,
 * else a copy that shares every untouched record.
 */
export function readLevels(input: JsonRecord, problems: ProblemList): JsonRecord {
  let out = input;
  for (const list of RECORD_LISTS) {
    const records = input[list];
    if (!Array.isArray(records)) continue;
    const copy = readListLevels(records, `/${list}`, problems, list === 'establishments');
    if (copy) {
      if (out === input) out = { ...input };
      out[list] = copy;
    }
  }
  return out;
}

/**
 * The levels of one list of records (and, for establishments, of each one's capabilities, which
 * carry their own level): a copy when one changed, else undefined.
 */
function readListLevels(records: readonly Json[], at: string, problems: ProblemList, nested: boolean): Json[] | undefined {
  let copy: Json[] | undefined;
  for (let i = 0; i < records.length; i++) {
    const record: Json = records[i];
    if (!isRecord(record)) continue;
    let next = record;
    const level = readLevel(record, `${at}/${i}`, problems);
    if (level) next = { ...next, confidentiality: level };
    const capabilities =
      nested && Array.isArray(record.capabilities) ? readListLevels(record.capabilities, `${at}/${i}/capabilities`, problems, false) : undefined;
    if (capabilities) next = { ...next, capabilities };
    if (next === record) continue;
    copy ??= records.slice();
    copy[i] = next;
  }
  return copy;
}

/** The level a record's written level is read as, when it is not already the format's word (with its warning). */
function readLevel(record: JsonRecord, at: string, problems: ProblemList): Confidentiality | undefined {
  if (!Object.hasOwn(record, 'confidentiality')) return undefined;
  const value = record.confidentiality;
  if (isConfidentiality(value)) return undefined;
  const level = readConfidentiality(value === undefined ? null : value);
  const code = isConfidentialityAlias(value) ? 'confidentiality-alias' : 'unknown-confidentiality';
  const shown = typeof value === 'string' ? value : String(JSON.stringify(value));
  problems.semantic(`${at}/confidentiality`, 'warning', code, { value: shown, level }, 'value-replaced');
  return level;
}
