import { resolve } from 'node:path';
import { readCsvPackage } from '../../csv/read.ts';
import { parseCommandArgs } from '../args.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { writeJsonOutput } from '../read-file.ts';
import { problemLines } from '../report.ts';
import { statSync } from 'node:fs';

/** `toile import PACKAGE` — CSV data package → Toile JSON. */
export const importCommand: Command = {
  summary: { fr: 'convertit un paquet CSV en document Toile JSON', en: 'convert a CSV package into a Toile JSON document' },
  usage: 'toile import DIR|datapackage.json [-o|--out FILE] [--territory-id ID --territory-name NAME --title T] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        json: { type: 'boolean' },
        'territory-id': { type: 'string' },
        'territory-name': { type: 'string' },
        title: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un dossier de paquet CSV', 'give one CSV package folder');
    const input = positionals[0] as string;
    try {
      statSync(resolve(io.cwd, input));
    } catch {
      throw new UsageError(`introuvable : ${input}`, `not found: ${input}`);
    }
    const territoryId = values['territory-id'];
    const result = await readCsvPackage(resolve(io.cwd, input), {
      ...(territoryId ? { territory: { id: territoryId, name: values['territory-name'] ?? territoryId } } : {}),
      ...(values.title ? { meta: { title: values.title } } : {}),
    });
    // Written chunk by chunk: a national document is longer than V8's longest string.
    if (values.out) await writeJsonOutput(values.out, result.data, io);
    if (values.json) {
      const { data, ...report } = result;
      await writeJsonOutput(undefined, { ...report, ...(values.out ? { out: values.out } : { document: data }) }, io);
    } else {
      if (!values.out) await writeJsonOutput(undefined, result.data, io);
      const d = result.data;
      note(
        io,
        lang === 'fr'
          ? `${input} : ${d?.establishments.length ?? 0} établissements, ${d?.flows.length ?? 0} flux, ${d?.resources?.length ?? 0} ressources ; ${result.errors} erreur(s), ${result.warnings} avertissement(s)\n`
          : `${input}: ${d?.establishments.length ?? 0} establishments, ${d?.flows.length ?? 0} flows, ${d?.resources?.length ?? 0} resources; ${result.errors} error(s), ${result.warnings} warning(s)\n`,
      );
      if (!io.quiet || result.errors > 0) io.stderr(problemLines(result.problems, result.errors + result.warnings, lang));
    }
    return result.valid ? 0 : 1;
  },
};
