import { resolve } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { geoJsonChunks } from '../../export/geojson.ts';
import { GEXF_VERSIONS, gexfChunks, type GexfVersion } from '../../export/gexf.ts';
import { graphmlChunks } from '../../export/graphml.ts';
import { jgfChunks } from '../../export/jgf.ts';
import { publishToile, type PublishResult } from '../../publish/publish.ts';
import { isToileColumns } from '../../columnar/columns.ts';
import type { ToileData } from '../../columnar/records.ts';
import { publishColumns } from '../../columnar/publish.ts';
import { isParquetPackagePath } from '../../parquet/detect.ts';
import type { Audience } from '../../publish/audience.ts';
import { parseCommandArgs } from '../args.ts';
import { readAudienceOption } from '../audience-option.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDataFile, loadDocumentFile, reportInputProblems } from '../load-document.ts';
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
export const EXPORT_FORMATS: Record<string, (doc: ToileData, options: ExportFormatOptions) => Iterable<string>> = {
  gexf: (doc, { gexfVersion }) => gexfChunks(doc, { version: gexfVersion }),
  graphml: (doc) => graphmlChunks(doc),
  geojson: (doc) => geoJsonChunks(doc),
  jgf: (doc) => jgfChunks(doc),
};

/** Every `--to` format: `csv` and `parquet` (folders), and those of EXPORT_FORMATS (one file). */
const FORMAT_NAMES: readonly string[] = ['csv', ...Object.keys(EXPORT_FORMATS), 'parquet'];

/** Tells that an internal export holds everything. */
function noteInternal(lang: Lang, io: CliIO): void {
  note(
    io,
    lang === 'fr'
      ? 'export « internal » : tout est inclus, y compris les données confidentielles et partenaires — ne pas diffuser\n'
      : 'export for "internal": everything is included, confidential and partner data too — do not share\n',
  );
}

/** Tells what an audience's export left out. */
function noteWithheld(audience: Audience, w: PublishResult['withheld'], lang: Lang, io: CliIO): void {
  const wider = audience === 'public' ? 'partners|internal' : 'internal';
  note(
    io,
    lang === 'fr'
      ? `export « ${audience} » : retirés ${w.establishments} établissement(s), ${w.flows} flux, ${w.resources} ressource(s), ${w.capabilities === undefined ? '' : `${w.capabilities} capacité(s), `}${w.fields} champ(s) (--audience ${wider} pour en montrer plus)\n`
      : `export for "${audience}": withheld ${w.establishments} establishment(s), ${w.flows} flow(s), ${w.resources} resource(s), ${w.capabilities === undefined ? '' : `${w.capabilities} capability(ies), `}${w.fields} field(s) (--audience ${wider} to show more)\n`,
  );
}

/**
 * The part of the data an audience may see, through the kit's one audience rule (`publishToile`,
 * or `publishColumns` for the columnar form: the same rules, the same counts): `internal` is the
 * agency itself and gets the data as it is.
 */
function forAudience<T extends ToileData>(data: T, audience: Audience, lang: Lang, io: CliIO): T {
  if (audience === 'internal') {
    noteInternal(lang, io);
    return data;
  }
  const options = { audience, hiddenFlows: 'remove' } as const;
  const { data: shown, withheld } = isToileColumns(data) ? publishColumns(data, options) : publishToile(data as ToileDocument, options);
  noteWithheld(audience, withheld, lang, io);
  return shown as T;
}

const PARQUET_NEEDS_DIR = ['un paquet Parquet s’écrit dans un dossier : --out DOSSIER', 'a Parquet package is written to a folder: --out DIR'] as const;
const parquetWritten = (out: string, lang: Lang) => (lang === 'fr' ? `paquet Parquet écrit dans ${out}\n` : `Parquet package written to ${out}\n`);

/**
 * `--to parquet` from a Parquet package: read into the columnar form, published and written back
 * row group by row group — a national package goes out for an audience without one object per
 * record. Says what the document path says.
 */
async function exportColumnsAsParquet(file: string, audience: Audience, out: string | undefined, lang: Lang, io: CliIO): Promise<number> {
  const input = await loadDataFile(file, io, lang);
  reportInputProblems(file, input, io, lang, false);
  if (!input.data) return 1;
  // A Parquet package is always read into columns; a document here would be a bug of loadDataFile.
  if (!isToileColumns(input.data)) throw new Error('a Parquet package was not read into the columnar form');
  const shown = forAudience(input.data, audience, lang, io);
  if (!out) throw new UsageError(...PARQUET_NEEDS_DIR);
  // Loaded only for this format: the Parquet writer stays out of every other command.
  const { writeParquetColumns } = await import('../../parquet/write-columns.ts');
  await writeParquetColumns(resolve(io.cwd, out), shown);
  note(io, parquetWritten(out, lang));
  return input.valid ? 0 : 1;
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
    if (format === 'parquet' && isParquetPackagePath(resolve(io.cwd, file))) return exportColumnsAsParquet(file, audience, values.out, lang, io);
    if (EXPORT_FORMATS[format]) return exportGraph(file, format, audience, values.out, { delimiter, gexfVersion }, lang, io);
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const shown = forAudience(input.data, audience, lang, io);
    if (format === 'parquet') {
      if (!values.out) throw new UsageError(...PARQUET_NEEDS_DIR);
      // Loaded only for this format: the Parquet writer stays out of every other command.
      const { writeParquetPackage } = await import('../../parquet/read.ts');
      await writeParquetPackage(resolve(io.cwd, values.out), shown);
      note(io, parquetWritten(values.out, lang));
      return input.valid ? 0 : 1;
    }
    if (format === 'csv') {
      // Written table by table as a stream of chunks: no table is ever one string, whatever its size.
      if (!values.out) throw new UsageError('un paquet CSV s’écrit dans un dossier : --out DOSSIER', 'a CSV package is written to a folder: --out DIR');
      await writeCsvPackage(resolve(io.cwd, values.out), shown, { delimiter });
      note(io, lang === 'fr' ? `paquet CSV écrit dans ${values.out}\n` : `CSV package written to ${values.out}\n`);
      return input.valid ? 0 : 1;
    }
    throw new Error(`export format ${format} has no writer`);
  },
};

/**
 * A one-file graph format (GEXF, GraphML, GeoJSON, JGF) from either form: a national input read
 * into columns (see `loadDataFile`) is published and written record by record, never as objects.
 */
async function exportGraph(
  file: string,
  format: string,
  audience: Audience,
  out: string | undefined,
  options: ExportFormatOptions,
  lang: Lang,
  io: CliIO,
): Promise<number> {
  const input = await loadDataFile(file, io, lang);
  reportInputProblems(file, input, io, lang, false);
  if (!input.data) return 1;
  const shown = forAudience(input.data, audience, lang, io);
  // Written chunk by chunk, to the file or to stdout: no output is ever one string.
  await writeChunksOutput(out, EXPORT_FORMATS[format]!(shown, options), io);
  return input.valid ? 0 : 1;
}
