/**
 * The command line as a newcomer meets it: the documented `pnpm -s toile … --json` prints JSON only,
 * piping into `head` ends quietly, `--version`/`-h`/`-o`/`-q`, unknown names answered with the
 * closest valid one, one name for the status filter, French output in French words and numbers,
 * and names from files never reaching the terminal as control characters.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';
import { escapeTerminal } from '../src/cli/escape.ts';
import { documentWith } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'packages/sdk/src/cli/bin.ts');
const PORT = join(ROOT, 'examples/data/port-estuaire.toile.json');
const MINI = 'examples/data/mini.toile.json';
const dir = mkdtempSync(join(tmpdir(), 'toile-newcomer-'));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/sdk/package.json'), 'utf8')) as { version: string }).version;

/** A name made to take over a terminal: red colour, then a right-to-left override. */
const EVIL = 'Evil\u001b[31mRED\u202Egnp.exe\u200F\u2066x\u2069\u009b2J';
writeFileSync(
  join(dir, 'evil.json'),
  JSON.stringify(
    documentWith((d) => {
      d.establishments[0]!.name = EVIL;
      d.flows[0]!.item = { label: `Laitier\u001b]0;title\u0007`, code: 'ewc:100202' };
      d.resources![0]!.item = { family: 'heat', label: `Chaleur\u001b[2J` };
    }),
  ),
);
writeFileSync(join(dir, 'doc.json'), JSON.stringify(documentWith(() => undefined)));

const NNBSP = '\u202F';

const toile = cliIn(dir);

