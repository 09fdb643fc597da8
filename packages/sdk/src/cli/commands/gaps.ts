import { findGaps, type GapEntry } from '../../analysis/gaps.ts';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, familyLabel, num, printHuman, safe, unitSymbol } from '../human.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';

const SORTS = ['value', 'quantity', 'establishments'] as const;

function gapTable(list: readonly GapEntry[], lang: Lang, inputs: boolean, who: (id: string) => string): string {
  const headers =
    lang === 'fr'
      ? ['€/an', 'quantité', inputs ? 'acheteurs' : 'producteurs', 'intrant', inputs ? 'fournisseurs extérieurs' : 'clients extérieurs', 'pistes locales']
      : ['€/yr', 'quantity', inputs ? 'buyers' : 'producers', 'item', inputs ? 'outside suppliers' : 'outside clients', 'local leads'];
  if (!inputs) headers[3] = lang === 'fr' ? 'produit' : 'output';
  return formatTable(
    headers,
    list.map((g) => [
      g.valueEur > 0 ? formatNumber(g.valueEur, lang) : '—',
      g.quantity ? `${formatNumber(g.quantity.value, lang)} ${unitSymbol(g.quantity.unit, lang)}` : '—',
      num(g.establishments.length, lang),
      `${g.label ? `${safe(g.label)} ` : ''}(${g.code ? safe(g.code) : familyLabel(g.family ?? '', lang)})`,
      g.partners.map(who).join(', '),
      [...g.localCounterparts.map(who), ...g.resources.map(safe)].join(', '),
    ]),
    ['right', 'right', 'right', 'left', 'left', 'left'],
  );
}

/** `toile gaps FILE` — inputs bought only outside the territory, outputs sold only outside. */
export const gapsCommand: Command = {
  summary: {
    fr: 'repère les maillons manquants (intrants achetés seulement hors du territoire)',
    en: 'find missing links (inputs bought only outside the territory)',
  },
  usage: 'toile gaps FILE [--sort value|quantity|establishments] [--top N] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { sort: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const sortBy = (values.sort ?? 'value') as (typeof SORTS)[number];
    if (!SORTS.includes(sortBy)) throw new UsageError('--sort attend value, quantity ou establishments', '--sort takes value, quantity or establishments');
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new UsageError('--top attend un entier positif', '--top takes a positive whole number');
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    const doc = input.data;
    if (!doc) return 1;
    const result = findGaps(doc, { sortBy });
    const cut = <T>(list: T[]) => (top === undefined ? list : list.slice(0, top));
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ missingInputs: cut(result.missingInputs), exportedOutputs: cut(result.exportedOutputs), unkeyedFlows: result.unkeyedFlows }, null, 2)}\n`,
      );
      return 0;
    }
    const shown = top ?? 20;
    const who = establishmentNamer(doc);
    const out: string[] = [];
    out.push(
      lang === 'fr'
        ? `Maillons manquants — ${result.missingInputs.length} intrants reçus seulement de l’extérieur (${Math.min(shown, result.missingInputs.length)} affichés)\n`
        : `Missing links — ${result.missingInputs.length} inputs received only from outside (${Math.min(shown, result.missingInputs.length)} shown)\n`,
    );
    if (result.missingInputs.length) out.push(gapTable(result.missingInputs.slice(0, shown), lang, true, who));
    out.push(
      lang === 'fr'
        ? `\nProductions locales qui ne font que sortir du territoire — ${result.exportedOutputs.length}\n`
        : `\nLocal outputs that only leave the territory — ${result.exportedOutputs.length}\n`,
    );
    if (result.exportedOutputs.length) out.push(gapTable(result.exportedOutputs.slice(0, shown), lang, false, who));
    if (result.unkeyedFlows) {
      out.push(
        lang === 'fr'
          ? `\n${result.unkeyedFlows} flux sans code ni famille n’ont pas pu être regroupés.\n`
          : `\n${result.unkeyedFlows} flows with neither code nor family could not be grouped.\n`,
      );
    }
    printHuman(io, out.join(''));
    return 0;
  },
};
