import type { ToileDocument } from '@toile/schema';
import { mergeToile } from '../../merge/merge.ts';
import { parseCommandArgs } from '../args.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';
import { writeJsonOutput } from '../read-file.ts';

/** `toile merge A B …` — several agencies' documents → one. */
export const mergeCommand: Command = {
  summary: { fr: 'fusionne plusieurs documents (SIRET, puis nom + code postal)', en: 'merge several documents (SIRET, then name + postcode)' },
  usage: 'toile merge FILE FILE… [-o|--out FILE] [--title T] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, json: { type: 'boolean' }, title: { type: 'string' } },
    });
    if (positionals.length < 2) throw new UsageError('indiquez au moins deux documents', 'give at least two documents');
    const docs: ToileDocument[] = [];
    let invalid = false;
    for (const file of positionals) {
      const result = await loadDocumentFile(file, io, lang);
      reportInputProblems(file, result, io, lang, !values.json);
      if (!result.valid) invalid = true;
      if (!result.data) return 1;
      docs.push(result.data);
    }
    const merged = mergeToile(docs, values.title ? { title: values.title } : {});
    // Written chunk by chunk: a national document is longer than V8's longest string.
    if (values.out) await writeJsonOutput(values.out, merged.data, io);
    if (values.json) {
      const { data, ...report } = merged;
      await writeJsonOutput(undefined, { ...report, ...(values.out ? { out: values.out } : { document: data }) }, io);
    } else {
      if (!values.out) await writeJsonOutput(undefined, merged.data, io);
      const c = merged.counts;
      note(
        io,
        lang === 'fr'
          ? `fusion : ${c.establishments} établissements, ${c.flows} flux, ${c.resources} ressources ; ${c.merged} enregistrements rapprochés, ${c.renamed} identifiants renommés, ${merged.conflicts.length} conflit(s)\n`
          : `merge: ${c.establishments} establishments, ${c.flows} flows, ${c.resources} resources; ${c.merged} records matched, ${c.renamed} ids renamed, ${merged.conflicts.length} conflict(s)\n`,
      );
      for (const conflict of merged.conflicts) {
        const values = conflict.values.map((v) => `${positionals[v.document]}: ${JSON.stringify(v.value)}`).join(' | ');
        note(io, `  ${lang === 'fr' ? 'conflit' : 'conflict'}  /${conflict.list}/${conflict.id} ${conflict.field}  ${values}\n`);
      }
    }
    return invalid ? 1 : 0;
  },
};
