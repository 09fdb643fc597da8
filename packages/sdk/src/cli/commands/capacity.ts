import type { ToileData } from '../../columnar/records.ts';
import { spareCapacity, type ServedNeed, type SpareResult } from '../../analysis/kinship/capacity.ts';
import { formatNumber, formatShare, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, printHuman, safe, unitSymbol } from '../human.ts';
import { matchWords, readDocument } from './kinship-shared.ts';

const OPTIONS = {
  on: { type: 'string' },
  'include-external': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** A need an offer could serve, in words: `besoin r067 (Chantier naval) : Plateau technique de soudage — nomme le procédé`. */
function servedText(s: ServedNeed, lang: Lang, who: (id: string) => string): string {
  const what = s.label ? safe(s.label) : safe(s.code ?? s.ref);
  const how = s.match === 'process' ? (lang === 'fr' ? 'nomme le procédé' : 'names the process') : `${safe(s.product)}, ${matchWords(s.match, lang)}`;
  const sep = lang === 'fr' ? ' : ' : ': ';
  if (s.source === 'need') return `${lang === 'fr' ? 'besoin' : 'need'} ${safe(s.ref)} (${s.establishments.map(who).join(', ')})${sep}${what} — ${how}`;
  return `${lang === 'fr' ? 'acheté hors territoire par' : 'bought outside by'} ${s.establishments.map(who).join(', ')}${sep}${what} — ${how}`;
}

/** The spare capacity by process, for people. */
function capacityReport(doc: ToileData, result: SpareResult, lang: Lang, on: string | undefined): string {
  const who = establishmentNamer(doc);
  const when = on ? (lang === 'fr' ? ` le ${on}` : ` on ${on}`) : '';
  const out = [
    lang === 'fr'
      ? `Capacités disponibles${when} — ${result.offers} offres ; besoins ou intrants importés qu’elles pourraient servir : ${result.servedNeeds}\n`
      : `Spare capacity${when} — ${result.offers} offers; needs or imported inputs they could serve: ${result.servedNeeds}\n`,
  ];
  const quantity = (q: { value: number; unit: string } | undefined) => (q ? `${formatNumber(q.value, lang)} ${unitSymbol(q.unit, lang)}` : '—');
  for (const p of result.processes) {
    const totals = p.totals.map((t) => quantity(t)).join(', ');
    out.push(`\n${p.label ? p.label[lang] : safe(p.process)} (${safe(p.process)})${totals ? ` — ${totals}` : ''}\n`);
    out.push(
      formatTable(
        lang === 'fr' ? ['part', 'période', 'disponible', 'établissement', 'pourrait servir'] : ['share', 'period', 'spare', 'establishment', 'could serve'],
        p.offers.map((o) => [
          formatShare(o.share, lang),
          `${o.from ?? '…'} → ${o.to ?? '…'}`,
          quantity(o.spare),
          `${who(o.establishment)}${o.label ? ` — ${safe(o.label)}` : ''}`,
          o.serves.map((s) => servedText(s, lang, who)).join(' ; '),
        ]),
        ['right', 'left', 'right', 'left', 'left'],
      ),
    );
  }
  return out.join('');
}

/** `toile capacity FILE` — spare capacity on offer by process and period, with the needs it could serve. */
export const capacityCommand: Command = {
  summary: {
    fr: 'liste les capacités disponibles par procédé et période, et les besoins qu’elles pourraient servir',
    en: 'list spare capacity by process and period, and the needs it could serve',
  },
  usage: 'toile capacity FILE [--on YYYY-MM-DD] [--include-external] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const on = values.on;
    if (on !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(on)) {
      throw new UsageError(`--on attend une date AAAA-MM-JJ : ${safe(on)}`, `--on takes a date YYYY-MM-DD: ${safe(on)}`);
    }
    const doc = await readDocument(positionals[0]!, io, lang);
    if (!doc) return 1;
    const result = spareCapacity(doc, { ...(on ? { on } : {}), ...(values['include-external'] ? { includeExternal: true } : {}) });
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else printHuman(io, capacityReport(doc, result, lang, on));
    return 0;
  },
};
