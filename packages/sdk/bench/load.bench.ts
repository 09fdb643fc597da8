/**
 * Issue #2 benchmark: parse + validate + index a generated document, at territory sizes and at
 * 100k establishments / 500k flows (target ≤ 1.0 s), against a baseline of JSON.parse + ajv
 * compiled at run time (allErrors) + a naive Map-of-arrays index, run in the same process.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateTerritory } from '@toile/testkit/node';
import { buildIndex, parseJson, readToileText, validateToile } from '../src/index.ts';
import type { Flow, ToileDocument } from '@toile/schema';
import { runGroup } from './harness.ts';

const schemaPath = fileURLToPath(new URL('../../schema/generated/toile.schema.json', import.meta.url));
const ajvValidate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** What a first implementation would write: objects in a Map, arrays of flows per node. */
function naiveIndex(doc: ToileDocument) {
  const nodes = new Map<string, { out: Flow[]; in: Flow[] }>();
  for (const e of doc.establishments) nodes.set(e.id, { out: [], in: [] });
  for (const f of doc.flows) {
    nodes.get(f.from)?.out.push(f);
    nodes.get(f.to)?.in.push(f);
  }
  return nodes;
}

/** The naive baseline of issue #2: JSON.parse, ajv compiled at run time (allErrors), a Map of arrays. */
export function baseline(text: string) {
  const doc = JSON.parse(text) as ToileDocument;
  if (!ajvValidate(doc)) throw new Error('baseline: generated document invalid');
  return naiveIndex(doc);
}

function toile(text: string) {
  const result = readToileText(text);
  if (!result.valid || !result.data) throw new Error(`toile: generated document invalid: ${JSON.stringify(result.problems[0])}`);
  return buildIndex(result.data);
}

export async function run(): Promise<void> {
  console.log('\n# Load: parse + validate + index (issue #2)');
  const sizes = [
    { establishments: 1_000, iterations: 30, targetMs: 20 },
    { establishments: 5_000, iterations: 20 },
    { establishments: 10_000, iterations: 10 },
    { establishments: 100_000, iterations: 5, targetMs: 1000 },
  ];
  for (const size of sizes) {
    const doc = generateTerritory({ establishments: size.establishments, flowsPerEstablishment: 5, seed: 42 });
    const text = JSON.stringify(doc);
    const flows = doc.flows.length;
    const parsed = parseJson(text);
    const value = parsed.ok ? parsed.value : undefined;
    const valid = validateToile(value).data as ToileDocument;
    await runGroup({
      title: 'parse + validate + index',
      size: `${size.establishments.toLocaleString('en')} establishments / ${flows.toLocaleString('en')} flows, ${(text.length / 1048576).toFixed(1)} MB`,
      records: size.establishments + flows,
      iterations: size.iterations,
      ...(size.targetMs ? { targetMs: size.targetMs } : {}),
      cases: [
        { name: 'baseline: JSON.parse + ajv (runtime, allErrors) + naive index', fn: () => baseline(text), baseline: true },
        { name: 'floor: JSON.parse alone (no check, no index)', fn: () => JSON.parse(text) as unknown },
        { name: 'toile: readToileText + buildIndex', fn: () => toile(text) },
        { name: '  of which parseJson', fn: () => parseJson(text) },
        { name: '  of which validateToile', fn: () => validateToile(value) },
        { name: '  of which buildIndex', fn: () => buildIndex(valid) },
      ],
    });
  }
}
