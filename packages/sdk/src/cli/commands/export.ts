import { resolve } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { geoJsonChunks } from '../../export/geojson.ts';
import { GEXF_VERSIONS, gexfChunks, type GexfVersion } from '../../export/gexf.ts';
import { graphmlChunks } from '../../export/graphml.ts';
import { jgfChunks } from '../../export/jgf.ts';
import { publishToile } from '../../publish/publish.ts';
import type { Audience } from '../../publish/audience.ts';
import { parseCommandArgs } from '../args.ts';
import { readAudienceOption } from '../audience-option.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';
import { writeChunksOutput } from '../read-file.ts';
import { writeCsvPackage } from '../../io/write-csv-package.ts';

/** Options of an export format. */
export interface ExportFormatOptions {
  delimiter: ',' | ';';
  gexfVersion: GexfVersion;
}

/**
 * The one-file export formats, each as the chunks of its text (built as they are written, so that
 * no output is ever one string): joined, they are the text of `toGexf`, `toGraphml`, and
 * `JSON.stringify(toGeoJson(doc) | toJgf(doc), null, 2)` with a line break.
 */
export const EXPORT_FORMATS: Record<string, (doc: ToileDocument, options: ExportFormatOptions) => Iterable<string>> = {
  gexf: (doc, { gexfVersion }) => gexfChunks(doc, { version: gexfVersion }),
  graphml: (doc) => graphmlChunks(doc),
  geojson: (doc) => geoJsonChunks(doc),
  jgf: (doc) => jgfChunks(doc),
};

/** Every `--to` format: `csv` and `parquet` (folders), and those of EXPORT_FORMATS (one file). */
const FORMAT_NAMES: readonly string[] = ['csv', ...Object.keys(EXPORT_FORMATS), 'parquet'];

/**
 * The part of the document an audience may see, through the kit's one audience rule
 * (`publishToile`): `internal` is the agency itself and gets the document as it is.
 */
function forAudience(doc: ToileDocument, audience: Audience, lang: Lang, io: CliIO): ToileDocument {
  if (audience === 'internal') {
    note(
      io,
      lang === 'fr'
        ? 'export « internal » : tout est inclus, y compris les données confidentielles et partenaires — ne pas diffuser\n'
        : 'export for "internal": everything is included, confidential and partner data too — do not share\n',
    );
    return doc;
  }
  const { data, withheld: w } = publishToile(doc, { audience, hiddenFlows: 'remove' });
  const wider = audience === 'public' ? 'partners|internal' : 'internal';
  note(
    io,
    lang === 'fr'
      ? `export « ${audience} » : retirés ${w.establishments} établissement(s), ${w.flows} flux, ${w.resources} ressource(s), ${w.capabilities === undefined ? '' : `${w.capabilities} capacité(s), `}${w.fields} champ(s) (--audience ${wider} pour en montrer plus)\n`
      : `export for "${audience}": withheld ${w.establishments} establishment(s), ${w.flows} flow(s), ${w.resources} resource(s), ${w.capabilities === undefined ? '' : `${w.capabilities} capability(ies), `}${w.fields} field(s) (--audience ${wider} to show more)\n`,
  );
  return data;
}

/** `toile export FILE --to FORMAT` — for Gephi, yEd, NetworkX, QGIS, uMap or a spreadsheet. */
export const exportCommand: Command = {
  summary: {
    fr: 'exporte vers csv, parquet, gexf (Gephi), graphml, geojson (QGIS), jgf',
    en: 'export to csv, parquet, gexf (Gephi), graphml, geojson (QGIS), jgf',
  },
  usage: `toile export FILE --to ${FORMAT_NAMES.join('|')} [--audience public|partners|internal] [-o|--out FILE|DIR] [--delimiter ';'] [--gexf-version 1.3|1.2]`,
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        to: { type: 'string' },
        out: { type: 'string' },
        delimiter: { type: 'string' },
        audience: { type: 'string' },
        'gexf-version': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const format = values.to ?? '';
    if (!FORMAT_NAMES.includes(format)) {
      throw new UsageError(`--to attend ${FORMAT_NAMES.join(', ')}`, `--to takes ${FORMAT_NAMES.join(', ')}`);
    }
    const delimiter = values.delimiter ?? ',';
    if (delimiter !== ',' && delimiter !== ';') throw new UsageError('--delimiter attend , ou ;', '--delimiter takes , or ;');
    const gexfVersion = (values['gexf-version'] ?? '1.3') as GexfVersion;
    if (!GEXF_VERSIONS.includes(gexfVersion))
      throw new UsageError(`--gexf-version attend ${GEXF_VERSIONS.join(' ou ')}`, `--gexf-version takes ${GEXF_VERSIONS.join(' or ')}`);
    const audience = readAudienceOption(values.audience);
    const file = positionals[0] as string;
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const shown = forAudience(input.data, audience, lang, io);
    if (format === 'parquet') {
      if (!values.out) throw new UsageError('un paquet Parquet s’écrit dans un dossier : --out DOSSIER', 'a Parquet package is written to a folder: --out DIR');
      // Loaded only for this format: the Parquet writer stays out of every other command.
      const { writeParquetPackage } = await import('../../parquet/read.ts');
      await writeParquetPackage(resolve(io.cwd, values.out), shown);
      note(io, lang === 'fr' ? `paquet Parquet écrit dans ${values.out}\n` : `Parquet package written to ${values.out}\n`);
      return input.valid ? 0 : 1;
    }
    if (format === 'csv') {
      // Written table by table as a stream of chunks: no table is ever one string, whatever its size.
      if (!values.out) throw new UsageError('un paquet CSV s’écrit dans un dossier : --out DOSSIER', 'a CSV package is written to a folder: --out DIR');
      await writeCsvPackage(resolve(io.cwd, values.out), shown, { delimiter });
      note(io, lang === 'fr' ? `paquet CSV écrit dans ${values.out}\n` : `CSV package written to ${values.out}\n`);
      return input.valid ? 0 : 1;
    }
    // Written chunk by chunk, to the file or to stdout: no output is ever one string.
    await writeChunksOutput(values.out, EXPORT_FORMATS[format]!(shown, { delimiter, gexfVersion }), io);
    return input.valid ? 0 : 1;
  },
};
