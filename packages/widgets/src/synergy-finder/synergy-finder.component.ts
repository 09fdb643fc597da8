import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { getFamily, getUnit, type Flow, type FlowKind, type Item, type Resource } from '@toile/schema';
import { avoidedEmissionsOfExchange, co2eOrderOfMagnitude, csvLine, findSynergies, formatCo2eOrder, prepareSynergies, type AvoidedEmissions, type CsvCellValue, type TransportEstimate, type TransportMode, type ValueBasis, type ItemMatch, type PoolingCandidate, type PreparedSynergies, type SynergyMatch, type SynergyOptions } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { Message, WidgetLang } from '../base/i18n.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { synergyFinderStyles } from './synergy-finder.styles.ts';
import {
  extraFamilyOptions,
  itemUnderCode,
  materialLabel,
  parseMaterial,
  searchMaterials,
  vocabularyOptions,
  withDocumentLabels,
  type MaterialFilter,
  type MaterialOption,
} from './materials.ts';

const T = {
  label: { fr: 'Recherche de synergies', en: 'Synergy finder' },
  params: { fr: 'Paramètres de la recherche', en: 'Search settings' },
  company: { fr: 'Établissement', en: 'Establishment' },
  anyCompany: { fr: 'Toute la toile', en: 'The whole territory' },
  material: { fr: 'Matière (code déchet ou famille, en français ou en anglais)', en: 'Material (waste code or family, in French or English)' },
  materials: { fr: 'Matières', en: 'Materials' },
  clearMaterial: { fr: 'Effacer la matière', en: 'Clear the material' },
  noMaterial: { fr: 'Aucune matière ne correspond.', en: 'No material matches.' },
  inData: { fr: 'dans les données :', en: 'in the data:' },
  family: { fr: 'famille', en: 'family' },
  chapter: { fr: 'chapitre', en: 'chapter' },
  subchapter: { fr: 'sous-chapitre', en: 'sub-chapter' },
  entry: { fr: 'déchet', en: 'waste' },
  need: { fr: 'Besoin', en: 'Need' },
  anyNeed: { fr: 'Tous les besoins', en: 'Every need' },
  radius: { fr: 'Rayon (km)', en: 'Radius (km)' },
  top: { fr: 'Résultats au plus', en: 'Results at most' },
  outside: { fr: 'Inclure les intrants achetés hors territoire', en: 'Include inputs bought outside the territory' },
  hideHazardous: { fr: 'Masquer les déchets dangereux', en: 'Hide hazardous waste' },
  caption: { fr: 'Synergies candidates, la meilleure d’abord', en: 'Candidate synergies, best first' },
  within: { fr: 'rayon', en: 'radius' },
  offerNeed: { fr: 'Offre → besoin', en: 'Offer → need' },
  from: { fr: 'De', en: 'From' },
  to: { fr: 'Vers', en: 'To' },
  distance: { fr: 'Distance', en: 'Distance' },
  score: { fr: 'Score', en: 'Score' },
  parts: { fr: 'Détail du score', en: 'Score breakdown' },
  co2e: { fr: 'Indice carbone relatif*', en: 'Relative carbon index*' },
  action: { fr: 'Action', en: 'Action' },
  show: { fr: 'Voir', en: 'Show' },
  partItem: { fr: 'Matière', en: 'Item' },
  partDistance: { fr: 'Proximité', en: 'Proximity' },
  perTonneFor: { fr: '€/t pour', en: '€/t for' },
  partQuantity: { fr: 'Quantité', en: 'Quantity' },
  partKind: { fr: 'Type de flux', en: 'Flow kind' },
  hazardous: { fr: 'Dangereux', en: 'Hazardous' },
  boughtOutside: { fr: 'acheté hors territoire', en: 'bought outside' },
  unlocated: { fr: 'non localisé', en: 'not located' },
  avoided: { fr: 'CO2e évité (ordre de grandeur)**', en: 'Avoided CO2e (order of magnitude)**' },
  avoidedNote: {
    fr: '** Émissions évitées, ordre de grandeur à deux chiffres : t/an échangées × kg CO2e évités par tonne recyclée (production vierge − recyclage, par tonne de déchets collectée, triée et transformée ; France). « — » : aucun chiffre — pas de facteur ouvert et sûr pour la matière, ou le besoin n’est pas la même matière.',
    en: '** Avoided emissions, an order of magnitude to two figures: t/yr exchanged × kg CO2e avoided per tonne recycled (virgin production − recycling, per tonne of waste collected, sorted and processed; France). “—”: no figure — no sound openly licensed factor for the material, or the need is not for the same material.',
  },
  co2eNote: {
    fr: '* Indice relatif, pas des tonnes de CO2e : t/an échangées × pondération carbone de la matière (Scottish Carbon Metric, textiles = 100). Sert seulement à comparer les candidates entre elles.',
    en: '* A relative index, not tonnes of CO2e: t/yr exchanged × the material’s carbon weighting (Scottish Carbon Metric, textiles = 100). Only for comparing candidates with each other.',
  },
  pooling: { fr: 'Mutualisations possibles', en: 'Pooling candidates' },
  poolingCaption: { fr: 'Établissements proches déclarant le même besoin', en: 'Nearby establishments declaring the same need' },
  poolingNeed: { fr: 'Besoin commun', en: 'Shared need' },
  poolingMembers: { fr: 'Établissements', en: 'Establishments' },
  poolingSpread: { fr: 'Écart max. (km)', en: 'Max. spread (km)' },
  poolingQuantity: { fr: 'Quantité totale', en: 'Total quantity' },
  noPooling: { fr: 'Aucune mutualisation dans ce rayon.', en: 'No pooling candidate within this radius.' },
  export: { fr: 'Exporter en CSV', en: 'Export as CSV' },
  loading: { fr: 'Chargement des données…', en: 'Loading the data…' },
  failed: { fr: 'Données indisponibles.', en: 'The data is unavailable.' },
  noProvider: {
    fr: 'Aucune source de données : placez l’élément dans <toile-data> ou indiquez source="…".',
    en: 'No data source: put the element inside <toile-data> or give source="…".',
  },
  unknownCompany: { fr: 'Établissement introuvable', en: 'Establishment not found' },
  unknownNeed: { fr: 'Besoin introuvable', en: 'Need not found' },
  unknownMaterial: { fr: 'Matière non reconnue', en: 'Material not recognised' },
  none: {
    fr: 'Aucune synergie candidate avec ces paramètres. Essayez un rayon plus grand ou une autre matière.',
    en: 'No candidate synergy with these settings. Try a larger radius or another material.',
  },
  found: { fr: 'synergies candidates', en: 'candidate synergies' },
  foundOne: { fr: 'synergie candidate', en: 'candidate synergy' },
  shown: { fr: 'Affichés :', en: 'Shown:' },
  and: { fr: 'et', en: 'and' },
} satisfies Record<string, Message>;

