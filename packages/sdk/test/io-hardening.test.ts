/**
 * Issue #12.9 (paths and origins), #12.14 (mixed line endings) and #12.8 (sizes, reading side):
 * real symbolic links, real HTTP servers on 127.0.0.1 with a real cross-origin redirect, sparse
 * files of 600 MB that take no disk space.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, ftruncateSync, writeFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportCsvPackage, importCsvPackage, LineEndingNormaliser, lineEndingsOf, normaliseLineEndings } from '../src/csv.ts';
import { loadToile } from '../src/index.ts';
import { readCsvColumns, readCsvPackage } from '../src/node.ts';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';
import { baseDocument } from './fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'toile-io-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the fixture as a CSV package in a new folder of `root`. */
function packageFolder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of exportCsvPackage(baseDocument())) writeFileSync(join(dir, file), content);
  return dir;
}

/** A sparse file of `bytes` bytes: its size is real, its blocks are not written. */
function sparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

function captureIO(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), stderrIsTTY: false, env: {}, cwd };
  return { io, out };
}

const SECRET = 'root:x:0:0:SECRET-LINE-4c1e';

describe('CSV package on disk: symbolic links never lead outside the package folder (#12.9)', () => {
  // A file outside every package, shaped as a table so that reading it would import its secret.
  const outside = join(root, 'outside');
  beforeAll(() => {
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'passwd'), `id,name\r\n${SECRET},x\r\n`);
    writeFileSync(join(outside, 'flows.csv'), `id,from,to,kind,label\r\nf9,acier,ciment,supply,${SECRET}\r\n`);
  });

  it('a table that is a link to a file outside is refused, located, and its content never echoed', async () => {
    const dir = packageFolder('link-file');
    rmSync(join(dir, 'establishments.csv'));
    symlinkSync(join(outside, 'passwd'), join(dir, 'establishments.csv'));
    const r = await readCsvPackage(dir);
    const refused = r.problems.find((p) => p.code === 'file-outside-package');
    expect(refused).toMatchObject({ severity: 'error', location: { file: 'establishments.csv' } });
    expect(refused!.message.fr).toMatch(/establishments\.csv mène hors du dossier du paquet/);
    expect(refused!.message.en).toMatch(/establishments\.csv leads outside the package folder/);
    // Refused in place of the file: not also reported as missing.
    expect(r.problems.some((p) => p.code === 'csv-missing-file')).toBe(false);
    expect(JSON.stringify(r)).not.toContain('SECRET-LINE');

    // The real command line: exit 1, the place named, the secret never printed.
    const { io, out } = captureIO(root);
    expect(await runCli(['validate', dir, '--lang', 'en'], io)).toBe(1);
    expect(`${out.stdout}${out.stderr}`).toContain('establishments.csv');
    expect(`${out.stdout}${out.stderr}`).not.toContain('SECRET-LINE');
  });

  it('a descriptor path through a linked folder that leads outside is refused too', async () => {
    const dir = packageFolder('link-dir');
    symlinkSync(outside, join(dir, 'tables'));
    const descriptor = JSON.parse(exportCsvPackage(baseDocument()).get('datapackage.json')!) as { resources: { name: string; path: string }[] };
    for (const r of descriptor.resources) if (r.name === 'flows') r.path = 'tables/flows.csv';
    writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(descriptor));
    const r = await readCsvPackage(dir);
    expect(r.problems.find((p) => p.code === 'file-outside-package')?.location).toEqual({ file: 'flows.csv' });
    expect(JSON.stringify(r)).not.toContain('SECRET-LINE');
    expect(r.data!.establishments.length).toBe(baseDocument().establishments.length);
  });

  it('a link that stays inside the package is followed', async () => {
    const dir = packageFolder('link-inside');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'flows.csv'), exportCsvPackage(baseDocument()).get('flows.csv')!);
    rmSync(join(dir, 'flows.csv'));
    symlinkSync(join(dir, 'data', 'flows.csv'), join(dir, 'flows.csv'));
    const r = await readCsvPackage(dir);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.data!.flows.length).toBe(baseDocument().flows.length);
  });
});

