/**
 * The network's kinship colour mode: every establishment painted by its relatedness to the selected
 * one (the SDK's `relatedness`, 0–1, explained by its parts), its legend and the list's scores. The
 * SDK's kinship code is fetched when the mode is first used; `prepareKinship` runs once per loaded
 * document (and audience); the scores are computed in slices of a few milliseconds, so that the page
 * keeps answering on territories of thousands of establishments.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { KinshipContext, KinshipPart, KinshipWeights } from '@toile/sdk';
import type { Message, WidgetLang as Lang } from '../base/i18n.ts';
import { yieldToPage } from '../base/yield.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import type { NetworkOverlayLegend } from './legend.ts';
import type { ListItem } from './list.ts';
import { NEUTRAL, overlayColour } from './palette.ts';

/** The mode's words, French and English. */
export const KINSHIP_TEXT = {
  colour: { fr: 'Couleur', en: 'Colour' },
  sectors: { fr: 'Secteurs', en: 'Sectors' },
  mode: { fr: 'Parenté avec l’établissement choisi', en: 'Kinship with the selected establishment' },
  with: { fr: 'Parenté avec', en: 'Kinship with' },
  choose: {
    fr: 'Choisissez un établissement, sur le graphe ou dans la liste : les autres prendront la couleur de leur parenté avec lui.',
    en: 'Select an establishment, on the graph or in the list: the others will take the colour of their kinship with it.',
  },
  computing: { fr: 'Calcul de la parenté…', en: 'Computing kinship…' },
  unknown: { fr: 'L’établissement choisi n’est pas dans ces données.', en: 'The selected establishment is not in this data.' },
  failed: { fr: 'La parenté n’a pas pu être calculée.', en: 'Kinship could not be computed.' },
  none: { fr: 'aucune parenté mesurée (0)', en: 'no kinship measured (0)' },
  made: { fr: 'Score de 0 à 1, somme pondérée de parts de 0 à 1 :', en: 'Score from 0 to 1, a weighted sum of parts from 0 to 1:' },
  missing: {
    fr: 'Une part sans données d’un côté compte 0 : des données manquantes ne rapprochent jamais deux établissements.',
    en: 'A part without data on either side counts 0: missing data never brings two establishments closer.',
  },
  nearest: { fr: 'Plus proches', en: 'Nearest' },
  clusters: {
    fr: 'Vue groupée : chaque groupe prend la plus forte parenté de ses établissements ; les plus proches sont montrés un par un.',
    en: 'Grouped view: each group takes the strongest kinship of its establishments; the nearest are shown one by one.',
  },
  overlaySetAside: {
    fr: 'La superposition en cours (simulation) est mise de côté dans ce mode.',
    en: 'The current overlay (simulation) is set aside in this mode.',
  },
  score: { fr: 'parenté', en: 'kinship' },
  selected: { fr: 'établissement choisi', en: 'selected establishment' },
  list: { fr: 'Établissements, par parenté décroissante', en: 'Establishments, by decreasing kinship' },
} satisfies Record<string, Message>;

/** The parts of relatedness in words. */
const PART_TEXT: Readonly<Record<KinshipPart, Message>> = {
  activity: { fr: 'activité (proximité des codes NAF)', en: 'activity (NAF code proximity)' },
  inputs: { fr: 'achats (ce que chacun reçoit dans les flux)', en: 'inputs (what each receives in flows)' },
  outputs: { fr: 'ventes (ce que chacun fournit)', en: 'outputs (what each supplies)' },
  capabilities: { fr: 'capacités (procédés et produits déclarés)', en: 'capabilities (declared processes and products)' },
  colocation: { fr: 'co-localisation', en: 'co-location' },
};
const PARTS: readonly KinshipPart[] = ['activity', 'inputs', 'outputs', 'capabilities', 'colocation'];

/** Nearest kin kept one by one in the aggregated view. */
export const KEEP_NEAREST = 10;
/** Nearest kin named in the legend. */
const NAMED_NEAREST = 3;
/** Longest stretch of scoring before the page gets a turn (ms). */
const SLICE_MS = 12;

