/**
 * The confidentiality reading pass, before the schema sees the document: a publication level is
 * never dropped (a dropped level would fall back to the default, `public`).
 */
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
    let copy: Json[] | undefined;
    for (let i = 0; i < records.length; i++) {
      const record: Json = records[i];
      if (!isRecord(record) || !Object.hasOwn(record, 'confidentiality')) continue;
      const value = record.confidentiality;
      if (isConfidentiality(value)) continue;
      const level = readConfidentiality(value === undefined ? null : value);
      const code = isConfidentialityAlias(value) ? 'confidentiality-alias' : 'unknown-confidentiality';
      const shown = typeof value === 'string' ? value : String(JSON.stringify(value));
      problems.semantic(`/${list}/${i}/confidentiality`, 'warning', code, { value: shown, level }, 'value-replaced');
      copy ??= records.slice();
      copy[i] = { ...record, confidentiality: level };
    }
    if (copy) {
      if (out === input) out = { ...input };
      out[list] = copy;
    }
  }
  return out;
}