const MODE_LABELS: Readonly<Record<TransportMode, Message>> = {
  road: { fr: 'route', en: 'road' },
  rail: { fr: 'rail', en: 'rail' },
  waterway: { fr: 'voie d’eau', en: 'waterway' },
};

const VALUE_BASIS_LABELS: Readonly<Record<ValueBasis, Message>> = {
  flow: { fr: 'valeur du flux', en: 'value of the flow' },
  document: { fr: 'valeur médiane des flux du même code', en: 'median value of the flows of the same code' },
  assumed: { fr: 'valeur supposée, inconnue', en: 'assumed value, unknown' },
};

const MATCH_LABELS: Readonly<Record<ItemMatch, Message>> = {
  code: { fr: 'même code', en: 'same code' },
  'code-prefix-6': { fr: 'même code à 6 caractères', en: 'same 6-character code' },
  'code-prefix-4': { fr: 'même sous-chapitre', en: 'same sub-chapter' },
  'code-prefix-2': { fr: 'même chapitre', en: 'same chapter' },
  family: { fr: 'même famille', en: 'same family' },
  label: { fr: 'même libellé', en: 'same label' },
};

/** Defaults of the numeric attributes. */
const DEFAULT_RADIUS_KM = 20;
const DEFAULT_TOP = 20;

/** What the finder reads from a loaded document, once per document. */
interface Prepared {
  synergies: PreparedSynergies;
  resources: Map<string, Resource>;
  flows: Map<string, Flow>;
  names: Map<string, string>;
  /** Establishments that declare offers or needs, or buy from outside: the ones worth choosing. */
  companies: { id: string; name: string }[];
  needs: Resource[];
  materials: readonly MaterialOption[];
}

const preparedFor = new WeakMap<LoadedToile, Prepared>();