describe('CSV package over HTTP: a redirect to another origin is refused (#12.9)', () => {
  let home: Server;
  let elsewhere: Server;
  let homeBase = '';
  let elsewhereBase = '';
  const files = exportCsvPackage(baseDocument());
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  };
  beforeAll(async () => {
    // Another origin (another port) that serves a hostile flows table.
    elsewhere = createServer((_req, res) => res.end(`id,from,to,kind,label\r\nf9,acier,ciment,supply,${SECRET}\r\n`));
    elsewhereBase = await listen(elsewhere);
    home = createServer((req, res) => {
      const name = (req.url ?? '').replace(/^\/(same|cross)\//, '').replace(/^real\//, '');
      if (req.url === '/cross/flows.csv') {
        res.writeHead(302, { location: `${elsewhereBase}/flows.csv` }).end();
      } else if (req.url === '/same/flows.csv') {
        res.writeHead(302, { location: '/same/real/flows.csv' }).end();
      } else if (files.has(name)) res.end(files.get(name));
      else res.writeHead(404).end();
    });
    homeBase = await listen(home);
  });
  afterAll(async () => {
    await new Promise((resolve) => home.close(resolve));
    await new Promise((resolve) => elsewhere.close(resolve));
  });

  it('a table redirected (302) to a server on another port is refused, located, its bytes unused', async () => {
    const r = await loadToile(`${homeBase}/cross/datapackage.json`);
    const refused = r.problems.find((p) => p.code === 'file-outside-package');
    expect(refused).toMatchObject({ severity: 'error', location: { file: 'flows.csv' } });
    expect(refused!.message.en).toContain(elsewhereBase);
    expect(r.data!.flows).toEqual([]);
    expect(JSON.stringify(r.data)).not.toContain('SECRET-LINE');
    expect(r.data!.establishments.length).toBe(baseDocument().establishments.length);
  });

  it('a redirect on the same origin is followed', async () => {
    const r = await loadToile(`${homeBase}/same/datapackage.json`);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.data!.flows.length).toBe(baseDocument().flows.length);
  });
});

