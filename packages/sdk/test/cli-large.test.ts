import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTerritory } from '@toile/testkit/node';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'toile-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 200 MB file', () => {
  it('cut short: the real CLI names the line and column, exits 1, no crash or stack trace', async () => {
    const full = join(dir, 'big.json');
    await writeTerritory(full, { establishments: 300_000, flowsPerEstablishment: 5, seed: 1 });
    const text = readFileSync(full, 'utf8');
    const cut = join(dir, 'big-cut.json');
    writeFileSync(cut, text.slice(0, text.length - 1000));
    expect(statSync(cut).size).toBeGreaterThan(200 * 1024 * 1024);
    const result = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/sdk/src/cli/bin.ts'), 'validate', cut, '--lang', 'en'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/malformed JSON at line 1, column \d{9}/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  }, 180_000);
});
