import { publishToile, type PublishOptions, type PublishResult } from '../../publish/publish.ts';
import type { ToileData } from '../../columnar/records.ts';
import { isToileColumns } from '../../columnar/columns.ts';
import { lazyDocument } from '../../columnar/document.ts';
import { publishColumns } from '../../columnar/publish.ts';
import { parseCommandArgs } from '../args.ts';
import { readAudienceOption } from '../audience-option.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';
import { writeJsonOutput } from '../read-file.ts';

/**
 * The published document: a Parquet package stays columns and its records are written one at a
 * time (a national document is never held as objects); a document is published as objects.
 */
function published(input: ToileData, options: PublishOptions): { data: unknown; withheld: PublishResult['withheld'] } {
  if (!isToileColumns(input)) return publishToile(input, options);
  const { data, withheld } = publishColumns(input, options);
  return { data: lazyDocument(data), withheld };
}

/** `toile publish FILE --audience public|partners|internal` — what an audience may see (default: public). */
export const publishCommand: Command = {
  summary: { fr: 'prépare un document pour un public (retire le confidentiel)', en: 'prepare a document for an audience (removes what is confidential)' },
  usage: 'toile publish FILE [--audience public|partners|internal] [--hidden-flows remove|existence] [--keep-extensions] [-o|--out FILE] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        audience: { type: 'string' },
        'hidden-flows': { type: 'string' },
        'keep-extensions': { type: 'boolean' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const audience = readAudienceOption(values.audience);
    const hidden = values['hidden-flows'] ?? 'remove';
    if (hidden !== 'remove' && hidden !== 'existence') {
      throw new UsageError('--hidden-flows attend remove ou existence', '--hidden-flows takes remove or existence');
    }
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, !values.json);
    if (!input.data) return 1;
    const options = { audience, hiddenFlows: hidden, keepExtensions: values['keep-extensions'] ?? false } as const;
    const { data, withheld } = published(input.data, options);
    // Written chunk by chunk: a national document is longer than V8's longest string.
    if (values.out) await writeJsonOutput(values.out, data, io);
    if (values.json) {
      await writeJsonOutput(undefined, { audience, withheld, ...(values.out ? { out: values.out } : { document: data }) }, io);
    } else {
      if (!values.out) await writeJsonOutput(undefined, data, io);
      note(
        io,
        lang === 'fr'
          ? `publication « ${audience} » : retirés ${withheld.establishments} établissements, ${withheld.flows} flux, ${withheld.resources} ressources, ${withheld.capabilities === undefined ? '' : `${withheld.capabilities} capacités, `}${withheld.fields} champs\n`
          : `published for "${audience}": withheld ${withheld.establishments} establishments, ${withheld.flows} flows, ${withheld.resources} resources, ${withheld.capabilities === undefined ? '' : `${withheld.capabilities} capabilities, `}${withheld.fields} fields\n`,
      );
    }
    return input.valid ? 0 : 1;
  },
};
