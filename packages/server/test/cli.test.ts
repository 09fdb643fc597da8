/**
 * `toile serve` refuses a bad port or origin before it opens anything: exit code 2, the problem in
 * French and English, and the usage in the user's language.
 */
import { describe, expect, it } from 'vitest';
import { serve } from '../src/cli.ts';

async function run(args: string[], lang: 'fr' | 'en', env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await serve(args, lang, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('toile serve, bad options', () => {
  for (const port of ['abc', '70000', '-1', '8.5'])
    it(`refuses --port ${port}`, async () => {
      const { code, stdout, stderr } = await run([`--port=${port}`], 'fr');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`port invalide : ${port}`);
      expect(stderr).toContain(`invalid port: ${port}`);
      expect(stderr).toContain('Usage : toile serve');
    });

  it('refuses a port from the environment too, with the usage in English', async () => {
    const { code, stderr } = await run([], 'en', { TOILE_PORT: 'eighty' });
    expect(code).toBe(2);
    expect(stderr).toContain('invalid port: eighty');
    expect(stderr).toContain('Usage: toile serve');
  });

  for (const origin of ['ftp://example.org', 'https://example.org/path', 'example.org', 'https://exa mple.org'])
    it(`refuses --cors ${origin}`, async () => {
      const { code, stderr } = await run(['--cors', `https://ok.example,${origin}`], 'en');
      expect(code).toBe(2);
      expect(stderr).toContain(`origine invalide : ${origin}`);
      expect(stderr).toContain(`invalid origin: ${origin}`);
    });
});