/** Runs a real process; `closeAfter` bytes of stdout are read, then the reader goes away (like `head -c`). */
function run(command: string, args: string[], options: { env?: Record<string, string>; closeAfter?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // A user's shell, not the test runner's: `npm test` runs under pnpm, whose npm_config_* variables
    // make npx warn ("Unknown env config") on stderr.
    const shell = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
    const child = spawn(command, args, { cwd: ROOT, env: { ...shell, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.closeAfter !== undefined && stdout.length >= options.closeAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the documented command prints only the tool’s output', () => {
  it('`pnpm -s toile … --json` gives JSON a program can parse', async () => {
    const silent = await run('npx', ['--yes', 'pnpm@10.34.9', '-s', 'toile', 'validate', MINI, '--json']);
    expect(silent.code).toBe(0);
    expect(JSON.parse(silent.stdout)).toMatchObject({ valid: true, file: MINI });
    expect(silent.stderr).toBe('');
  }, 120_000);

  it('run by `pnpm toile` without -s (pnpm has printed its banner on stdout), --json says how to avoid it', async () => {
    // The environment pnpm 10 gives a script: with -s it adds npm_config_reporter=silent.
    const pnpmEnv = { npm_lifecycle_event: 'toile', npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20 linux x64' };
    let stderr = '';
    const io = (env: Record<string, string>): CliIO => ({ stdout: () => undefined, stderr: (t) => (stderr += t), stderrIsTTY: false, env, cwd: dir });
    await runCli(['validate', 'doc.json', '--json'], io(pnpmEnv));
    expect(stderr).toContain('lancez `pnpm -s toile …` pour une sortie lisible par un programme');
    stderr = '';
    await runCli(['validate', 'doc.json', '--json'], io({ ...pnpmEnv, npm_config_reporter: 'silent' }));
    await runCli(['validate', 'doc.json'], io(pnpmEnv));
    expect(stderr).toBe('');
    await runCli(['validate', 'doc.json', '--json', '--lang', 'en'], io({ npm_lifecycle_event: 'toile', npm_config_user_agent: 'npm/11.0.0' }));
    expect(stderr).toContain('run `npm run -s toile -- …`');
  });
});

describe('piping into a reader that stops early', () => {
  for (const args of [
    ['export', PORT, '--to', 'gexf', '--audience', 'internal'],
    ['publish', PORT, '--audience', 'internal'],
  ]) {
    it(`toile ${args[0]} | head: exits quietly, no EPIPE stack trace`, async () => {
      const r = await run(process.execPath, ['--import', 'tsx', BIN, ...args, '-q'], { closeAfter: 100 });
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled|node:events|at /);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }, 60_000);
  }
});

describe('options a newcomer expects', () => {
  it('--version, -h, help per command', async () => {
    expect(await toile('--version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = await toile('-h');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-o/--out FICHIER, -q/--quiet');
    const exportHelp = await toile('export', '-h', '--lang', 'en');
    expect(exportHelp.stdout).toContain('--gexf-version 1.3|1.2');
    expect(exportHelp.stdout).toContain('--audience public|partners|internal');
  });

  it('-o is --out; -q leaves notes out', async () => {
    const r = await toile('export', 'doc.json', '--to', 'jgf', '-o', 'short.jgf', '-q');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'short.jgf'), 'utf8')).graph.nodes.acier.label).toBe('Aciérie');
    const loud = await toile('export', 'doc.json', '--to', 'jgf', '-o', 'short.jgf');
    expect(loud.stderr).toContain('export « public »');
  });

  it('unknown commands and options: the closest valid name, in the user’s language', async () => {
    const cmd = await toile('valdate', 'doc.json');
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('commande inconnue `valdate` : vouliez-vous dire `validate` ?');
    expect((await toile('valdate', 'doc.json', '--lang', 'en')).stderr).toContain('unknown command `valdate`: did you mean `validate`?');
    const opt = await toile('synergies', 'doc.json', '--radius', '5');
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('`--radius` : vouliez-vous dire `--radius-km` ?');
    expect((await toile('synergies', 'doc.json', '--radius=5', '--lang', 'en')).stderr).toContain('`--radius`: did you mean `--radius-km`?');
    const far = await toile('stats', 'doc.json', '--zzzzzzzz');
    expect(far.stderr).toContain('option inconnue : `--zzzzzzzz`');
    expect(far.stderr).not.toContain('vouliez-vous');
    expect((await toile('publish', 'doc.json', '--out')).stderr).toContain('--out attend une valeur');
    expect((await toile('stats', 'doc.json', '--json=yes', '--lang', 'en')).stderr).toContain('--json takes no value');
  });

  it('one name for the status filter: --statuses everywhere, --include-status still read with a warning', async () => {
    const args = [PORT, '--model', 'cascade', '--shock', 'acierie=1', '--json'];
    const now = await toile('domino', ...args, '--statuses', 'active,planned');
    const old = await toile('domino', ...args, '--include-status', 'active,planned');
    expect(now.code).toBe(0);
    expect(now.stderr).toBe('');
    expect(old.stdout).toBe(now.stdout);
    expect(old.stderr).toContain('--include-status est remplacé par --statuses');
    expect(JSON.parse(now.stdout).derivation.ignoredFlows).toBeLessThan(JSON.parse((await toile('domino', ...args)).stdout).derivation.ignoredFlows);
    expect((await toile('systemic', PORT, '--statuses', 'active,planned', '--top', '1', '--json')).code).toBe(0);
    expect((await toile('stats', PORT, '--statuses', 'bogus')).stderr).toContain('--statuses attend active, potential, planned, ended');
  });
});