/** The scores of one selection. */
export interface KinshipScores {
  /** The establishment the scores are about. */
  readonly selected: string;
  /** Relatedness of each other establishment to it, 0–1 (4 decimals); only those above 0. */
  readonly scores: ReadonlyMap<string, number>;
  /** The ids of `scores`, by decreasing score (ties by id). */
  readonly ranked: readonly string[];
  /** Weights of the parts (0 for the parts the document has no data for). */
  readonly weights: Readonly<KinshipWeights>;
  /** Milliseconds from the request to the scores (the document's preparation included the first time). */
  readonly ms: number;
}

/** Where the mode stands: off, waiting for a selection, computing, ready, the selection unknown, or failed (the SDK's code could not be fetched). */
export type KinshipStatus = 'off' | 'choose' | 'computing' | 'ready' | 'unknown' | 'failed';

const loadSdk = () => import('./kinship-sdk.ts');
type KinshipSdk = Awaited<ReturnType<typeof loadSdk>>;

/** The name of an establishment of a loaded document, by id (undefined when unknown). */
export function nameIn(loaded: LoadedToile | undefined, id: string | undefined): string | undefined {
  return id === undefined ? undefined : loaded?.document.establishments[loaded.index.nodeOf.get(id) ?? -1]?.name;
}

/** Prepared contexts per loaded document and audience: one `prepareKinship` each, shared by every network. */
const contexts = new WeakMap<LoadedToile, Map<string, Promise<KinshipContext>>>();

/**
 * The document as the audience may see it: `<toile-data>` already published it for the audience;
 * a flow or a capability above it that a provider left in is still never counted.
 */
function visibleDocument(doc: LoadedToile['document'], audience: ReturnType<KinshipSdk['readAudience']>, sdk: KinshipSdk): LoadedToile['document'] {
  const visible = (level: unknown) => sdk.isVisibleTo(level, audience);
  const flowsOk = doc.flows.every((f) => visible(f.confidentiality));
  const capabilitiesOk = doc.establishments.every((e) => !Array.isArray(e.capabilities) || e.capabilities.every((c) => visible(c.confidentiality)));
  if (flowsOk && capabilitiesOk) return doc;
  return {
    ...doc,
    flows: flowsOk ? doc.flows : doc.flows.filter((f) => visible(f.confidentiality)),
    establishments: capabilitiesOk
      ? doc.establishments
      : doc.establishments.map((e) => (Array.isArray(e.capabilities) ? { ...e, capabilities: e.capabilities.filter((c) => visible(c.confidentiality)) } : e)),
  };
}

function contextOf(loaded: LoadedToile, audience: string | undefined, sdk: KinshipSdk): Promise<KinshipContext> {
  const reader = sdk.readAudience(audience);
  let byAudience = contexts.get(loaded);
  if (!byAudience) contexts.set(loaded, (byAudience = new Map()));
  let context = byAudience.get(reader);
  if (!context) {
    context = yieldToPage().then(() => {
      const doc = visibleDocument(loaded.document, reader, sdk);
      return sdk.prepareKinship(doc, doc === loaded.document ? { index: loaded.index } : {});
    });
    byAudience.set(reader, context);
    // A failure is not kept: the next request tries again.
    context.catch(() => byAudience.delete(reader));
  }
  return context;
}

/** Relatedness of `selected` to every other establishment, in slices; undefined when cancelled meanwhile. */
async function scoreAll(context: KinshipContext, selected: string, sdk: KinshipSdk, cancelled: () => boolean): Promise<Map<string, number> | undefined> {
  const list = context.doc.establishments;
  const scores = new Map<string, number>();
  let slice = performance.now();
  for (let i = 0; i < list.length; i++) {
    const id = list[i]!.id;
    if (id !== selected) {
      const score = sdk.relatedness(selected, id, context)?.score ?? 0;
      if (score > 0) scores.set(id, score);
    }
    if ((i & 127) === 127 && performance.now() - slice > SLICE_MS) {
      await yieldToPage();
      if (cancelled()) return undefined;
      slice = performance.now();
    }
  }
  return scores;
}

/**
 * Follows what the mode depends on (the document, the selection, the audience, whether it is on)
 * and computes the scores when they change; `changed` is called whenever {@link status} or
 * {@link result} changes. A newer request cancels an older one still running.
 */
export class KinshipColouring {
  status: KinshipStatus = 'off';
  /** The last scores computed (kept while the next selection's are computed). */
  result: KinshipScores | undefined;
  private key = '';
  private loaded: LoadedToile | undefined;
  private run = 0;