describe('CSV with mixed line endings (#12.14)', () => {
  const header = 'id,name,description';
  // A CRLF file where one row ends in a lone LF and one in a lone CR; quoted cells hold line breaks.
  const rows = ['a,Alpha,"deux\r\nlignes"', 'b,Beta,fin LF', 'c,Gamma,fin CR', 'd,Delta,"LF\ndedans"', 'e,Epsilon,5" tube', 'f,Phi,dernière'];
  const text = `${header}\r\n${rows[0]}\r\n${rows[1]}\n${rows[2]}\r${rows[3]}\r\n${rows[4]}\r\n${rows[5]}\r\n`;
  const flows = 'id,from,to,kind\r\n';

  for (const [label, input] of [
    ['text', text],
    ['UTF-8 bytes', new TextEncoder().encode(text)],
    ['semicolons', text.replaceAll(',', ';')],
  ] as const) {
    it(`splits every row, loses no record, keeps line breaks inside quotes (${label})`, () => {
      const r = importCsvPackage({ establishments: input, flows });
      expect(r.problems.filter((p) => p.code.startsWith('csv-'))).toEqual([]);
      expect(r.data!.establishments.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      const description = Object.fromEntries(r.data!.establishments.map((e) => [e.id, e.description]));
      expect(description).toMatchObject({ a: 'deux\r\nlignes', b: 'fin LF', c: 'fin CR', d: 'LF\ndedans', e: '5" tube', f: 'dernière' });
    });
  }
});

describe('file sizes are checked before reading (#12.8)', () => {
  it('a 600 MB establishments.csv (sparse) is refused with the file and the limit, in French and English', async () => {
    const dir = packageFolder('huge-csv');
    sparseFile(join(dir, 'establishments.csv'), 600 * 1024 * 1024);
    const r = await readCsvPackage(dir);
    const tooLarge = r.problems.find((p) => p.code === 'file-too-large');
    expect(tooLarge).toMatchObject({ severity: 'error', location: { file: 'establishments.csv' }, params: { sizeMb: 600 } });
    // The default follows Node's heap (1/20 of it, at most 500 MiB): the message says how to raise it.
    const limitMb = tooLarge!.params!.limitMb as number;
    expect(limitMb).toBeLessThanOrEqual(500);
    expect(tooLarge!.message.fr).toContain(`establishments.csv fait 600 Mo, au-delà de la limite de ${limitMb} Mo`);
    expect(tooLarge!.message.fr).toContain('l’option maxFileBytes');
    expect(tooLarge!.message.en).toContain(`establishments.csv is 600 MB, above the ${limitMb} MB limit`);
    expect(r.problems.some((p) => p.code === 'csv-missing-file')).toBe(false);

    // The command line reads so large a table into columns (see readCsvColumns); told to read it
    // as a document, it refuses it the same way.
    const { io, out } = captureIO(root);
    io.env = { TOILE_CSV_COLUMNS_BYTES: String(2 ** 40) };
    expect(await runCli(['validate', dir], io)).toBe(1);
    expect(`${out.stdout}${out.stderr}`).toContain('establishments.csv fait 600 Mo, au-delà de la limite de');
    // Into columns, the limit is the heap's (4 bytes of heap per byte of CSV) or the option's.
    const columns = await readCsvColumns(dir, { maxFileBytes: 100 * 1024 * 1024 });
    expect(columns.problems.find((p) => p.code === 'file-too-large')).toMatchObject({
      location: { file: 'establishments.csv' },
      params: { sizeMb: 600, limitMb: 100 },
    });
  });

  it('a line longer than any table row stops the reading of its file, rows before it kept, both ways', async () => {
    const dir = packageFolder('long-line');
    writeFileSync(join(dir, 'establishments.csv'), `id,name\na,Alpha\nb,Beta\nc,${'x'.repeat(17 * 1024 * 1024)}\nd,Delta\n`);
    for (const read of [readCsvPackage, readCsvColumns]) {
      const r = await read(dir);
      const long = r.problems.find((p) => p.code === 'csv-line-too-long');
      expect(long).toMatchObject({ severity: 'error', location: { file: 'establishments.csv' }, params: { after: 3 } });
      expect(long!.message.fr).toContain('ligne 3');
      expect(long!.message.en).toContain('row 3');
    }
    const r = await readCsvPackage(dir);
    expect(r.data!.establishments.map((e) => e.id)).toEqual(['a', 'b']);
    // The file read no further is closed all the same.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const open = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
      } catch {
        return false;
      }
    });
    expect(open).toEqual([]);
  });

  it('the limit is an option (set low here), for files on disk and for bytes in memory', async () => {
    const dir = packageFolder('small-limit');
    const r = await readCsvPackage(dir, { maxFileBytes: 100 });
    expect(
      r.problems
        .filter((p) => p.code === 'file-too-large')
        .map((p) => p.location?.file)
        .sort(),
    ).toEqual(['datapackage.json', 'establishments.csv', 'flows.csv', 'resources.csv']);
    expect((await readCsvPackage(dir, { maxFileBytes: 10_000 })).valid).toBe(true);
    // Bytes handed to the importer (from a URL, say) are checked too.
    const bytes = new TextEncoder().encode(exportCsvPackage(baseDocument()).get('flows.csv')!);
    const fromBytes = importCsvPackage({ establishments: exportCsvPackage(baseDocument()).get('establishments.csv')!, flows: bytes }, { maxFileBytes: 50 });
    expect(fromBytes.problems[0]).toMatchObject({ code: 'file-too-large', location: { file: 'flows.csv' }, params: { size: bytes.byteLength, limit: 50 } });
  });

  it('loadToile refuses a 600 MB JSON file (sparse) before reading it, even with the limit raised past the longest string', async () => {
    const file = join(root, 'huge.toile.json');
    sparseFile(file, 600 * 1024 * 1024);
    const r = await loadToile(file);
    expect(r.valid).toBe(false);
    expect(r.data).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'file-too-large', location: { file: 'huge.toile.json' } });
    expect(r.problems[0]!.message.en).toContain('above the 500 MB limit');
    // A JSON file is one string: V8's longest string (512 MiB) caps any raised limit.
    const raised = await loadToile(file, { maxFileBytes: 2 ** 40 });
    expect(raised.problems[0]).toMatchObject({ code: 'file-too-large', params: { limitMb: 512 } });
    expect(raised.problems[0]!.message.en).toContain('up to 512 MB');
  });
});

