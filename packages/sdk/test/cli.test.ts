import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';
import { baseDocument, documentWith } from './fixtures.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'packages/sdk/src/cli/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'toile-cli-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the real CLI in a child process, as `pnpm toile` does. */
async function toile(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the CLI in-process with captured streams. */
async function toileInProcess(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env, cwd: dir };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const valid = file('valid.json', JSON.stringify(baseDocument()));
const warned = file('warned.json', JSON.stringify(documentWith((d) => (d.flows[0]!.quantity = { value: 1, unit: 'MWh/yr' }))));
const invalid = file('invalid.json', JSON.stringify(documentWith((d) => d.flows.push({ id: 'x', from: 'acier', to: 'ghost', kind: 'supply' }))));
const malformed = file('malformed.json', '{\n  "toile": "1.0",\n  "territory": {\n');

describe('toile validate (child process)', () => {
  it('exits 0 on a valid document, in French by default', async () => {
    const r = await toile(['validate', valid]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valide — 4 établissements, 3 flux, 2 ressources/);
  });

  it('exits 1 on an invalid document and lists pointer and message, in English on request', async () => {
    const r = await toile(['validate', invalid, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/flows/3/to');
    expect(r.stdout).toContain('establishment "ghost" does not exist');
  });

  it('reports malformed JSON with line and column and no stack trace', async () => {
    const r = await toile(['validate', malformed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ligne 4, colonne 1/);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on usage errors', async () => {
    expect((await toile(['validate'])).code).toBe(2);
    expect((await toile(['validate', valid, '--bogus'])).code).toBe(2);
    const missing = await toile(['validate', join(dir, 'nope.json'), '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read file');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes English from the environment', async () => {
    const r = await toile(['validate', valid], { LANG: 'en_GB.UTF-8' });
    expect(r.stdout).toMatch(/valid — 4 establishments/);
  });
});

describe('toile validate (in process)', () => {
  it('prints warnings and still exits 0', async () => {
    const r = await toileInProcess(['validate', warned, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning\s+\/flows\/0\/quantity\/unit\s+\[unit-kind-mismatch\]/);
  });

  it('--json gives a machine-readable report with both languages', async () => {
    const r = await toileInProcess(['validate', invalid, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: false, errors: 1, counts: { establishments: 4, flows: 3, resources: 2 } });
    expect(report.problems[0]).toMatchObject({ pointer: '/flows/3/to', severity: 'error', code: 'unknown-establishment' });
    expect(report.problems[0].message.fr).toContain('ghost');
    expect(report.problems[0].message.en).toContain('ghost');
  });

  it('refuses unknown commands and bad --lang; a folder without CSV files is an invalid package', async () => {
    expect((await toileInProcess(['frobnicate'])).code).toBe(2);
    expect((await toileInProcess(['validate', valid, '--lang', 'de'])).code).toBe(2);
    const r = await toileInProcess(['validate', '.', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('file establishments.csv is missing');
  });

  it('reports a non-object JSON file as invalid', async () => {
    const r = await toileInProcess(['validate', file('array.json', '[1,2,3]'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('must be a JSON object');
  });

  it('shows help', async () => {
    const r = await toileInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('toile validate FILE');
  });
});
