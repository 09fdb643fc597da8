/**
 * Synthetic territories written to a file, chunk by chunk (Node only), and the command line:
 * `npx tsx packages/testkit/src/write-territory.ts --establishments 100000 [--flows-per 5] [--seed 42]
 * [--resources] [--capabilities] --out FILE`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Generation, type GenerateOptions } from './territory.ts';

/**
 * Writes a synthetic document to a file, chunk by chunk: records are made and serialised 10,000 at a
 * time and written with backpressure, so memory stays flat (~150 MB) even for 1M / 5M.
 */
export async function writeTerritory(
  path: string,
  options: GenerateOptions,
): Promise<{ bytes: number; establishments: number; flows: number; resources: number }> {
  const g = new Generation(options);
  const out = createWriteStream(path);
  let bytes = 0;
  let failure: Error | undefined;
  out.on('error', (e) => (failure = e));
  const write = async (text: string) => {
    if (failure) throw failure;
    bytes += Buffer.byteLength(text);
    // events.once rejects if the stream fails while we wait.
    if (!out.write(text)) await once(out, 'drain');
  };
  const head = JSON.stringify(g.header());
  await write(`${head.slice(0, -1)},"establishments":[`);
  const CHUNK = 10_000;
  let first = true;
  // `make(i)` returns the records of one step (one for establishments and flows, several for resources).
  const list = async (count: number, make: (i: number) => unknown[]) => {
    first = true;
    for (let start = 0; start < count; start += CHUNK) {
      const part: string[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) for (const record of make(i)) part.push(JSON.stringify(record));
      if (part.length === 0) continue;
      await write((first ? '' : ',') + part.join(','));
      first = false;
    }
  };
  await list(g.n, (i) => [g.establishment(i)]);
  await write('],"flows":[');
  await list(g.m, (k) => [g.flow(k)]);
  let resources = 0;
  if (g.resourcesEach > 0) {
    await write('],"resources":[');
    await list(g.n, (i) => {
      const rs = g.resources(i);
      resources += rs.length;
      return rs;
    });
  }
  await write(']}');
  out.end();
  await once(out, 'finish');
  if (failure) throw failure;
  return { bytes, establishments: g.n, flows: g.m, resources };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && /write-territory\.[tj]s$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      establishments: { type: 'string' },
      'flows-per': { type: 'string' },
      seed: { type: 'string' },
      resources: { type: 'boolean' },
      capabilities: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const n = Number(values.establishments);
  const flowsPer = Number(values['flows-per'] ?? 5);
  const seed = Number(values.seed ?? 42);
  if (!values.out || !Number.isInteger(n) || n < 2 || !(flowsPer >= 0) || !Number.isInteger(seed)) {
    console.error('usage: write-territory --establishments N [--flows-per 5] [--seed 42] [--resources] [--capabilities] --out FILE');
    process.exit(2);
  }
  const started = performance.now();
  const r = await writeTerritory(values.out, {
    establishments: n,
    flowsPerEstablishment: flowsPer,
    seed,
    resourcesPerEstablishment: values.resources ?? false,
    capabilitiesPerEstablishment: values.capabilities ?? false,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `wrote ${values.out}: ${r.establishments} establishments, ${r.flows} flows, ${r.resources} resources, ` +
      `${(r.bytes / 1048576).toFixed(1)} MiB in ${seconds.toFixed(1)} s`,
  );
}