  constructor(private readonly changed: () => void) {}

  /** Starts what the inputs call for; returns at once. */
  follow(loaded: LoadedToile | undefined, selected: string | undefined, audience: string | undefined, on: boolean): void {
    const key = on && loaded ? `${selected ?? ''}\u0000${audience ?? ''}` : '';
    if (key === this.key && loaded === this.loaded) return;
    this.key = key;
    const run = ++this.run;
    if (loaded !== this.loaded) this.result = undefined;
    this.loaded = loaded;
    if (!on || !loaded) return this.set('off', undefined);
    if (!selected) {
      // The document is prepared while the reader chooses: the first selection then only scores.
      loadSdk()
        .then((sdk) => contextOf(loaded, audience, sdk))
        .catch(() => undefined);
      return this.set('choose', undefined);
    }
    if (!loaded.index.nodeOf.has(selected)) return this.set('unknown', undefined);
    this.set('computing', this.result);
    this.compute(loaded, selected, audience, run).catch(() => {
      if (run === this.run) this.set('failed', undefined);
    });
  }

  private async compute(loaded: LoadedToile, selected: string, audience: string | undefined, run: number): Promise<void> {
    const started = performance.now();
    const sdk = await loadSdk();
    if (run !== this.run) return;
    const context = await contextOf(loaded, audience, sdk);
    if (run !== this.run) return;
    const scores = await scoreAll(context, selected, sdk, () => run !== this.run);
    if (!scores || run !== this.run) return;
    const ranked = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    this.set('ready', { selected, scores, ranked, weights: context.weights.plain, ms: performance.now() - started });
  }

  /** The legend of the mode for this document (see {@link kinshipLegend}). */
  legend(lang: Lang, loaded: LoadedToile, aggregated: boolean, overlaySetAside: boolean): TemplateResult {
    return kinshipLegend({ lang, status: this.status, result: this.result, name: (id) => nameIn(loaded, id), aggregated, overlaySetAside });
  }

  /** The legend of an exported picture in this mode (the overlay legend's shape). */
  pictureLegend(lang: Lang, loaded: LoadedToile): Required<NetworkOverlayLegend> {
    const about = this.result ? nameIn(loaded, this.result.selected) : undefined;
    const title = about ? `${KINSHIP_TEXT.with[lang]} ${about}` : KINSHIP_TEXT.mode[lang];
    return { title, low: scoreText(0, lang), high: scoreText(1, lang), none: KINSHIP_TEXT.none[lang] };
  }

  private set(status: KinshipStatus, result: KinshipScores | undefined): void {
    if (status === this.status && result === this.result) return;
    this.status = status;
    this.result = result;
    this.changed();
  }
}

/** A colon with French spacing (a no-break space before it) or English spacing. */
const colon = (lang: Lang) => (lang === 'fr' ? '\u00a0:' : ':');