function prepare(loaded: LoadedToile): Prepared {
  let p = preparedFor.get(loaded);
  if (p) return p;
  const { document: doc, index } = loaded;
  const resources = new Map((doc.resources ?? []).map((r) => [r.id, r]));
  const flows = new Map(doc.flows.map((f) => [f.id, f]));
  const names = new Map(doc.establishments.map((e) => [e.id, e.name]));
  const active = new Set<string>();
  const families = new Set<string>();
  for (const r of doc.resources ?? []) {
    active.add(r.establishment);
    if (r.item?.family) families.add(r.item.family);
  }
  for (const f of doc.flows) {
    if (index.external[index.nodeOf.get(f.from) ?? -1] === 1) active.add(f.to);
    if (f.item?.family) families.add(f.item.family);
  }
  const companies = doc.establishments
    .filter((e) => active.has(e.id) && !e.external)
    .map((e) => ({ id: e.id, name: e.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const needs = (doc.resources ?? []).filter((r) => r.direction === 'need');
  p = {
    synergies: prepareSynergies(doc, { index }),
    resources,
    flows,
    names,
    companies,
    needs,
    materials: withDocumentLabels(
      [...vocabularyOptions(), ...extraFamilyOptions(families)],
      [...(doc.resources ?? []).map((r) => r.item), ...doc.flows.map((f) => f.item)],
    ),
  };
  preparedFor.set(loaded, p);
  return p;
}

/** What the finder shows. */
type Outcome =
  | { state: 'no-provider' }
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'unknown-establishment'; id: string }
  | { state: 'unknown-need'; id: string }
  | { state: 'unknown-material'; value: string }
  | { state: 'ok'; prepared: Prepared; matches: SynergyMatch[]; pooling: PoolingCandidate[]; establishment?: string; material?: MaterialFilter };

/** Detail of `toile-synergy-select`. */
export interface SynergySelectDetail {
  /** Id of the offer resource. */
  offerId?: string;
  /** Id of the need resource, or of the flow from outside whose input could be sourced locally. */
  needId?: string;
  /** Giver and receiver establishments. */
  from: string;
  to: string;
}

/** Detail of `toile-highlight`: establishments other widgets should bring forward together. */
export interface HighlightDetail {
  ids: readonly string[];
}

/** Detail of `toile-pooling-select`. */
export interface PoolingSelectDetail {
  /** The shared need: `code:…`, `family:…` or `label:…`. */
  key: string;
  leader: string;
  establishments: string[];
  needs: string[];
}

/** Detail of `toile-synergy-query`: the search settings after the user changed one. */
export interface SynergyQueryDetail {
  establishment: string | null;
  material: string | null;
  need: string | null;
  radiusKm: number;
  top: number;
}

function percent(value: number, lang: WidgetLang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

function number(value: number, lang: WidgetLang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/**
 * The synergy finder: for an establishment, a material (EWC code or family, searched in French and
 * English) or a declared need, the offers that could meet needs nearby — ranked by the SDK's score
 * with its parts explained (item fit, proximity, quantity fit, flow kind), hazardous waste flagged and
 * a relative carbon index (not tonnes of CO2e) when known, and the avoided CO2e as an order of magnitude with
 * its basis (route, kg CO2e per tonne, source and licence; a dash where no sourced factor applies) — and
 * the establishments that could pool the same need.
 * Choosing a candidate selects a partner for every widget of the same `<toile-data>` and asks them
 * to highlight both partners. The list exports as CSV.
 *
 * @tag toile-synergy-finder
 * @event toile-synergy-select - a candidate was chosen; `detail: { offerId, needId, from, to }` (plain ids).
 * @event toile-highlight - establishments to highlight together; `detail: { ids }` (both partners, or a pooling group). `<toile-data>` hears it (or is told directly when named by `source`) and shares it as `highlighted`.
 * @event toile-pooling-select - a pooling candidate was chosen; `detail: { key, leader, establishments, needs }`.
 * @event toile-select - the partner now selected; `detail: { id }`.
 * @event toile-synergy-query - the user changed a setting; `detail: { establishment, material, need, radiusKm, top }`.
 * @csspart form - the search settings.
 * @csspart listbox - the material suggestions.
 * @csspart status - loading, error and empty messages.
 * @csspart table - the candidates table.
 * @csspart hazardous - the hazardous-waste badge.
 * @csspart pooling - the pooling section.
 * @csspart export - the CSV export button.
 * @cssproperty --toile-color-accent - buttons, meters and the chosen row.
 * @cssproperty --toile-color-danger - the hazardous badge and error messages.
 * @cssproperty --toile-synergy-finder-listbox-height - height of the material suggestions (default 16em).
 */
export class ToileSynergyFinder extends ToileElement {
  static override styles = [tokens, controls, synergyFinderStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /** Id of the establishment whose offers and needs are matched; without it, the whole territory. */
  @property({ reflect: true }) establishment: string | null = null;
  /** A material: `family:ID` (or a bare family id), `ewc:100202` (or EWC digits, chapters and sub-chapters too), or any `scheme:code`. */
  @property({ reflect: true }) material: string | null = null;
  /** Id of one declared need (or of a flow from outside): candidates for it alone. */
  @property({ reflect: true }) need: string | null = null;
  /** Candidates farther apart are left out (default 20 km). */
  @property({ type: Number, attribute: 'radius-km' }) radiusKm = DEFAULT_RADIUS_KM;
  /** Best candidates shown (default 20). */
  @property({ type: Number }) top = DEFAULT_TOP;
  /** Leave out inputs bought outside the territory (matched by default). */
  @property({ type: Boolean, attribute: 'exclude-outside' }) excludeOutside = false;
  /** Leave out candidates involving hazardous waste. */
  @property({ type: Boolean, attribute: 'hide-hazardous' }) hideHazardous = false;
  /** CSV delimiter: `,` (default) or `;` (decimal commas and a byte-order mark, for Excel in French). */
  @property({ attribute: 'csv-delimiter' }) csvDelimiter: ',' | ';' = ',';

  /** Text typed in the material field, until a material is chosen (null: show the chosen one). */
  @state() private typing: string | null = null;
  @state() private listOpen = false;
  @state() private activeOption = -1;
  /** `offer|need` of the chosen candidate, or `pool|key|leader`. */
  @state() private chosen: string | null = null;

  private readonly data = new DataController(this);
  private memo: { key: string; loaded: LoadedToile | undefined; outcome: Outcome } | undefined;

  /** The candidates shown now (best first); empty until the data is loaded. */
  get candidates(): readonly SynergyMatch[] {
    const o = this.outcome();
    return o.state === 'ok' ? o.matches : [];
  }

  /** The pooling candidates shown now (largest groups first). */
  get poolingCandidates(): readonly PoolingCandidate[] {
    const o = this.outcome();
    return o.state === 'ok' ? o.pooling : [];
  }

  private get radius(): number {
    return Number.isFinite(this.radiusKm) && this.radiusKm > 0 ? this.radiusKm : DEFAULT_RADIUS_KM;
  }

  private get limit(): number {
    return Number.isFinite(this.top) && this.top >= 1 ? Math.floor(this.top) : DEFAULT_TOP;
  }

  /** Runs the SDK finder for the current settings (memoised on the document and the settings). */
  private outcome(): Outcome {
    const provider = this.data.provider;
    if (!provider) return { state: 'no-provider' };
    const loaded = provider.value;
    if (!loaded) return provider.failed ? { state: 'failed' } : { state: 'loading' };
    const key = JSON.stringify([this.establishment, this.material, this.need, this.radius, this.limit, this.excludeOutside, this.hideHazardous]);
    if (this.memo && this.memo.loaded === loaded && this.memo.key === key) return this.memo.outcome;
    const outcome = this.compute(loaded);
    this.memo = { key, loaded, outcome };
    return outcome;
  }

  private compute(loaded: LoadedToile): Outcome {
    const material = this.material ? parseMaterial(this.material) : undefined;
    if (this.material && !material) return { state: 'unknown-material', value: this.material };
    let establishment = this.establishment || undefined;
    if (establishment !== undefined && !loaded.index.nodeOf.has(establishment)) return { state: 'unknown-establishment', id: establishment };
    const prepared = prepare(loaded);
    // A need narrows the search to its establishment; the candidates are then kept for that need alone.
    let needId: string | undefined;
    if (this.need) {
      const resource = prepared.resources.get(this.need);
      const flow = prepared.flows.get(this.need);
      if (resource?.direction === 'need') establishment = resource.establishment;
      else if (flow) establishment = flow.to;
      else return { state: 'unknown-need', id: this.need };
      needId = this.need;
    }
    const top = this.limit;
    // Filters the SDK does not take (a code, a need, hazard) are applied to the full ranking, then cut.
    const filtered = material?.type === 'code' || needId !== undefined || this.hideHazardous;
    const options: SynergyOptions = {
      radiusKm: this.radius,
      top: filtered ? Number.POSITIVE_INFINITY : top,
      flowNeeds: !this.excludeOutside,
      ...(needId !== undefined ? { perNeed: top } : {}),
      ...(establishment !== undefined ? { establishment } : {}),
      ...(material?.type === 'family' ? { family: material.id } : {}),
    };
    const result = findSynergies(prepared.synergies, options);
    if (result.unknownEstablishment) return { state: 'unknown-establishment', id: establishment ?? '' };
    let matches = result.matches;
    let pooling = result.pooling;
    if (needId !== undefined) {
      matches = matches.filter((m) => m.need === needId);
      pooling = pooling.filter((g) => g.needs.includes(needId));
    }
    if (material?.type === 'code') {
      matches = matches.filter((m) => itemUnderCode(this.offerItem(prepared, m)?.code, material) || itemUnderCode(this.needItem(prepared, m)?.code, material));
      pooling = pooling.filter((g) => itemUnderCode(g.item.code, material));
    }
    if (this.hideHazardous) matches = matches.filter((m) => !m.hazardous);
    return {
      state: 'ok',
      prepared,
      matches: matches.slice(0, top),
      pooling: pooling.slice(0, top),
      ...(establishment !== undefined ? { establishment } : {}),
      ...(material ? { material } : {}),
    };
  }

  private offerItem(p: Prepared, m: SynergyMatch): Item | undefined {
    return p.resources.get(m.offer)?.item;
  }

  private needItem(p: Prepared, m: SynergyMatch): Item | undefined {
    return m.needSource === 'flow' ? p.flows.get(m.need)?.item : p.resources.get(m.need)?.item;
  }

  /** Avoided emissions of a candidate (order of magnitude with its basis), when offer and need are the same material with a sourced route. */
  private avoidedOf(p: Prepared, m: SynergyMatch): AvoidedEmissions | undefined {
    const offer = p.resources.get(m.offer);
    const need = m.needSource === 'flow' ? p.flows.get(m.need) : p.resources.get(m.need);
    return offer && need ? avoidedEmissionsOfExchange(offer, need) : undefined;
  }

  private needKind(p: Prepared, m: SynergyMatch): FlowKind | undefined {
    return m.needSource === 'flow' ? p.flows.get(m.need)?.kind : p.resources.get(m.need)?.kind;
  }

  /** What an item is called: its label, else its code's, else its family's, else the flow kind. */
  private itemText(item: Item | undefined, kind: FlowKind | undefined, lang: WidgetLang): string {
    if (item?.label) return item.label;
    if (item?.code) {
      const m = parseMaterial(item.code);
      return m ? materialLabel(m, lang) : item.code;
    }
    if (item?.family) return getFamily(item.family)?.label[lang] ?? item.family;
    return kind ? KIND_LABELS[kind][lang] : '—';
  }

  private poolingText(g: PoolingCandidate, lang: WidgetLang): string {
    if (g.item.label) return g.item.label;
    if (g.item.code) {
      const m = parseMaterial(g.item.code);
      return m ? materialLabel(m, lang) : g.item.code;
    }
    if (g.item.family) return getFamily(g.item.family)?.label[lang] ?? g.item.family;
    return g.key;
  }

  // ------------------------------------------------------------------ actions

  /** Chooses a candidate: events, shared selection, highlight of both partners. */
  private chooseMatch(m: SynergyMatch, establishment: string | undefined): void {
    this.chosen = `${m.offer}|${m.need}`;
    const detail: SynergySelectDetail = { offerId: m.offer, needId: m.need, from: m.from, to: m.to };
    this.emit('toile-synergy-select', detail);
    this.highlight([m.from, m.to]);
    // The partner of the establishment searched for is the news; otherwise the giver.
    this.selectPartner(establishment === m.from ? m.to : m.from);
  }

  private choosePooling(g: PoolingCandidate): void {
    this.chosen = `pool|${g.key}|${g.leader}`;
    const detail: PoolingSelectDetail = { key: g.key, leader: g.leader, establishments: [...g.establishments], needs: [...g.needs] };
    this.emit('toile-pooling-select', detail);
    this.highlight([...g.establishments]);
    this.selectPartner(g.leader);
  }

  private selectPartner(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
  }

  private highlight(ids: string[]): void {
    const detail: HighlightDetail = { ids };
    this.emit('toile-highlight', detail);
    // A <toile-data> named by `source` is not an ancestor and does not hear the event: tell it directly.
    const provider = this.data.provider;
    if (provider && !provider.contains(this)) provider.highlight(ids);
  }

  private changed(): void {
    const detail: SynergyQueryDetail = { establishment: this.establishment, material: this.material, need: this.need, radiusKm: this.radius, top: this.limit };
    this.emit('toile-synergy-query', detail);
  }

  /**
   * The candidates shown now as CSV (header in the element's language, ids and numbers as data).
   * Formula-like text is prefixed with an apostrophe so that a spreadsheet never runs it.
   */
  toCsv(): string {
    const lang = this.language;
    const d = this.csvDelimiter === ';' ? ';' : ',';
    const o = this.outcome();
    const headers =
      lang === 'fr'
        ? ['rang', 'score', 'offre_id', 'offre', 'besoin_id', 'besoin', 'origine_besoin', 'de_id', 'de', 'vers_id', 'vers', 'distance_km', 'part_matiere', 'part_proximite', 'part_quantite', 'part_type', 'correspondance', 'dangereux', 'indice_carbone_relatif', 'co2e_evite_t_an', 'base_co2e_evite']
        : ['rank', 'score', 'offer_id', 'offer', 'need_id', 'need', 'need_source', 'from_id', 'from', 'to_id', 'to', 'distance_km', 'part_item', 'part_proximity', 'part_quantity', 'part_kind', 'item_match', 'hazardous', 'relative_carbon_index', 'avoided_co2e_t_yr', 'avoided_co2e_basis'];
    const lines = [csvLine(headers, d)];
    if (o.state === 'ok') {
      const p = o.prepared;
      o.matches.forEach((m, k) => {
        const avoided = this.avoidedOf(p, m);
        const cells: CsvCellValue[] = [
          k + 1,
          m.score,
          m.offer,
          this.itemText(this.offerItem(p, m), p.resources.get(m.offer)?.kind, lang),
          m.need,
          this.itemText(this.needItem(p, m), this.needKind(p, m), lang),
          m.needSource,
          m.from,
          p.names.get(m.from) ?? m.from,
          m.to,
          p.names.get(m.to) ?? m.to,
          m.distanceKm,
          m.parts.item,
          m.parts.distance,
          m.parts.quantity,
          m.parts.kind,
          m.itemMatch,
          m.hazardous,
          m.carbonIndex,
          avoided ? co2eOrderOfMagnitude(avoided.tonnesCo2e) : undefined,
          avoided?.basis[lang],
        ];
        lines.push(csvLine(cells, d));
      });
    }
    return `${d === ';' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
  }

  /** Downloads {@link toCsv} as `synergies.csv`. */
  exportCsv(): void {
    const blob = new Blob([this.toCsv()], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'synergies.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // ------------------------------------------------------------------ material search (combobox)

  private materialOptions(): MaterialOption[] {
    const o = this.outcome();
    const loaded = this.data.provider?.value;
    const all = loaded ? prepare(loaded).materials : vocabularyOptions();
    return this.typing ? searchMaterials(all, this.typing) : [];
  }

  private chooseMaterial(value: string | null): void {
    this.material = value;
    this.typing = null;
    this.listOpen = false;
    this.activeOption = -1;
    this.changed();
  }

  private onMaterialInput(event: Event): void {
    this.typing = (event.target as HTMLInputElement).value;
    this.listOpen = this.typing.trim().length > 0;
    this.activeOption = -1;
  }

  private onMaterialKeydown(event: KeyboardEvent): void {
    const options = this.materialOptions();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!options.length) return;
        this.listOpen = true;
        this.activeOption = Math.min(this.activeOption + 1, options.length - 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!options.length) return;
        this.listOpen = true;
        this.activeOption = Math.max(this.activeOption - 1, 0);
        break;
      case 'Home':
      case 'End':
        if (!this.listOpen || !options.length) return;
        event.preventDefault();
        this.activeOption = event.key === 'Home' ? 0 : options.length - 1;
        break;
      case 'Enter': {
        event.preventDefault();
        const text = (this.typing ?? '').trim();
        if (this.typing !== null && !text) this.chooseMaterial(null);
        else if (this.listOpen && options.length) this.chooseMaterial(options[Math.max(0, this.activeOption)]!.value);
        else if (text && parseMaterial(text)) this.chooseMaterial(parseMaterial(text)!.value);
        break;
      }
      case 'Escape':
        if (this.listOpen) {
          event.preventDefault();
          this.listOpen = false;
          this.activeOption = -1;
        } else if (this.typing !== null) {
          event.preventDefault();
          this.typing = null;
        }
        break;
      default:
    }
  }

  private onMaterialBlur(): void {
    this.listOpen = false;
    this.activeOption = -1;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('activeOption' as keyof ToileSynergyFinder) && this.activeOption >= 0) {
      this.renderRoot.querySelector(`#material-${this.activeOption}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  // ------------------------------------------------------------------ rendering

  private renderForm(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const p = prepare(loaded);
    const companies = p.companies;
    const known = !this.establishment || companies.some((c) => c.id === this.establishment);
    const needs = p.needs.filter((r) => !this.establishment || r.establishment === this.establishment);
    const options = this.listOpen ? this.materialOptions() : [];
    const open = this.listOpen && options.length > 0;
    const chosenMaterial = this.material ? parseMaterial(this.material) : undefined;
    const shown = this.typing ?? (chosenMaterial ? materialLabel(chosenMaterial, lang) : (this.material ?? ''));
    return html`<div part="form" class="form" role="group" aria-label=${T.params[lang]}>
      <label class="field"
        >${T.company[lang]}
        <select
          @change=${(e: Event) => {
            this.establishment = (e.target as HTMLSelectElement).value || null;
            this.need = null;
            this.changed();
          }}
        >
          <option value="" ?selected=${!this.establishment}>${T.anyCompany[lang]}</option>
          ${known ? nothing : html`<option value=${this.establishment!} selected>${p.names.get(this.establishment!) ?? this.establishment}</option>`}
          ${companies.map((c) => html`<option value=${c.id} ?selected=${c.id === this.establishment}>${c.name}</option>`)}
        </select>
      </label>
      <div class="field combo">
        <label for="material">${T.material[lang]}</label>
        <div class="combo-input">
          <input
            id="material"
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="materials"
            aria-activedescendant=${open && this.activeOption >= 0 ? `material-${this.activeOption}` : nothing}
            .value=${shown}
            @input=${this.onMaterialInput}
            @keydown=${this.onMaterialKeydown}
            @blur=${this.onMaterialBlur}
          />
          ${this.material || this.typing
            ? html`<button type="button" class="clear" aria-label=${T.clearMaterial[lang]} @click=${() => this.chooseMaterial(null)}>×</button>`
            : nothing}
        </div>
        <ul id="materials" part="listbox" role="listbox" aria-label=${T.materials[lang]} ?hidden=${!open}>
          ${open
            ? options.map(
                (m, k) => html`<li
                  id=${`material-${k}`}
                  role="option"
                  aria-selected=${k === this.activeOption ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()}
                  @click=${() => this.chooseMaterial(m.value)}
                >
                  <span>${m.label[lang]}</span> <span class="group">${T[m.group][lang]}${m.documentLabels
                    ? ` · ${T.inData[lang]} ${m.documentLabels.slice(0, 3).join(', ')}${m.documentLabels.length > 3 ? '…' : ''}`
                    : ''}</span>
                </li>`,
              )
            : nothing}
        </ul>
        ${this.listOpen && !open ? html`<span class="hint" role="status">${T.noMaterial[lang]}</span>` : nothing}
      </div>
      <label class="field"
        >${T.need[lang]}
        <select
          @change=${(e: Event) => {
            this.need = (e.target as HTMLSelectElement).value || null;
            this.changed();
          }}
        >
          <option value="" ?selected=${!this.need}>${T.anyNeed[lang]}</option>
          ${this.need && !needs.some((r) => r.id === this.need) ? html`<option value=${this.need} selected>${this.need}</option>` : nothing}
          ${needs.map(
            (r) =>
              html`<option value=${r.id} ?selected=${r.id === this.need}>
                ${this.itemText(r.item, r.kind, lang)} — ${p.names.get(r.establishment) ?? r.establishment}
              </option>`,
          )}
        </select>
      </label>
      <label class="field narrow"
        >${T.radius[lang]}
        <input
          type="number"
          min="0.1"
          max="1000"
          step="any"
          .value=${String(this.radius)}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v) && v > 0) {
              this.radiusKm = v;
              this.changed();
            }
          }}
        />
      </label>
      <label class="field narrow"
        >${T.top[lang]}
        <input
          type="number"
          min="1"
          max="500"
          step="1"
          .value=${String(this.limit)}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v) && v >= 1) {
              this.top = Math.floor(v);
              this.changed();
            }
          }}
        />
      </label>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${!this.excludeOutside}
          @change=${(e: Event) => {
            this.excludeOutside = !(e.target as HTMLInputElement).checked;
            this.changed();
          }}
        />
        ${T.outside[lang]}</label
      >
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.hideHazardous}
          @change=${(e: Event) => {
            this.hideHazardous = (e.target as HTMLInputElement).checked;
            this.changed();
          }}
        />
        ${T.hideHazardous[lang]}</label
      >
    </div>`;
  }

  private renderPart(label: string, value: number, lang: WidgetLang, extra?: string): TemplateResult {
    return html`<li>
      <span class="part-label">${label}</span>
      <meter min="0" max="1" .value=${value} aria-hidden="true"></meter>
      <span class="part-value">${percent(value, lang)}${extra ? html` <span class="extra">(${extra})</span>` : nothing}</span>
    </li>`;
  }

  private renderMatches(o: Outcome & { state: 'ok' }, lang: WidgetLang): TemplateResult {
    const p = o.prepared;
    const name = (id: string) => p.names.get(id) ?? id;
    const context = [o.establishment ? name(o.establishment) : '', o.material ? materialLabel(o.material, lang) : '', `${T.within[lang]} ${number(this.radius, lang, 1)} km`].filter(Boolean).join(' · ');
    if (!o.matches.length) return html`<p part="status" class="status" role="status">${T.none[lang]}</p>`;
    const avoided = o.matches.map((m) => this.avoidedOf(p, m));
    // Each basis once, in the order first met: route, kg CO2e per t, source page, licence.
    const bases = [...new Map(avoided.filter((a): a is AvoidedEmissions => a !== undefined).map((a) => [a.factor.id, a])).values()];
    return html`<div class="scroll">
        <table part="table">
          <caption>
            ${T.caption[lang]}
            <span class="context">— ${context}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">${T.offerNeed[lang]}</th>
              <th scope="col">${T.from[lang]}</th>
              <th scope="col">${T.to[lang]}</th>
              <th scope="col" class="num">${T.distance[lang]}</th>
              <th scope="col" class="num">${T.score[lang]}</th>
              <th scope="col">${T.parts[lang]}</th>
              <th scope="col" class="num">${T.co2e[lang]}</th>
              <th scope="col" class="num">${T.avoided[lang]}</th>
              <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
            </tr>
          </thead>
          <tbody>
            ${o.matches.map((m, k) => {
              const a = avoided[k];
              const offer = p.resources.get(m.offer);
              const offerText = this.itemText(offer?.item, offer?.kind, lang);
              const needText = this.itemText(this.needItem(p, m), this.needKind(p, m), lang);
              const chosen = this.chosen === `${m.offer}|${m.need}`;
              return html`<tr aria-current=${chosen ? 'true' : nothing} class=${chosen ? 'chosen' : ''} data-offer=${m.offer} data-need=${m.need}>
                <td class="item">
                  <span class="offer">${offerText}</span> → <span class="need">${needText}</span>
                  ${m.needSource === 'flow' ? html`<span class="note">(${T.boughtOutside[lang]})</span>` : nothing}
                  ${m.hazardous ? html`<span part="hazardous" class="badge danger">${T.hazardous[lang]}</span>` : nothing}
                </td>
                <td>${name(m.from)}</td>
                <td>${name(m.to)}</td>
                <td class="num">${m.distanceKm === undefined ? T.unlocated[lang] : `${number(m.distanceKm, lang, 1)} km`}</td>
                <td class="num score"><meter min="0" max="1" low="0.4" high="0.7" optimum="1" .value=${m.score} aria-hidden="true"></meter> ${percent(m.score, lang)}</td>
                <td>
                  <ul class="parts">
                    ${this.renderPart(T.partItem[lang], m.parts.item, lang, MATCH_LABELS[m.itemMatch][lang])}
                    ${this.renderPart(T.partDistance[lang], m.parts.distance, lang, m.transport ? transportText(m.transport, lang) : undefined)}
                    ${this.renderPart(T.partQuantity[lang], m.parts.quantity, lang)}
                    ${this.renderPart(T.partKind[lang], m.parts.kind, lang)}
                  </ul>
                </td>
                <td class="num">${m.carbonIndex === undefined ? '—' : number(m.carbonIndex, lang)}</td>
                <td class="num avoided">
                  ${a
                    ? html`<span title=${`${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true })}, ${a.basis[lang]}`} aria-describedby="avoided-note"
                        >${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true, bare: true })}</span
                      >`
                    : '—'}
                </td>
                <td>
                  <button type="button" class="show" @click=${() => this.chooseMatch(m, o.establishment)}>
                    ${T.show[lang]}<span class="visually-hidden"> : ${name(m.from)} → ${name(m.to)}, ${offerText}</span>
                  </button>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${o.matches.some((m) => m.carbonIndex !== undefined) ? html`<p class="note">${T.co2eNote[lang]}</p>` : nothing}
      <div id="avoided-note" class="note avoided-note">
        <p>${T.avoidedNote[lang]}</p>
        ${bases.length
          ? html`<ul>
              ${bases.map((a) => html`<li>${a.basis[lang]} — <a href=${a.factor.url} target="_blank" rel="noopener noreferrer">${new URL(a.factor.url).hostname}</a> (${a.factor.licence})</li>`)}
            </ul>`
          : nothing}
      </div>`;
  }

  private renderPooling(o: Outcome & { state: 'ok' }, lang: WidgetLang): TemplateResult {
    const p = o.prepared;
    const name = (id: string) => p.names.get(id) ?? id;
    return html`<section part="pooling" class="pooling" aria-labelledby="pooling-title">
      <h3 id="pooling-title">${T.pooling[lang]}</h3>
      ${o.pooling.length === 0
        ? html`<p class="status">${T.noPooling[lang]}</p>`
        : html`<div class="scroll">
            <table>
              <caption>
                ${T.poolingCaption[lang]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${T.poolingNeed[lang]}</th>
                  <th scope="col">${T.poolingMembers[lang]}</th>
                  <th scope="col" class="num">${T.poolingSpread[lang]}</th>
                  <th scope="col" class="num">${T.poolingQuantity[lang]}</th>
                  <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
                </tr>
              </thead>
              <tbody>
                ${o.pooling.map((g) => {
                  const chosen = this.chosen === `pool|${g.key}|${g.leader}`;
                  const unit = g.quantity ? (getUnit(g.quantity.unit)?.label[lang] ?? g.quantity.unit) : '';
                  const text = this.poolingText(g, lang);
                  return html`<tr aria-current=${chosen ? 'true' : nothing} class=${chosen ? 'chosen' : ''}>
                    <td>${text}</td>
                    <td>${g.establishments.map(name).join(', ')}${g.size > g.establishments.length ? ` (+${g.size - g.establishments.length})` : ''}</td>
                    <td class="num">${number(g.maxDistanceKm, lang, 1)}</td>
                    <td class="num">${g.quantity ? `${number(g.quantity.value, lang)} ${unit}` : '—'}</td>
                    <td>
                      <button type="button" class="show" @click=${() => this.choosePooling(g)}>
                        ${T.show[lang]}<span class="visually-hidden"> : ${text}</span>
                      </button>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  protected override render() {
    const lang = this.language;
    const o = this.outcome();
    const loaded = o.state === 'no-provider' ? undefined : this.data.provider?.value;
    let body: TemplateResult;
    switch (o.state) {
      case 'no-provider':
        body = html`<p part="status" class="status error" role="alert">${T.noProvider[lang]}</p>`;
        break;
      case 'loading':
        body = html`<p part="status" class="status" role="status">${T.loading[lang]}</p>`;
        break;
      case 'failed':
        body = html`<p part="status" class="status error" role="alert">${T.failed[lang]}</p>`;
        break;
      case 'unknown-establishment':
        body = html`<p part="status" class="status error" role="alert">${T.unknownCompany[lang]} : ${o.id}</p>`;
        break;
      case 'unknown-need':
        body = html`<p part="status" class="status error" role="alert">${T.unknownNeed[lang]} : ${o.id}</p>`;
        break;
      case 'unknown-material':
        body = html`<p part="status" class="status error" role="alert">${T.unknownMaterial[lang]} : ${o.value}</p>`;
        break;
      case 'ok':
        body = html`<div class="count" role="status">
            ${o.matches.length} ${o.matches.length === 1 ? T.foundOne[lang] : T.found[lang]}
          </div>
          ${this.renderMatches(o, lang)}
          <p>
            <button part="export" type="button" class="export" ?disabled=${o.matches.length === 0} @click=${() => this.exportCsv()}>${T.export[lang]}</button>
          </p>
          ${this.renderPooling(o, lang)}`;
        break;
    }
    return html`<section class="finder" aria-label=${T.label[lang]}>
      ${loaded ? this.renderForm(loaded, lang) : nothing} ${body}
    </section>`;
  }
}


/** The distance part's explanation: « rail : 20 €/t pour 30 €/t (valeur supposée, inconnue) ». */
function transportText(t: TransportEstimate, lang: WidgetLang): string {
  const eur = (x: number) => x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: x < 10 ? 2 : 0 });
  return `${MODE_LABELS[t.mode][lang]}${lang === 'fr' ? ' :' : ':'} ${eur(t.costPerTonne)} ${T.perTonneFor[lang]} ${eur(t.valuePerTonne)} €/t, ${VALUE_BASIS_LABELS[t.valueBasis][lang]}`;
}
