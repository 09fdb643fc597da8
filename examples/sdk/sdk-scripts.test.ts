/**
 * The SDK task scripts, run as a newcomer runs them (`npx tsx examples/sdk/<script>.ts`) on the
 * sample territory, with their outputs checked against the sample itself.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishToile, type ToileDocument } from '@toile/sdk';
import { exportCsvPackage } from '@toile/sdk/csv';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SAMPLE_PATH = join(ROOT, 'examples/data/port-estuaire.toile.json');

let sample: ToileDocument;
let ids: Set<string>;
let work: string;

/** Runs examples/sdk/<script>.ts with tsx from the repository root; resolves with stdout and the exit code. */
async function script(name: string, args: string[] = []): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, [join(ROOT, 'examples/sdk', `${name}.ts`), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

beforeAll(async () => {
  sample = JSON.parse(await readFile(SAMPLE_PATH, 'utf8')) as ToileDocument;
  ids = new Set(sample.establishments.map((e) => e.id));
  work = await mkdtemp(join(tmpdir(), 'toile-sdk-scripts-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Shares {
  local: number;
  external: number;
}
interface AnchoringRow {
  id: string;
  flowCount: { local: number; external: number };
  flows: Shares | null;
  value: Shares | null;
  quantity: Shares | null;
}

describe('examples/sdk/anchoring.ts', () => {
  it('gives the territory and its top establishments with shares that sum to 1', async () => {
    const { stdout, code, stderr } = await script('anchoring', ['--json', '--top', '5']);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as { territory: AnchoringRow & { id: string }; establishments: AnchoringRow[] };
    expect(out.territory.id).toBe(sample.territory.id);
    const activeFlows = sample.flows.filter((f) => (f.status ?? 'active') === 'active');
    const total = out.territory.flowCount.local + out.territory.flowCount.external;
    // Flows between two outside partners are not the territory's: at most all active flows.
    expect(total).toBeGreaterThan(activeFlows.length / 2);
    expect(total).toBeLessThanOrEqual(activeFlows.length);
    for (const row of [out.territory, ...out.establishments]) {
      for (const s of [row.flows, row.value, row.quantity]) {
        if (s === null) continue;
        expect(s.local).toBeGreaterThanOrEqual(0);
        expect(s.local).toBeLessThanOrEqual(1);
        expect(s.local + s.external).toBeCloseTo(1, 9);
      }
      expect(row.flows!.local).toBeCloseTo(row.flowCount.local / (row.flowCount.local + row.flowCount.external), 9);
    }
    expect(out.territory.value).not.toBeNull();
    expect(out.establishments).toHaveLength(5);
    const counts = out.establishments.map((e) => e.flowCount.local + e.flowCount.external);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const e of out.establishments) expect(ids.has(e.id)).toBe(true);
  });

  it('prints a readable table by default', async () => {
    const { stdout, code } = await script('anchoring', ['--top', '3']);
    expect(code).toBe(0);
    expect(stdout).toContain('Whole territory');
    expect(stdout).toMatch(/local flows\s+local value\s+local mass/);
    const names = sample.establishments.filter((e) => stdout.includes(e.name));
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(stdout).toMatch(/\d+(\.\d)?%/);
  });
});

describe('examples/sdk/csv-publish-gexf.ts', () => {
  it('imports a CSV package, publishes it for the public and writes a GEXF with one node per public establishment', async () => {
    const out = join(work, 'public.gexf');
    const { stdout, code, stderr } = await script('csv-publish-gexf', ['--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('0 error(s)');
    const published = publishToile(sample, { audience: 'public' }).data;
    expect(published.flows.length).toBeLessThan(sample.flows.length); // the sample has non-public flows
    const errors: string[] = [];
    const xml = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
      await readFile(out, 'utf8'),
      'text/xml',
    );
    expect(errors).toEqual([]);
    expect(xml.documentElement?.nodeName).toBe('gexf');
    const nodes = Array.from(xml.getElementsByTagName('node'));
    expect(nodes).toHaveLength(published.establishments.length);
    expect(new Set(nodes.map((n) => n.getAttribute('id')))).toEqual(new Set(published.establishments.map((e) => e.id)));
    expect(xml.getElementsByTagName('edge').length).toBe(published.flows.length);
  });

  it('stops on a package with errors, saying where in the spreadsheet', async () => {
    const dir = join(work, 'broken-csv');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    for (const [name, text] of exportCsvPackage(sample)) {
      // Blank the id of the first establishment row.
      await writeFile(join(dir, name), name === 'establishments.csv' ? text.replace(/\n[^,\n]+,/, '\n,') : text);
    }
    const { stdout, code } = await script('csv-publish-gexf', [dir, '--out', join(work, 'never.gexf')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/establishments\.csv row 2/);
  });
});

describe('examples/sdk/domino-at-risk.ts', () => {
  it('closes the biggest hub and writes the companies at risk as CSV', async () => {
    const out = join(work, 'at-risk.csv');
    const { stdout, code, stderr } = await script('domino-at-risk', ['--out', out]);
    expect(code, stderr).toBe(0);
    const closed = /\(([^()]+)\), model iim/.exec(stdout)?.[1];
    expect(closed && ids.has(closed)).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['id', 'name', 'inoperability', 'state', 'jobs_at_risk', 'lost_flows', 'loss_eur_per_year']);
    expect(parsed.data.length).toBeGreaterThanOrEqual(1);
    for (const row of parsed.data) {
      expect(ids.has(row.id!)).toBe(true);
      expect(row.id).not.toBe(closed);
      expect(Number(row.inoperability)).toBeGreaterThan(0);
      expect(Number(row.inoperability)).toBeLessThanOrEqual(1);
    }
    const inoperability = parsed.data.map((r) => Number(r.inoperability));
    expect(inoperability).toEqual([...inoperability].sort((a, b) => b - a));
  });

  it('closes the establishment given and finds its direct dependents at risk', async () => {
    const out = join(work, 'cascade.csv');
    const { code, stderr } = await script('domino-at-risk', ['--close', 'acierie', '--model', 'cascade', '--out', out]);
    expect(code, stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    // A client of the steelworks that depends on it for at least half its input must fail.
    const dependents = sample.flows
      .filter((f) => f.from === 'acierie' && (f.status ?? 'active') === 'active' && (f.dependency?.upstream ?? 0) >= 0.5)
      .map((f) => f.to);
    expect(dependents.length).toBeGreaterThan(0);
    for (const id of dependents) expect(rows.find((r) => r.id === id)?.state).toBe('stopped');
  });

  it('refuses an unknown establishment', async () => {
    const { code, stderr } = await script('domino-at-risk', ['--close', 'no-such-site', '--out', join(work, 'x.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-site');
  });
});

describe('examples/sdk/synergies-for.ts', () => {
  it('lists scored synergy candidates for one company', async () => {
    const { stdout, code, stderr } = await script('synergies-for', ['--id', 'acierie', '--json']);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as {
      establishment: string;
      synergies: { score: number; partner: string; direction: string; parts: Record<string, number> }[];
    };
    expect(out.establishment).toBe('acierie');
    expect(out.synergies.length).toBeGreaterThan(0);
    for (const s of out.synergies) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      for (const part of Object.values(s.parts)) expect(part >= 0 && part <= 1).toBe(true);
      expect(ids.has(s.partner)).toBe(true);
      expect(s.partner).not.toBe('acierie');
      expect(['gives', 'receives']).toContain(s.direction);
    }
    const scores = out.synergies.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('picks a company with candidates by default and prints them', async () => {
    const { stdout, code } = await script('synergies-for');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Synergies for .+ \([a-z0-9-]+\), within 50 km — [1-9]\d* candidate\(s\)/m);
    expect(stdout).toMatch(/^ 1\. (0\.\d\d|1\.00) {2}(gives|receives) /m);
  });
});