const numbers = new Map<Lang, Intl.NumberFormat>();
/** A score with two decimals in the element's language (`0,73`, `0.73`). */
export function scoreText(score: number, lang: Lang): string {
  let f = numbers.get(lang);
  if (!f) numbers.set(lang, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f.format(score);
}

/** The weights as words: `activité (…) 33 % · achats (…) 22 % …`, parts the document has no data for left out. */
export function weightsText(weights: Readonly<KinshipWeights>, lang: Lang): string {
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return PARTS.filter((p) => weights[p] > 0)
    .map((p) => `${PART_TEXT[p][lang]} ${percent.format(weights[p])}`)
    .join(' · ');
}

/** What the legend shows. */
export interface KinshipLegendInput {
  lang: Lang;
  status: KinshipStatus;
  result: KinshipScores | undefined;
  /** The name of an establishment, by id. */
  name(id: string): string | undefined;
  /** Whether the view is aggregated (clusters take their strongest member's colour). */
  aggregated: boolean;
  /** Whether an overlay is set aside while the mode is on. */
  overlaySetAside: boolean;
}

/** The scale of the mode, 0 to 1 on cividis, with "no kinship" in grey. */
function scale(lang: Lang): TemplateResult {
  const stops = Array.from({ length: 9 }, (_, i) => i / 8);
  return html`<span class="scale">
      <span class="end">${scoreText(0, lang)}</span>
      <svg width="120" height="12" viewBox="0 0 120 12" aria-hidden="true">
        ${svg`<defs><linearGradient id="toile-kinship-scale">${stops.map((t) => svg`<stop offset=${t} stop-color=${overlayColour(t)}></stop>`)}</linearGradient></defs>
        <rect width="120" height="12" rx="2" fill="url(#toile-kinship-scale)"></rect>`}
      </svg>
      <span class="end">${scoreText(1, lang)}</span>
    </span>
    <span class="no-kin"
      ><svg class="key" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${svg`<circle cx="7" cy="7" r="5" fill=${NEUTRAL}></circle>`}</svg>
      ${KINSHIP_TEXT.none[lang]}</span
    >`;
}

/**
 * The legend of the mode: whom the colours are about, the scale, what the score is made of (the
 * weights in use) and the nearest kin; or what to do first (select an establishment).
 */
export function kinshipLegend(o: KinshipLegendInput): TemplateResult {
  const { lang, result } = o;
  const current = result && (o.status === 'ready' || o.status === 'computing') ? result : undefined;
  const about = current ? o.name(current.selected) : undefined;
  const messages: Partial<Record<KinshipStatus, Message>> = {
    choose: KINSHIP_TEXT.choose,
    unknown: KINSHIP_TEXT.unknown,
    computing: KINSHIP_TEXT.computing,
    failed: KINSHIP_TEXT.failed,
  };
  const message = messages[o.status]?.[lang] ?? '';
  const nearest = current?.ranked.slice(0, NAMED_NEAREST) ?? [];
  return html`<div part="kinship-legend" class="kinship-legend" role="group" aria-label=${KINSHIP_TEXT.mode[lang]} data-status=${o.status}>
    <p class="kinship-title">
      <strong>${KINSHIP_TEXT.mode[lang]}</strong>${about ? html`${colon(lang)} <span class="kinship-about">${about}</span>` : nothing}
    </p>
    ${message ? html`<p class="kinship-message">${message}</p>` : nothing} ${current ? scale(lang) : nothing}
    ${
      nearest.length
        ? html`<p class="kinship-nearest">
            ${KINSHIP_TEXT.nearest[lang]}${colon(lang)}
            ${nearest.map((id, i) => html`${i ? ' · ' : ''}<span data-id=${id}>${o.name(id) ?? id} ${scoreText(current!.scores.get(id)!, lang)}</span>`)}
          </p>`
        : nothing
    }
    ${
      current
        ? html`<p class="note kinship-made">${KINSHIP_TEXT.made[lang]} ${weightsText(current.weights, lang)}. ${KINSHIP_TEXT.missing[lang]}</p>
            ${o.aggregated ? html`<p class="note">${KINSHIP_TEXT.clusters[lang]}</p>` : nothing}`
        : nothing
    }
    ${o.overlaySetAside ? html`<p class="note">${KINSHIP_TEXT.overlaySetAside[lang]}</p>` : nothing}
  </div>`;
}

/** Scored lists per base list: one array per scores and language, so that the list's search cache holds. */
const scoredLists = new WeakMap<readonly ListItem[], { result: KinshipScores; lang: Lang; items: readonly ListItem[] }>();

/**
 * The list of the mode: the selected establishment first, then by decreasing kinship (ties by id),
 * then the establishments without kinship in their order, each row with its score.
 */
export function kinshipListItems(items: readonly ListItem[], result: KinshipScores | undefined, lang: Lang): readonly ListItem[] {
  if (!result) return items;
  const cached = scoredLists.get(items);
  if (cached && cached.result === result && cached.lang === lang) return cached.items;
  const rank = new Map(result.ranked.map((id, i) => [id, i]));
  const order = (item: ListItem) => (item.id === result.selected ? -1 : (rank.get(item.id) ?? Infinity));
  const scored = items
    .map((item, i) => ({ item, i, order: order(item) }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map(({ item }) => ({
      ...item,
      detail: item.id === result.selected ? KINSHIP_TEXT.selected[lang] : `${KINSHIP_TEXT.score[lang]} ${scoreText(result.scores.get(item.id) ?? 0, lang)}`,
    }));
  scoredLists.set(items, { result, lang, items: scored });
  return scored;
}