describe('CSV tables are streamed from disk: same result as the in-memory import', () => {
  // About 2.5 MB (5 MB in UTF-16): several read chunks (1 MiB), so quoted line breaks, CR LF pairs and multi-byte
  // characters fall across chunk boundaries.
  const rows: string[] = [];
  for (let i = 0; i < 48_000; i++) {
    const end = i % 7 === 0 ? '\n' : i % 11 === 0 ? '\r' : '\r\n';
    const description = i % 5 === 0 ? `"ligne ${i}\r\nsuite ${i} ; avec ""guillemets"""` : `Établissement n° ${i}, café`;
    rows.push(`e${i};Nom ${i} été;${description};${i % 300}${end}`);
  }
  const text = `id;name;description;employees\r\n${rows.join('')}`;
  const flows = 'id;from;to;kind\r\nf1;e1;e2;supply\r\n';

  for (const [label, bytes] of [
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['Windows-1252', Buffer.from(text, 'latin1')],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ] as const) {
    it(`${label}: records, rows, encoding and problems equal`, async () => {
      const dir = join(root, `stream-${label.replace(/\W+/g, '-')}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'establishments.csv'), bytes);
      writeFileSync(join(dir, 'flows.csv'), flows);
      const streamed = await readCsvPackage(dir);
      const inMemory = importCsvPackage({ establishments: new Uint8Array(bytes), flows });
      expect(streamed.data!.establishments).toHaveLength(48_000);
      expect(streamed.data).toEqual(inMemory.data);
      expect(streamed.problems).toEqual(inMemory.problems);
      expect(streamed.files).toEqual(inMemory.files);
      expect(streamed.data!.establishments[5]!.description).toBe('ligne 5\r\nsuite 5 ; avec "guillemets"');
      expect(streamed.data!.establishments[6]!.name).toBe('Nom 6 été');
    });
  }
});

describe('line endings made uniform outside quoted cells', () => {
  /** Reference: quoted cells (opened at a cell start, closed or running to the end) kept, any other CR LF or CR → LF. */
  const reference = (text: string, delimiter: string) =>
    text.replace(new RegExp(`(?<=^|${delimiter})"[^"]*(?:""[^"]*)*(?:"|(?![\\s\\S]))|\\r\\n?`, 'gm'), (m) => (m.startsWith('"') ? m : '\n'));

  it('whole or cut in pieces anywhere, the text equals the reference (property test, 4,000 cases, seeded)', () => {
    for (const delimiter of [',', ';']) {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('a', '"', '\r', '\n', delimiter, ' '), { maxLength: 40 }).map((a) => a.join('')),
          fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
          (text, cuts) => {
            const expected = reference(text, delimiter);
            expect(normaliseLineEndings(text, delimiter)).toBe(expected);
            const points = [...new Set(cuts.filter((c) => c <= text.length))].sort((x, y) => x - y);
            const normaliser = new LineEndingNormaliser(delimiter);
            let out = '';
            let previous = 0;
            for (const point of [...points, text.length]) {
              out += normaliser.push(text.slice(previous, point));
              previous = point;
            }
            expect(out).toBe(expected);
          },
        ),
        { numRuns: 2000, seed: 1214 },
      );
    }
  });

  it('tells one line ending from mixed ones', () => {
    expect(['a\nb\n', 'a\r\nb\r\n', 'a\rb\r', 'a\r\nb\nc', 'a\r\nb\rc', 'ab'].map(lineEndingsOf)).toEqual(['\n', '\r\n', '\r', 'mixed', 'mixed', '\n']);
  });
});
