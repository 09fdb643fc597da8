/**
 * Issue #12, validation side: mistyped levels, duplicate keys, quadratic duplicates, deep nesting,
 * broken top-level structure, and the spreadsheet-mangled codes of #13. Each output test greps the
 * bytes a user would send on for the secret values.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, publishToile, readToileText, validateToile } from '../src/index.ts';
import { MAX_DEPTH } from '../src/validate/validate.ts';
import { baseDocument } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const dir = mkdtempSync(join(tmpdir(), 'toile-trust-'));
const SECRET = 'SECRET-7f3a';

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const run = cliIn(dir);
const toile = (args: string[]) => run(...args);

/** The base document with a secret establishment (and its flow) at the given written level. */
function withSecretLevel(level: unknown): Record<string, unknown> {
  const doc = baseDocument() as unknown as { establishments: Record<string, unknown>[]; flows: Record<string, unknown>[] };
  doc.establishments.push({ id: 'hidden', name: `${SECRET} establishment`, confidentiality: level });
  doc.flows.push({ id: 'hf', from: 'hidden', to: doc.establishments[0]!.id, kind: 'supply', description: `${SECRET} flow`, confidentiality: level });
  return doc as unknown as Record<string, unknown>;
}

describe('#12.1 a mistyped publication level is never weaker than confidential', () => {
  const typos: unknown[] = [
    'Confidential',
    'CONFIDENTIAL',
    'confidentiel',
    'Confidentielle',
    'privé',
    'secret',
    '',
    ' public ',
    42,
    null,
    true,
    { level: 'public' },
  ];

  it.each(typos)('%j is kept and read as confidential or its alias, with a warning at its pointer', (level) => {
    const result = validateToile(withSecretLevel(level));
    const hidden = result.data!.establishments.find((e) => e.id === 'hidden');
    expect(hidden).toBeDefined();
    const expected = level === ' public ' ? 'public' : 'confidential';
    expect(hidden!.confidentiality).toBe(expected);
    expect(result.data!.flows.find((f) => f.id === 'hf')!.confidentiality).toBe(expected);
    const warning = result.problems.find((p) => p.pointer === `/establishments/${result.data!.establishments.length - 1}/confidentiality`);
    expect(warning).toMatchObject({ severity: 'warning', action: 'value-replaced' });
    expect(warning!.message.fr).toMatch(/confidentialité/);
    expect(warning!.message.en).toMatch(/confidentiality/);
  });

  it('reads the French words and case variants as their level', () => {
    const levels = ['Public', 'partenaires', 'Partenaires', 'PARTNERS', 'confidentiel', 'Confidentiel'].map(
      (level) => validateToile(withSecretLevel(level)).data!.establishments.at(-1)!.confidentiality,
    );
    expect(levels).toEqual(['public', 'partners', 'partners', 'partners', 'confidential', 'confidential']);
  });

  it.each(['Confidential', 'confidentiel', 'privé', 'partners-only'])(
    '`toile publish --audience public` leaves %j out of the bytes it writes',
    async (level) => {
      const input = file(`typo-${encodeURIComponent(level)}.json`, JSON.stringify(withSecretLevel(level)));
      const out = join(dir, `typo-${encodeURIComponent(level)}.out.json`);
      const r = await toile(['publish', input, '--audience', 'public', '--out', out]);
      expect(r.code).toBeLessThan(2);
      const bytes = readFileSync(out, 'utf8');
      expect(bytes).toContain('"establishments"');
      expect(bytes).not.toContain(SECRET);
    },
  );

  it('`--audience partners` sees a `partenaires` record but not a mistyped one', () => {
    const partners = publishToile(validateToile(withSecretLevel('partenaires')).data!, { audience: 'partners' });
    expect(JSON.stringify(partners.data)).toContain(SECRET);
    const typo = publishToile(validateToile(withSecretLevel('partnrs')).data!, { audience: 'partners' });
    expect(JSON.stringify(typo.data)).not.toContain(SECRET);
  });
});