describe('French output speaks French, English output English', () => {
  it('domino: numbers in the locale, establishments by name with their id', async () => {
    const fr = await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie=1');
    expect(fr.stdout).toContain(`2${NNBSP}623,7 emplois menacés`);
    expect(fr.stdout).toContain(`valeur annuelle entière 2${NNBSP}193${NNBSP}099${NNBSP}246 €/an`);
    expect(fr.stdout).toContain('Aciérie de l’Estuaire (acierie) — défaillant au tour 0');
    const en = await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie=1', '--lang', 'en');
    expect(en.stdout).toContain('2,623.7 jobs at risk');
    expect(en.stdout).toContain('whole annual value 2,193,099,246 €/yr');
  });

  it('stats, gaps, sources, synergies, systemic: kinds, statuses, units and families by their labels', async () => {
    const stats = await toile('stats', PORT, '--top', '3');
    expect(stats.stdout).toContain('Par type : Services 91, Achats et fournitures 79');
    expect(stats.stdout).toContain('Par statut : actif 344, potentiel 10, en projet 8, terminé 4');
    expect(stats.stdout).toContain('des tonnages (t/an)');
    expect(stats.stdout).toContain('0,0708          0,0411');
    expect(stats.stdout).not.toMatch(/\bsupply\b|\bt\/yr\b/);
    const statsEn = await toile('stats', PORT, '--top', '3', '--lang', 'en');
    expect(statsEn.stdout).toContain('By kind: Services 91, Supplies 79');
    expect(statsEn.stdout).toContain('of quantities (t/yr)');
    expect(statsEn.stdout).toContain('0.0708       0.0411');
    const gaps = await toile('gaps', PORT, '--top', '1');
    expect(gaps.stdout).toContain(`8${NNBSP}000${NNBSP}000 t/an`);
    expect(gaps.stdout).toContain('North Sea Crude Trading (fictif) (brut)');
    const sources = await toile('sources', PORT, '--establishment', 'cimenterie', '--input', 'ferrous-metals');
    expect(sources.stdout).toContain('Autres sources de Métaux ferreux pour Ciments de la Vire-Marine (cimenterie)');
    const synergies = await toile('synergies', PORT, '--top', '4');
    expect(synergies.stdout).toContain('Chaleur (chaleur fatale)');
    const systemic = await toile('systemic', PORT, '--top', '1');
    expect(systemic.stdout).toMatch(new RegExp(`\\d${NNBSP}\\d{3}(,\\d)? +\\d+ +\\d+ +\\d+ +\\d{1,3}(${NNBSP}\\d{3})+ +Raffinerie .*\\(raffinerie\\)`));
  });
});

describe('names from a file never reach the terminal as control characters', () => {
  it('escapeTerminal shows controls and bidi marks as code points', () => {
    expect(escapeTerminal('a\u001b[31mb\u202Ec')).toBe('a\\u{001B}[31mb\\u{202E}c');
    expect(escapeTerminal('x\ny', { keepNewlines: true })).toBe('x\ny');
    expect(escapeTerminal('x\ny')).toBe('x\\u{000A}y');
    // French numbers keep their narrow no-break spaces.
    expect(escapeTerminal(`2${NNBSP}623,7`)).toBe(`2${NNBSP}623,7`);
  });

  const commands: string[][] = [
    ['stats', 'evil.json', '--establishment', 'acier'],
    ['systemic', 'evil.json'],
    ['synergies', 'evil.json'],
    ['domino', 'evil.json', '--model', 'cascade', '--shock', 'acier=1'],
    ['gaps', 'evil.json'],
    ['sources', 'evil.json', '--establishment', 'ciment', '--input', 'ewc:100202'],
  ];
  for (const args of commands) {
    it(`toile ${args[0]}: escaped in French and English`, async () => {
      for (const lang of ['fr', 'en']) {
        const r = await toile(...args, '--lang', lang);
        expect(r.code).toBe(0);
        const text = r.stdout + r.stderr;
        expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
        if (args[0] !== 'gaps') expect(text).toContain('Evil\\u{001B}[31mRED\\u{202E}gnp.exe\\u{200F}\\u{2066}x\\u{2069}\\u{009B}2J');
      }
    });
  }

  it('stderr too (an unknown id given on the command line); JSON stays JSON', async () => {
    const r = await toile('stats', 'evil.json', '--establishment', 'no\u001b[2Jbody');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no\\u{001B}[2Jbody');
    const json = await toile('systemic', 'evil.json', '--json');
    expect(JSON.parse(json.stdout).ranking.map((x: { name: string }) => x.name)).toContain(EVIL);
  });
});
