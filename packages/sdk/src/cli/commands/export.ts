import { parseArgs } from 'node:util';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { exportCsvPackage } from '../../csv/export.ts';
import { toGeoJson } from '../../export/geojson.ts';
import { toGexf } from '../../export/gexf.ts';
import { toGraphml } from '../../export/graphml.ts';
import { toJgf } from '../../export/jgf.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';
import { writeTextFile } from '../read-file.ts';

/** Export formats: one text, or several files (a CSV package) written into a folder. */
export const EXPORT_FORMATS: Record<string, (doc: ToileDocument, options: { delimiter: ',' | ';' }) => string | Map<string, string>> = {
  csv: (doc, { delimiter }) => exportCsvPackage(doc, { delimiter }),
  gexf: (doc) => toGexf(doc),
  graphml: (doc) => toGraphml(doc),
  geojson: (doc) => `${JSON.stringify(toGeoJson(doc), null, 2)}\n`,
  jgf: (doc) => `${JSON.stringify(toJgf(doc), null, 2)}\n`,
};

/** `toile export FILE --to FORMAT` — for Gephi, yEd, NetworkX, QGIS, uMap or a spreadsheet. */
export const exportCommand: Command = {
  summary: { fr: 'exporte vers csv, gexf (Gephi), graphml, geojson (QGIS), jgf', en: 'export to csv, gexf (Gephi), graphml, geojson (QGIS), jgf' },
  usage: `toile export FILE --to ${Object.keys(EXPORT_FORMATS).join('|')} [--out FILE|DIR] [--delimiter ';']`,
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { to: { type: 'string' }, out: { type: 'string' }, delimiter: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const format = values.to ?? '';
    const write = EXPORT_FORMATS[format];
    if (!write || !Object.hasOwn(EXPORT_FORMATS, format)) {
      throw new UsageError(`--to attend ${Object.keys(EXPORT_FORMATS).join(', ')}`, `--to takes ${Object.keys(EXPORT_FORMATS).join(', ')}`);
    }
    const delimiter = values.delimiter ?? ',';
    if (delimiter !== ',' && delimiter !== ';') throw new UsageError('--delimiter attend , ou ;', '--delimiter takes , or ;');
    const file = positionals[0] as string;
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const output = write(input.data, { delimiter });
    if (typeof output === 'string') {
      if (values.out) await writeTextFile(values.out, output, io);
      else io.stdout(output);
    } else {
      if (!values.out) throw new UsageError('un paquet CSV s’écrit dans un dossier : --out DOSSIER', 'a CSV package is written to a folder: --out DIR');
      await mkdir(resolve(io.cwd, values.out), { recursive: true });
      for (const [name, content] of output) await writeTextFile(join(values.out, name), content, io);
      io.stderr(lang === 'fr' ? `paquet CSV écrit dans ${values.out}\n` : `CSV package written to ${values.out}\n`);
    }
    return input.valid ? 0 : 1;
  },
};
