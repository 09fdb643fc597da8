import { resolve } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { isToileColumns, type ToileColumns } from '../../columnar/columns.ts';
import { lazyDocument } from '../../columnar/document.ts';
import { columnsFromDocument } from '../../columnar/from-document.ts';
import { mergeColumns } from '../../columnar/merge.ts';
import type { ToileData } from '../../columnar/records.ts';
import { mergeToile, type MergeConflict, type MergeResult } from '../../merge/merge.ts';
import { parseCommandArgs } from '../args.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';
import { writeJsonOutput } from '../read-file.ts';

/** The merge's outcome in whichever form it ran: the data, and what `mergeToile` reports. */
type Merged = Omit<MergeResult, 'data'> & { data: ToileDocument | ToileColumns };

/**
 * Documents are merged as documents (every record keeps its `sources` list and `ext`). When one
 * input is read in columnar form (a Parquet package, a national JSON or CSV input) or the output is
 * Parquet, all are merged as columns: no object per record, the columns of the CSV template only.
 */
function mergeInputs(inputs: ToileData[], columnar: boolean, title: string | undefined, lang: Lang, io: CliIO): Merged {
  const options = title ? { title } : {};
  if (!columnar && !inputs.some(isToileColumns)) return mergeToile(inputs as ToileDocument[], options);
  if (!inputs.every(isToileColumns))
    note(
      io,
      lang === 'fr'
        ? 'fusion en colonnes : seules les colonnes du modèle CSV sont gardées (pas de listes `sources`, d’`ext` ni de descriptions des flux et ressources)\n'
        : 'merging in columnar form: only the CSV template’s columns are kept (no `sources` lists, `ext` or descriptions of flows and resources)\n',
    );
  return mergeColumns(
    inputs.map((d) => (isToileColumns(d) ? d : columnsFromDocument(d))),
    options,
  );
}

/** One line per conflict: where, then each input's value. */
function conflictLine(conflict: MergeConflict, files: readonly string[], lang: Lang): string {
  const values = conflict.values.map((v) => `${files[v.document]}: ${JSON.stringify(v.value)}`).join(' | ');
  return `  ${lang === 'fr' ? 'conflit' : 'conflict'}  /${conflict.list}/${conflict.id} ${conflict.field}  ${values}\n`;
}

/** `toile merge A B …` — several agencies' documents → one. */
export const mergeCommand: Command = {
  summary: { fr: 'fusionne plusieurs documents (SIRET, puis nom + code postal)', en: 'merge several documents (SIRET, then name + postcode)' },
  usage: 'toile merge FILE FILE… [-o|--out FILE|DIR] [--to json|parquet] [--title T] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, json: { type: 'boolean' }, title: { type: 'string' }, to: { type: 'string' } },
    });
    if (positionals.length < 2) throw new UsageError('indiquez au moins deux documents', 'give at least two documents');
    const to = values.to ?? 'json';
    if (to !== 'json' && to !== 'parquet') throw new UsageError(`format inconnu : ${to} (json, parquet)`, `unknown format: ${to} (json, parquet)`);
    if (to === 'parquet' && !values.out)
      throw new UsageError('un paquet Parquet s’écrit dans un dossier : --out DOSSIER', 'a Parquet package is written to a folder: --out DIR');
    const inputs: ToileData[] = [];
    let invalid = false;
    for (const file of positionals) {
      const result = await loadDataFile(file, io, lang);
      reportInputProblems(file, result, io, lang, !values.json);
      if (!result.valid) invalid = true;
      if (!result.data) return 1;
      inputs.push(result.data);
    }
    const merged = mergeInputs(inputs, to === 'parquet', values.title, lang, io);
    // A national result is written record by record (or row group by row group): never one string.
    const document = isToileColumns(merged.data) ? lazyDocument(merged.data) : merged.data;
    if (to === 'parquet') {
      const { writeParquetColumns } = await import('../../parquet/write-columns.ts');
      await writeParquetColumns(resolve(io.cwd, values.out!), merged.data as ToileColumns);
    } else if (values.out) await writeJsonOutput(values.out, document, io);
    if (values.json) {
      const { data: _data, ...report } = merged;
      await writeJsonOutput(undefined, { ...report, ...(values.out ? { out: values.out } : { document }) }, io);
    } else {
      if (!values.out) await writeJsonOutput(undefined, document, io);
      const c = merged.counts;
      note(
        io,
        lang === 'fr'
          ? `fusion : ${c.establishments} établissements, ${c.flows} flux, ${c.resources} ressources ; ${c.merged} enregistrements rapprochés, ${c.renamed} identifiants renommés, ${merged.conflicts.length} conflit(s)\n`
          : `merge: ${c.establishments} establishments, ${c.flows} flows, ${c.resources} resources; ${c.merged} records matched, ${c.renamed} ids renamed, ${merged.conflicts.length} conflict(s)\n`,
      );
      for (const conflict of merged.conflicts) note(io, conflictLine(conflict, positionals, lang));
    }
    return invalid ? 1 : 0;
  },
};
