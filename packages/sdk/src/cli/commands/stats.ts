import { edgeMask } from '../../graph/build-index.ts';
import { indexOf } from '../../columnar/records.ts';
import { neighbourhood, type NeighbourhoodResult } from '../../analysis/connectivity.ts';
import { analyseStructure, type StructureResult } from '../../analysis/structure.ts';
import { formatNumber, formatShare, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs, readStatuses, STATUS_OPTIONS } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, kindLabel, num, printHuman, safe, statusLabel, unitSymbol } from '../human.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';
import { progressLines } from '../progress.ts';
import { BETWEENNESS_EXACT_LIMIT } from '../../analysis/centrality.ts';

const DIRECTIONS = ['upstream', 'downstream', 'both'] as const;

/**
 * The betweenness's progress on stderr when it is sampled (above the exact limit): from 256
 * sources, a national territory takes minutes.
 */
function betweennessProgress(nodes: number, io: CliIO, lang: Lang): { onProgress?: (done: number, total: number) => void } {
  if (nodes <= BETWEENNESS_EXACT_LIMIT) return {};
  const onProgress = progressLines(io, (percent, done, total) =>
    lang === 'fr'
      ? `Intermédiarité : ${percent} % (${num(done, lang)} sources sur ${num(total, lang)})`
      : `Betweenness: ${percent} % (${num(done, lang)} of ${num(total, lang)} sources)`,
  );
  return onProgress ? { onProgress } : {};
}

function wholeNumber(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`${name} attend un entier ≥ ${min}`, `${name} takes a whole number ≥ ${min}`);
  return n;
}

/** Who: the `who(id)` namer of the document, escaped for the terminal. */
type Namer = (id: string) => string;

