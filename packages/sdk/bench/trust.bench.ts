/**
 * Issue #12.7 benchmark: validation stays linear when a document is made of duplicates. Validates
 * documents whose flows are all written twice (50k and 100k duplicate ids) beside documents of the
 * same size with unique ids, in the same process: linear validation keeps the ratio near 1 and
 * doubles with the size; the former `findIndex` per duplicate took 38 s at 80k pairs.
 */
import { generateTerritory } from '@toile/testkit/node';
import { parseJson, validateToile } from '../src/index.ts';
import { runGroup } from './harness.ts';

/** A generated document with `flows` flows; with `duplicated`, the second half repeats the first half's ids. */
function document(flows: number, duplicated: boolean): unknown {
  const doc = generateTerritory({ establishments: Math.max(1000, flows / 5), flowsPerEstablishment: 5, seed: 7 });
  doc.flows = doc.flows.slice(0, flows);
  if (duplicated) {
    const half = flows / 2;
    doc.flows = doc.flows.map((f, i) => (i < half ? f : { ...f, id: doc.flows[i - half]!.id }));
  }
  return doc;
}

export async function run(): Promise<void> {
  console.log('\n# Trust: validation of duplicate ids and duplicate keys (issue #12)');
  for (const duplicates of [50_000, 100_000]) {
    const flows = duplicates * 2;
    const unique = document(flows, false);
    const twice = document(flows, true);
    await runGroup({
      title: 'validateToile, duplicate flow ids',
      size: `${flows.toLocaleString('en')} flows, ${duplicates.toLocaleString('en')} of them duplicate ids`,
      records: flows,
      iterations: 5,
      cases: [
        { name: 'baseline: same size, unique ids', fn: () => validateToile(unique, { maxProblems: 200_000 }), baseline: true },
        { name: `${duplicates.toLocaleString('en')} duplicate ids`, fn: () => validateToile(twice, { maxProblems: 200_000 }) },
      ],
    });
  }
  // Duplicate-key detection costs a count on the fast path; the scan runs only when keys repeat.
  const doc = generateTerritory({ establishments: 20_000, flowsPerEstablishment: 5, seed: 7 });
  const text = JSON.stringify(doc);
  const repeated = text.replace(/"kind":"supply"/g, '"kind":"supply","kind":"supply"');
  await runGroup({
    title: 'parseJson with duplicate-key detection',
    size: `20,000 establishments / ${doc.flows.length.toLocaleString('en')} flows, ${(text.length / 1048576).toFixed(1)} MB`,
    records: doc.establishments.length + doc.flows.length,
    iterations: 10,
    cases: [
      { name: 'baseline: JSON.parse', fn: () => JSON.parse(text), baseline: true },
      { name: 'parseJson, no duplicate key (fast path)', fn: () => parseJson(text) },
      { name: 'parseJson, every supply flow with "kind" twice (scan)', fn: () => parseJson(repeated) },
    ],
  });
}