describe('#12.4 duplicate JSON keys', () => {
  const text = JSON.stringify(withSecretLevel('confidential')).replace(
    /"confidentiality":"confidential"/g,
    '"confidentiality":"confidential","confidentiality":"public"',
  );

  it('reports each key written twice with its pointer and line, and keeps the strictest level', () => {
    const result = readToileText(text);
    const duplicates = result.problems.filter((p) => p.code === 'duplicate-confidentiality');
    const last = result.data!.establishments.length - 1;
    expect(duplicates.map((p) => p.pointer)).toEqual(
      expect.arrayContaining([`/establishments/${last}/confidentiality`, `/flows/${result.data!.flows.length - 1}/confidentiality`]),
    );
    expect(duplicates[0]!.message.en).toMatch(/strictest is kept \("confidential"\)/);
    expect(result.data!.establishments[last]!.confidentiality).toBe('confidential');
    expect(JSON.stringify(publishToile(result.data!, { audience: 'public' }).data)).not.toContain(SECRET);
  });

  it('the strictest wins in either order and over three values', () => {
    const parsed = parseJson(
      '{"a":{"confidentiality":"public","confidentiality":"partners","confidentiality":"public"},"b":[{"confidentiality":"Confidentiel","confidentiality":"public"}]}',
    );
    expect(parsed.ok && parsed.value).toEqual({ a: { confidentiality: 'partners' }, b: [{ confidentiality: 'confidential' }] });
    expect(parsed.ok && parsed.problems.map((p) => p.pointer)).toEqual(['/a/confidentiality', '/b/0/confidentiality']);
  });

  it('names any other duplicate key with its place; keys in different objects are not duplicates', () => {
    const parsed = parseJson('{\n  "x": [{"name": "a", "id": 1}, {"name": "b"}],\n  "y": {"name" : "c", "name": "d"}\n}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ pointer: '/y/name', code: 'duplicate-key', severity: 'warning', params: { line: 3, count: 2 } });
  });

  it('`toile publish` of the duplicate-key document writes no secret byte and says why', async () => {
    const input = file('dup.json', text);
    const out = join(dir, 'dup.out.json');
    const r = await toile(['publish', input, '--audience', 'public', '--out', out]);
    expect(readFileSync(out, 'utf8')).not.toContain(SECRET);
    expect(r.stdout + r.stderr).toMatch(/confidentialité écrit 2 fois/);
  });
});

describe('#12.7 duplicate ids are found in linear time', () => {
  // The timeout is the regression guard: the quadratic search took 33 s here, the linear one 1.3 s.
  it('80,000 duplicate flow pairs are each reported against their first occurrence', { timeout: 15_000 }, () => {
    const doc = baseDocument();
    const [a, b] = [doc.establishments[0]!.id, doc.establishments[1]!.id];
    doc.flows = [];
    for (let i = 0; i < 80_000; i++) doc.flows.push({ id: `d${i}`, from: a, to: b, kind: 'supply' });
    for (let i = 0; i < 80_000; i++) doc.flows.push({ id: `d${i}`, from: a, to: b, kind: 'supply' });
    const result = validateToile(doc, { maxProblems: 200_000 });
    const duplicates = result.problems.filter((p) => p.code === 'duplicate-id');
    expect(duplicates).toHaveLength(80_000);
    expect(duplicates[12_345]).toMatchObject({ pointer: '/flows/92345/id', params: { first: '/flows/12345' } });
    expect(result.data!.flows).toHaveLength(80_000);
  });
});

/** `depth` nested objects: `{"a":{"a":…1…}}`. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('#12.10 deep nesting gets a located error, never a stack overflow', () => {
  const deepExt = JSON.stringify(baseDocument()).replace('"establishments":[{', `"establishments":[{"ext":${nested(100_000)},`);

  it('validation removes an `ext` nested deeper than the limit and names it', () => {
    const result = readToileText(deepExt);
    expect(result.problems[0]).toMatchObject({ pointer: '/establishments/0/ext', code: 'too-deep', action: 'value-removed', params: { max: MAX_DEPTH } });
    expect(result.data!.establishments[0]!.ext).toBeUndefined();
    expect(result.data!.establishments).toHaveLength(baseDocument().establishments.length);
  });

  it('an `ext` at the limit is kept', () => {
    const ok = JSON.stringify(baseDocument()).replace('"establishments":[{', `"establishments":[{"ext":${nested(MAX_DEPTH)},`);
    expect(readToileText(ok).data!.establishments[0]!.ext).toBeDefined();
  });

  it('`publish --keep-extensions` and `export` exit normally on it', async () => {
    const input = file('deep.json', deepExt);
    const published = await toile(['publish', input, '--audience', 'public', '--keep-extensions', '--out', join(dir, 'deep.out.json')]);
    expect(published.code).toBe(1);
    expect(published.stdout + published.stderr).toContain('/establishments/0/ext');
    const exported = await toile(['export', input, '--to', 'jgf', '--out', join(dir, 'deep.jgf')]);
    expect(exported.code).toBeLessThan(2);
  });

  it('malformed text nested 100,000 deep is located, not a crash', () => {
    const parsed = parseJson(`{"toile":"1.0","x":${'['.repeat(100_000)}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.code).toBe('invalid-json');
    expect(parsed.problem.message.fr).toMatch(/imbrication trop profonde/);
    expect(parsed.problem.message.en).toMatch(/line 1, column \d+: nesting too deep/);
  });
});

describe('#12.11 the valid part always has the document’s shape', () => {
  const broken = [
    { name: 'flows is not a list', edit: (d: Record<string, unknown>) => (d.flows = { a: 1 }) },
    { name: 'establishments is a string', edit: (d: Record<string, unknown>) => (d.establishments = 'x') },
    { name: 'meta is a string', edit: (d: Record<string, unknown>) => (d.meta = 'x') },
    { name: 'territory is a number', edit: (d: Record<string, unknown>) => (d.territory = 3) },
    { name: 'resources is null', edit: (d: Record<string, unknown>) => (d.resources = null) },
  ];

  it.each(broken)('$name: invalid, but lists are lists and meta/territory objects', ({ edit }) => {
    const doc = baseDocument() as unknown as Record<string, unknown>;
    edit(doc);
    const result = validateToile(doc);
    expect(result.valid).toBe(false);
    expect(Array.isArray(result.data!.establishments)).toBe(true);
    expect(Array.isArray(result.data!.flows)).toBe(true);
    expect(result.data!.resources === undefined || Array.isArray(result.data!.resources)).toBe(true);
    expect(typeof result.data!.meta).toBe('object');
    expect(typeof result.data!.territory).toBe('object');
  });

  it.each(broken)('$name: every analysis command reports, none crashes (exit < 3)', async ({ name, edit }) => {
    const doc = baseDocument() as unknown as Record<string, unknown>;
    edit(doc);
    const input = file(`broken-${name.replace(/\W/g, '-')}.json`, JSON.stringify(doc));
    for (const args of [
      ['stats'],
      ['systemic'],
      ['gaps'],
      ['synergies', '--establishment', 'acier'],
      ['publish', '--audience', 'public'],
      ['export', '--to', 'gexf'],
    ]) {
      const [command, ...rest] = args;
      const r = await toile([command!, input, ...rest]);
      expect(r.stderr, `${args.join(' ')}: ${r.stderr}`).not.toMatch(/TypeError|Cannot read/);
      expect(r.code, args.join(' ')).toBeLessThan(3);
    }
  });
});

describe('#13.8 codes a spreadsheet mangled are named', () => {
  it('warns on a 4-character French postcode, explains a 4-digit INSEE code and a 13-digit SIRET', () => {
    const doc = baseDocument();
    doc.establishments[0]!.location = { postcode: '1000', insee: '1053', city: 'Bourg-en-Bresse' };
    doc.establishments[1]!.siret = '7328293200007';
    doc.establishments[2]!.location = { postcode: '60', country: 'DE' };
    const result = validateToile(doc);
    expect(result.problems.find((p) => p.pointer === '/establishments/0/location/postcode')).toMatchObject({ code: 'postcode-length', severity: 'warning' });
    const insee = result.problems.find((p) => p.pointer === '/establishments/0/location/insee');
    expect(insee?.code).toBe('insee-format');
    expect(insee?.message.fr).toMatch(/zéro initial/);
    const siret = result.problems.find((p) => p.pointer === '/establishments/1/siret');
    expect(siret?.code).toBe('siret-format');
    expect(siret?.message.en).toMatch(/14 digits expected/);
    expect(result.problems.some((p) => p.pointer === '/establishments/2/location/postcode')).toBe(false);
    expect(result.data!.establishments[0]!.location?.postcode).toBe('1000');
  });
});