/** Counts, anchoring and the centrality solvers' diagnostics. */
function overviewLines(r: StructureResult, lang: Lang): string[] {
  const fr = lang === 'fr';
  const n = (x: number, digits = 0) => formatNumber(x, lang, digits);
  const out: string[] = [];
  const c = r.counts;
  const locale = fr ? 'fr-FR' : 'en-GB';
  const sci = (x: number) => new Intl.NumberFormat(locale, { notation: 'scientific', maximumFractionDigits: 1 }).format(x);
  out.push(
    fr
      ? `${n(c.establishments)} établissements (${n(c.internal)} dans le territoire, ${n(c.external)} extérieurs), ${n(c.flows)} flux dont ${n(c.flowsAnalysed)} analysés, ${n(c.offers)} offres et ${n(c.needs)} besoins`
      : `${n(c.establishments)} establishments (${n(c.internal)} inside the territory, ${n(c.external)} outside), ${n(c.flows)} flows of which ${n(c.flowsAnalysed)} analysed, ${n(c.offers)} offers and ${n(c.needs)} needs`,
  );
  const list = (rec: Record<string, number>, label: (key: string) => string) =>
    Object.entries(rec)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${label(k)} ${n(v)}`)
      .join(', ');
  out.push(`${fr ? 'Par type :' : 'By kind:'} ${list(r.counts.byKind, (k) => kindLabel(k, lang))}`);
  out.push(`${fr ? 'Par statut :' : 'By status:'} ${list(r.counts.byStatus, (k) => statusLabel(k, lang))}`);
  if (Object.keys(c.bySector).length) out.push(`${fr ? 'Par filière :' : 'By sector:'} ${list(c.bySector, safe)}`);
  const a = r.territory.anchoring;
  out.push(
    fr
      ? `Ancrage local du territoire : ${formatShare(a.flows?.local, lang)} des flux, ${formatShare(a.value?.local, lang)} de la valeur, ${formatShare(a.quantity?.local, lang)} des tonnages (${unitSymbol(r.quantityUnit, lang)}) échangés entre établissements du territoire`
      : `Local anchoring of the territory: ${formatShare(a.flows?.local, lang)} of flows, ${formatShare(a.value?.local, lang)} of value, ${formatShare(a.quantity?.local, lang)} of quantities (${unitSymbol(r.quantityUnit, lang)}) exchanged between establishments inside`,
  );
  const pr = r.pageRank;
  const bc = r.betweenness;
  out.push(
    fr
      ? `PageRank : ${pr.iterations} itérations, écart final ${sci(pr.residual)} (tolérance ${sci(pr.tolerance)})${pr.converged ? '' : ' — NON convergé'} ; intermédiarité ${bc ? (bc.exact ? 'exacte' : `estimée sur ${bc.sources} sources tirées (graine ${bc.seed})`) : 'non calculée'}`
      : `PageRank: ${pr.iterations} iterations, final change ${sci(pr.residual)} (tolerance ${sci(pr.tolerance)})${pr.converged ? '' : ' — NOT converged'}; betweenness ${bc ? (bc.exact ? 'exact' : `estimated from ${bc.sources} sampled sources (seed ${bc.seed})`) : 'not computed'}`,
  );
  return out;
}

/** The most central establishments (PageRank first). */
function centralLines(r: StructureResult, lang: Lang, top: number, who: Namer): string[] {
  const fr = lang === 'fr';
  const n = (x: number, digits = 0) => formatNumber(x, lang, digits);
  const out: string[] = [];
  const locale = fr ? 'fr-FR' : 'en-GB';
  const fixed = (x: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(x);
  const ranked = r.establishments
    .map((e, i) => ({ e, i }))
    .sort((x, y) => y.e.pageRank - x.e.pageRank || x.i - y.i)
    .slice(0, top)
    .map(({ e }) => e);
  out.push('', fr ? `Établissements les plus centraux (PageRank, ${ranked.length} premiers)` : `Most central establishments (PageRank, top ${ranked.length})`);
  out.push(
    formatTable(
      fr
        ? ['PageRank', 'intermédiarité', 'entrants', 'sortants', 'ancrage local', 'établissement']
        : ['PageRank', 'betweenness', 'in', 'out', 'local share', 'establishment'],
      ranked.map((e) => [
        fixed(e.pageRank),
        e.betweenness === null ? '—' : fixed(e.betweenness),
        n(e.inDegree),
        n(e.outDegree),
        e.external ? (fr ? 'extérieur' : 'outside') : formatShare(e.anchoring?.flows?.local, lang),
        who(e.id),
      ]),
      ['right', 'right', 'right', 'right', 'right', 'left'],
    ).trimEnd(),
  );
  return out;
}

/** Single suppliers above the dependency threshold. */
function criticalLines(r: StructureResult, lang: Lang, top: number, who: Namer): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  const crit = r.criticalDependencies;
  out.push(
    '',
    fr
      ? `Dépendances critiques (un seul fournisseur au-delà du seuil) : ${crit.entries.length} sur ${crit.singleSupplierInputs} intrants à fournisseur unique (${crit.unknownShare} de part inconnue)`
      : `Critical dependencies (single supplier above the threshold): ${crit.entries.length} of ${crit.singleSupplierInputs} single-supplier inputs (${crit.unknownShare} with unknown share)`,
  );
  if (crit.entries.length) {
    out.push(
      formatTable(
        fr ? ['part', 'établissement', 'intrant', 'fournisseur unique'] : ['share', 'establishment', 'input', 'single supplier'],
        crit.entries
          .slice(0, top)
          .map((d) => [
            `${formatShare(d.share, lang)}${d.shareSource === 'value' ? '*' : ''}`,
            who(d.establishment),
            d.label ? `${safe(d.label)} (${safe(d.input)})` : safe(d.input),
            `${who(d.supplier)}${d.supplierExternal ? (fr ? ' (extérieur)' : ' (outside)') : ''}`,
          ]),
        ['right', 'left', 'left', 'left'],
      ).trimEnd(),
    );
    if (crit.entries.some((d) => d.shareSource === 'value')) out.push(fr ? '  * part déduite des valeurs' : '  * share derived from values');
  }
  return out;
}

/** Articulation points and bridges of the internal network. */
function cutLines(r: StructureResult, lang: Lang, top: number, who: Namer): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  const more = (items: string[]) => `${items.slice(0, top).join(', ')}${items.length > top ? ' …' : ''}`;
  out.push(
    '',
    fr
      ? `Points d’articulation du réseau interne (leur fermeture le coupe) : ${r.articulationPoints.length}${r.articulationPoints.length ? ` — ${more(r.articulationPoints.map(who))}` : ''}`
      : `Articulation points of the internal network (their closure splits it): ${r.articulationPoints.length}${r.articulationPoints.length ? ` — ${more(r.articulationPoints.map(who))}` : ''}`,
    fr
      ? `Ponts (seul lien entre deux parties) : ${r.bridges.length}${r.bridges.length ? ` — ${more(r.bridges.map((b) => `${who(b.from)}–${who(b.to)}`))}` : ''}`
      : `Bridges (only link between two parts): ${r.bridges.length}${r.bridges.length ? ` — ${more(r.bridges.map((b) => `${who(b.from)}–${who(b.to)}`))}` : ''}`,
  );
  return out;
}

function report(
  r: StructureResult,
  lang: Lang,
  top: number,
  who: Namer,
  around?: { id: string; depth: number; up: NeighbourhoodResult; down: NeighbourhoodResult },
): string {
  const fr = lang === 'fr';
  const out = [...overviewLines(r, lang), ...centralLines(r, lang, top, who), ...criticalLines(r, lang, top, who), ...cutLines(r, lang, top, who)];
  if (around) {
    const ids = (x: NeighbourhoodResult) =>
      x.nodes.length ? x.nodes.map((v) => `${who(v.id)}${v.depth > 1 ? (fr ? ` [profondeur ${v.depth}]` : ` [depth ${v.depth}]`) : ''}`).join(', ') : '—';
    out.push(
      '',
      fr ? `Voisinage de ${who(around.id)} (profondeur ${around.depth})` : `Neighbourhood of ${who(around.id)} (depth ${around.depth})`,
      `  ${fr ? 'amont (fournisseurs) :' : 'upstream (suppliers):'} ${ids(around.up)}`,
      `  ${fr ? 'aval (clients) :' : 'downstream (clients):'} ${ids(around.down)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** `toile stats FILE` — structure of the toile: counts, centralities, anchoring, dependencies, cuts. */
export const statsCommand: Command = {
  summary: {
    fr: 'analyse la structure de la toile (centralités, ancrage local, dépendances critiques)',
    en: 'analyse the structure of the toile (centralities, local anchoring, critical dependencies)',
  },
  usage:
    'toile stats FILE [--top N] [--threshold X] [--statuses active,planned] [--samples K] [--seed S] [--no-betweenness] [--establishment ID [--depth N] [--direction upstream|downstream|both]] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        top: { type: 'string' },
        threshold: { type: 'string' },
        ...STATUS_OPTIONS,
        samples: { type: 'string' },
        seed: { type: 'string' },
        'no-betweenness': { type: 'boolean' },
        establishment: { type: 'string' },
        depth: { type: 'string' },
        direction: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const top = wholeNumber(values.top, '--top', 1) ?? 10;
    const samples = wholeNumber(values.samples, '--samples', 1);
    const seed = wholeNumber(values.seed, '--seed', 0);
    const depth = wholeNumber(values.depth, '--depth', 1) ?? 1;
    const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
      throw new UsageError('--threshold attend un nombre entre 0 et 1', '--threshold takes a number between 0 and 1');
    const statuses = readStatuses(values, lang, io);
    const direction = (values.direction ?? 'both') as (typeof DIRECTIONS)[number];
    if (!DIRECTIONS.includes(direction))
      throw new UsageError('--direction attend upstream, downstream ou both', '--direction takes upstream, downstream or both');
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    const doc = input.data;
    if (!doc) return 1;
    const index = indexOf(doc);
    const filter = { statuses: statuses ?? ['active' as const] };
    let around: { id: string; depth: number; up: NeighbourhoodResult; down: NeighbourhoodResult } | undefined;
    if (values.establishment !== undefined) {
      const mask = edgeMask(index, filter);
      const up = neighbourhood(index, values.establishment, { direction: 'upstream', depth, mask });
      if (!up.found) {
        io.stderr(
          lang === 'fr' ? `toile : établissement inconnu : ${safe(values.establishment)}\n` : `toile: unknown establishment: ${safe(values.establishment)}\n`,
        );
        return 1;
      }
      const down = neighbourhood(index, values.establishment, { direction: 'downstream', depth, mask });
      around = {
        id: values.establishment,
        depth,
        up: direction === 'downstream' ? { found: true, nodes: [] } : up,
        down: direction === 'upstream' ? { found: true, nodes: [] } : down,
      };
    }
    const result = analyseStructure(doc, {
      index,
      filter,
      betweenness: values['no-betweenness']
        ? false
        : { ...(samples !== undefined ? { samples } : {}), ...(seed !== undefined ? { seed } : {}), ...betweennessProgress(index.nodeCount, io, lang) },
      ...(threshold !== undefined ? { dependencyThreshold: threshold } : {}),
    });
    if (values.json) {
      const neighbourhoodJson = around
        ? { neighbourhood: { establishment: around.id, depth: around.depth, upstream: around.up.nodes, downstream: around.down.nodes } }
        : {};
      io.stdout(`${JSON.stringify({ ...result, ...neighbourhoodJson }, null, 2)}\n`);
      return 0;
    }
    printHuman(io, report(result, lang, top, establishmentNamer(doc), around));
    return 0;
  },
};
