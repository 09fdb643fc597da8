import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { FLOW_KINDS, getNafLabel, getUnit, type Capability, type Establishment, type Flow, type FlowKind, type FlowStatus, type Source } from '@toile/schema';
import {
  criticalDependencies,
  edgeMask,
  edgeQuantities,
  localAnchoring,
  isVisibleTo,
  readAudience,
  BASE_UNITS,
  type Anchoring,
  type Audience,
  type AnchoringResult,
  type CriticalDependency,
  type Shares,
} from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { Message, WidgetLang } from '../base/i18n.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { companyCardStyles } from './company-card.styles.ts';
import { renderCapabilities, visibleCapabilities } from './capabilities.ts';

const T = {
  label: { fr: 'Fiche établissement', en: 'Establishment card' },
  noProvider: {
    fr: 'Aucune source de données : placez l’élément dans <toile-data> ou indiquez source="…".',
    en: 'No data source: put the element inside <toile-data> or give source="…".',
  },
  loading: { fr: 'Chargement des données…', en: 'Loading the data…' },
  failed: { fr: 'Données indisponibles.', en: 'The data is unavailable.' },
  choose: { fr: 'Choisissez un établissement.', en: 'Choose an establishment.' },
  unknown: { fr: 'Établissement introuvable dans ces données', en: 'Establishment not found in this data' },
  sector: { fr: 'Activité (NAF)', en: 'Activity (NAF)' },
  sectors: { fr: 'Filières', en: 'Sectors' },
  workforce: { fr: 'Effectif', en: 'Workforce' },
  employee: { fr: 'salarié', en: 'employee' },
  employees: { fr: 'salariés', en: 'employees' },
  location: { fr: 'Adresse', en: 'Address' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  website: { fr: 'Site web', en: 'Web site' },
  newTab: { fr: '(nouvel onglet)', en: '(new tab)' },
  sources: { fr: 'Sources', en: 'Sources' },
  noSource: { fr: 'non renseignées', en: 'not given' },
  validation: { fr: 'Validation', en: 'Validation' },
  validated: { fr: 'validé par l’entreprise ou en atelier', en: 'confirmed by the company or in a workshop' },
  notValidated: { fr: 'non validé', en: 'not validated' },
  ess: { fr: 'Économie sociale et solidaire', en: 'Social and solidarity economy' },
  essShort: { fr: 'ESS', en: 'SSE' },
  external: { fr: 'hors territoire', en: 'outside the territory' },
  suppliers: { fr: 'Fournisseurs', en: 'Suppliers' },
  customers: { fr: 'Clients', en: 'Customers' },
  noSupplier: { fr: 'Aucun fournisseur connu.', en: 'No known supplier.' },
  noCustomer: { fr: 'Aucun client connu.', en: 'No known customer.' },
  perYear: { fr: '/an', en: '/yr' },
  anchoring: { fr: 'Ancrage local', en: 'Local anchoring' },
  anchoringIntro: {
    fr: 'Part des échanges en cours faits avec des établissements du territoire.',
    en: 'Share of the current exchanges made with establishments of the territory.',
  },
  byFlows: { fr: 'En nombre de flux', en: 'By number of flows' },
  byValue: { fr: 'En valeur (€)', en: 'By value (€)' },
  byQuantity: { fr: 'En quantité', en: 'By quantity' },
  flowsOf: { fr: 'flux sur', en: 'flows out of' },
  unknownShare: { fr: 'inconnue', en: 'unknown' },
  knownOnly: { fr: 'Valeurs et quantités : seulement celles qui sont connues.', en: 'Values and quantities: known ones only.' },
  noAnchoring: { fr: 'Aucun échange en cours connu.', en: 'No known current exchange.' },
  externalAnchoring: { fr: 'Partenaire hors territoire : son ancrage n’est pas calculé.', en: 'Partner outside the territory: its anchoring is not computed.' },
  critical: { fr: 'Dépendances critiques', en: 'Critical dependencies' },
  criticalIntro: { fr: 'Intrants venant d’un seul fournisseur et pesant plus de', en: 'Inputs from a single supplier carrying more than' },
  criticalIntroEnd: { fr: 'de l’activité.', en: 'of the activity.' },
  dependsOn: { fr: 'de l’activité dépend de ce seul fournisseur', en: 'of its activity depends on this single supplier' },
  shareGiven: { fr: 'part déclarée', en: 'stated share' },
  shareValue: { fr: 'part de la valeur des intrants', en: 'share of the input value' },
  noCritical: { fr: 'Aucune dépendance critique connue.', en: 'No known critical dependency.' },
} satisfies Record<string, Message>;

const ESTABLISHMENT_STATUS: Readonly<Record<'closed' | 'planned', Message>> = {
  closed: { fr: 'Fermé', en: 'Closed' },
  planned: { fr: 'En projet', en: 'Planned' },
};

const FLOW_STATUS: Readonly<Record<Exclude<FlowStatus, 'active'>, Message>> = {
  potential: { fr: 'potentiel', en: 'potential' },
  planned: { fr: 'prévu', en: 'planned' },
  ended: { fr: 'terminé', en: 'ended' },
};

/** A colon with French spacing (a no-break space before it) or English spacing. */
const colon = (lang: WidgetLang) => (lang === 'fr' ? '\u00a0:' : ':');

/** Default share above which a single-supplier input is critical (the SDK's and the CLI's default). */
const CRITICAL_THRESHOLD = 0.3;

/**
 * Only absolute http(s) URLs without credentials become links: `javascript:`, `data:`, `vbscript:`,
 * relative and protocol-relative values (`//host`) fail `new URL` without a base or the protocol check,
 * and `https://bank.example@evil.example` (a look-alike host) is refused for its user part.
 */
export function safeHttpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !url.hostname) return undefined;
  return url;
}

/** What the card reads from a loaded document, computed once per document (and audience). */
interface Prepared {
  /** Who the card is shown to (the page's `<toile-data audience>`). */
  audience: Audience;
  /** Edges the analyses count: active flows the audience may see (the CLI's default filter). */
  mask: Uint8Array;
  anchoring: AnchoringResult;
  critical: Map<string, CriticalDependency[]>;
  sources: Map<string, Source>;
  /** Base unit of the quantity shares. */
  quantityUnit: string;
}

const preparedFor = new WeakMap<LoadedToile, Prepared>();

function prepare(loaded: LoadedToile, audience: Audience): Prepared {
  const cached = preparedFor.get(loaded);
  if (cached && cached.audience === audience) return cached;
  const { document: doc, index } = loaded;
  const mask = edgeMask(index, { statuses: ['active'] });
  // Records the page did not opt into never count, even if a provider left them in the document.
  for (let e = 0; e < mask.length; e++) {
    if (mask[e] && !isVisibleTo(doc.flows[index.edgeFlow[e]!]!.confidentiality, audience)) mask[e] = 0;
  }
  const quantities = edgeQuantities(doc, index);
  const anchoring = localAnchoring(doc, index, { mask, quantities, dimension: 'mass' });
  const critical = new Map<string, CriticalDependency[]>();
  for (const entry of criticalDependencies(doc, index, { mask, threshold: CRITICAL_THRESHOLD }).entries) {
    const list = critical.get(entry.establishment);
    if (list) list.push(entry);
    else critical.set(entry.establishment, [entry]);
  }
  const sources = new Map((doc.meta.sources ?? []).map((s) => [s.id, s]));
  const prepared: Prepared = { audience, mask, anchoring, critical, sources, quantityUnit: BASE_UNITS.mass };
  preparedFor.set(loaded, prepared);
  return prepared;
}

/** One partner of a flow kind, with the flows exchanged with it. */
interface PartnerGroup {
  id: string;
  name: string;
  external: boolean;
  flows: Flow[];
  /** Known value of the flows (€/yr), for ordering. */
  value: number;
}

type Formatters = { number: Intl.NumberFormat; euros: Intl.NumberFormat; percent: Intl.NumberFormat; share: Intl.NumberFormat };
const formatters = new Map<WidgetLang, Formatters>();
function formattersFor(lang: WidgetLang): Formatters {
  let f = formatters.get(lang);
  if (!f) {
    f = {
      number: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }),
      euros: new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }),
      // Anchoring shares to one decimal, as `toile stats` prints them.
      share: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }),
    };
    formatters.set(lang, f);
  }
  return f;
}

/**
 * The card of one establishment: name, sector (NAF code and label), workforce, address, ESS badge,
 * status, sources and validation; its productive capabilities (process from the process vocabulary,
 * products, capacity, certifications, spare capacity offered to others); its suppliers and customers
 * grouped by flow kind with volumes and values; its local anchoring and critical dependencies, both computed by the SDK
 * (`localAnchoring`, `criticalDependencies` over the active flows, as `toile stats` does) once per
 * loaded document. Each partner is a link (`partner-href`): a plain click selects it for every
 * widget of the same `<toile-data>`, a ctrl/middle click opens its address in a new tab. Never loads cytoscape.
 *
 * Shows the establishment named by `establishment`, else the shared selection of its `<toile-data>`.
 * Records above the page's audience (`<toile-data audience>`) are never shown nor counted.
 *
 * @tag toile-company-card
 * @event toile-select - a partner was chosen; `detail: { id }` (bubbles, composed, cancelable:
 *   cancelling it keeps the shared selection as it is).
 * @csspart card - the card (an `article`).
 * @csspart heading - the establishment's name (`h2`).
 * @csspart badges - the line of badges under the name.
 * @csspart badge - every badge (ESS, outside the territory, closed or planned).
 * @csspart badge-ess - the ESS badge.
 * @csspart badge-status - the closed / planned badge.
 * @csspart facts - the list of facts (activity, workforce, address, sources, validation…).
 * @csspart validation - the validation status.
 * @csspart website - the web site link.
 * @csspart section - each section (capabilities, suppliers, customers, anchoring, critical dependencies).
 * @csspart capabilities - the productive capabilities section (shown only when there are some).
 * @csspart capability - each capability.
 * @csspart process - the process of a capability, named from the process vocabulary.
 * @csspart spare - the spare capacity of a capability, offered to others (share, amount, period).
 * @csspart kind - each group of partners of one flow kind.
 * @csspart partner - each partner link.
 * @csspart external - the “outside the territory” marker (beside a partner, or as a badge).
 * @csspart volume - the quantity and value of a flow.
 * @csspart bar - the track of an anchoring bar.
 * @csspart bar-fill - the filled part of an anchoring bar (the local share).
 * @csspart critical - each critical dependency.
 * @csspart status - the loading, empty and error messages.
 * @cssproperty --toile-color-background - background (light default #ffffff, dark #12161d).
 * @cssproperty --toile-color-text - text colour.
 * @cssproperty --toile-color-muted - secondary text.
 * @cssproperty --toile-color-accent - partner links, other links, badges and bars.
 * @cssproperty --toile-color-border - card border and bar tracks.
 * @cssproperty --toile-color-danger - error messages and the critical-dependency marker.
 * @cssproperty --toile-radius - corner radius.
 * @cssproperty --toile-font-family - font.
 * @cssproperty --toile-font-size - base font size.
 * @cssproperty --toile-company-card-padding - inner spacing of the card (default 1em 1.25em).
 * @cssproperty --toile-company-card-max-width - widest the card grows (default 46em).
 * @cssproperty --toile-company-card-bar-color - filled part of the anchoring bars (default: the accent colour).
 * @cssproperty --toile-company-card-bar-track - empty part of the anchoring bars (default: the border colour).
 * @cssproperty --toile-company-card-spare-color - marker and label of a spare capacity (default: the accent colour).
 */
export class ToileCompanyCard extends ToileElement {
  static override styles = [tokens, controls, companyCardStyles];

  /** Id of the establishment to show; without it, the shared selection is shown. */
  @property({ reflect: true }) establishment: string | null = null;
  /** Id of the `<toile-data>` to use when the card is not inside it. */
  @property({ reflect: true }) source: string | null = null;
  /**
   * Address of a partner's card, `{id}` standing for its id (URL-encoded): partners are links that
   * open in a new tab with the browser's usual gestures, while a plain click selects in place.
   * Default `?id={id}` (this page, with the partner selected by a page that reads `?id=`).
   */
  @property({ attribute: 'partner-href' }) partnerHref = '?id={id}';

  private readonly data = new DataController(this);
  /** False until the provider has been looked up: “no data source” must not flash before that. */
  private lookedUp = false;
  /** Language of the data (`meta.language`) when it differs from the element's: marks data text (item labels, sources…). */
  private dataLang: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void customElements.whenDefined('toile-data').then(() => {
      this.lookedUp = true;
      this.requestUpdate();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A later change of `source` points the card to another <toile-data> (the first is found on connect).
    if (changed.has('source') && changed.get('source') !== undefined) this.data.attach();
  }

  protected override updated(): void {
    // Bar widths go through the CSSOM, not a style attribute, so that a strict CSP (no inline styles) allows them.
    for (const fill of this.renderRoot.querySelectorAll<HTMLElement>('.bar-fill[data-width]')) fill.style.inlineSize = fill.dataset['width']!;
  }

  /** The establishment shown now (`establishment`, else the shared selection), or null. */
  get shownId(): string | null {
    return this.establishment ?? this.data.provider?.selected ?? null;
  }

  /** Local anchoring of the establishment shown, as the SDK computes it (null when unknown or outside). */
  get anchoring(): Anchoring | null {
    const found = this.current();
    return found ? (found.prepared.anchoring.establishments[found.node] ?? null) : null;
  }

  /** Critical dependencies of the establishment shown, as the SDK computes them, most critical first. */
  get dependencies(): readonly CriticalDependency[] {
    const found = this.current();
    return found ? (found.prepared.critical.get(found.establishment.id) ?? []) : [];
  }

  /** Productive capabilities of the establishment shown that the page's audience may see, as listed. */
  get capabilities(): readonly Capability[] {
    const found = this.current();
    return found ? visibleCapabilities(found.establishment.capabilities, found.prepared.audience) : [];
  }

  /** The kit's one audience rule (an unknown audience is the public). */
  private audience(): Audience {
    return readAudience(this.data.provider?.audience);
  }

  private current(): { loaded: LoadedToile; prepared: Prepared; node: number; establishment: Establishment } | undefined {
    const loaded = this.data.provider?.value;
    const id = this.shownId;
    if (!loaded || !id) return undefined;
    const audience = this.audience();
    const node = loaded.index.nodeOf.get(id);
    const establishment = node === undefined ? undefined : loaded.document.establishments[node];
    if (node === undefined || !establishment || !isVisibleTo(establishment.confidentiality, audience)) return undefined;
    return { loaded, prepared: prepare(loaded, audience), node, establishment };
  }

  /** The address of a partner's card: `partner-href` with `{id}` replaced (URL-encoded). */
  private partnerLink(id: string): string {
    return (this.partnerHref || '?id={id}').replaceAll('{id}', encodeURIComponent(id));
  }

  /**
   * A plain click (or Enter) selects the partner in place; a click with a modifier key (new tab,
   * new window, download) is left to the browser, which opens the partner's address.
   */
  private onPartnerClick(event: MouseEvent, id: string): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.choose(id);
  }

  private choose(id: string): void {
    const provider = this.data.provider;
    if (!this.emit('toile-select', { id })) return;
    provider?.select(id);
    // The button pressed is gone once the card shows the partner: keep keyboard users on the card.
    if (this.shownId === id) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
    }
  }

  protected override render() {
    const lang = this.language;
    const provider = this.data.provider;
    if (!provider) return this.lookedUp ? this.status(T.noProvider[lang], true) : this.status(T.loading[lang], false);
    const loaded = provider.value;
    if (!loaded) return provider.failed ? this.status(T.failed[lang], true) : this.status(T.loading[lang], false);
    const id = this.shownId;
    if (!id) return html`<p part="status" class="status">${T.choose[lang]}</p>`;
    const found = this.current();
    if (!found) return this.status(`${T.unknown[lang]}${colon(lang)} ${lang === 'fr' ? `« ${id} »` : `“${id}”`}`, true);
    return this.renderCard(found.loaded, found.prepared, found.node, found.establishment, lang);
  }

  private status(message: string, error: boolean): TemplateResult {
    return error ? html`<p part="status" class="status error" role="alert">${message}</p>` : html`<p part="status" class="status" role="status">${message}</p>`;
  }

  private renderCard(loaded: LoadedToile, prepared: Prepared, node: number, e: Establishment, lang: WidgetLang): TemplateResult {
    const { index, document: doc } = loaded;
    const docLang = (doc.meta.language ?? 'fr').slice(0, 2);
    this.dataLang = docLang === lang ? undefined : docLang;
    const { audience } = prepared;
    const visible = (f: Flow) => isVisibleTo(f.confidentiality, audience);
    const partnerOf = (nodeOfPartner: number) => doc.establishments[nodeOfPartner]!;
    const inflows: { flow: Flow; partner: number }[] = [];
    const outflows: { flow: Flow; partner: number }[] = [];
    for (let k = index.inOffsets[node]!; k < index.inOffsets[node + 1]!; k++) {
      const edge = index.inEdges[k]!;
      const flow = doc.flows[index.edgeFlow[edge]!]!;
      const partner = index.edgeSource[edge]!;
      if (visible(flow) && isVisibleTo(partnerOf(partner).confidentiality, audience)) inflows.push({ flow, partner });
    }
    for (let k = index.outOffsets[node]!; k < index.outOffsets[node + 1]!; k++) {
      const edge = index.outEdges[k]!;
      const flow = doc.flows[index.edgeFlow[edge]!]!;
      const partner = index.edgeTarget[edge]!;
      if (visible(flow) && isVisibleTo(partnerOf(partner).confidentiality, audience)) outflows.push({ flow, partner });
    }
    const titleId = 'toile-card-title';
    return html`<article part="card" class="card" aria-labelledby=${titleId}>
      <h2 part="heading" id=${titleId} tabindex="-1">${e.name}</h2>
      ${this.renderBadges(e, lang)} ${this.renderFacts(e, prepared, lang)}
      ${e.description ? html`<p class="description" lang=${ifDefined(this.dataLang)}>${e.description}</p>` : nothing}
      ${renderCapabilities(e.capabilities, { lang, audience, dataLang: this.dataLang })}
      <section part="section" class="suppliers" aria-labelledby="toile-card-suppliers">
        <h3 id="toile-card-suppliers">${T.suppliers[lang]}</h3>
        ${this.renderGroups(inflows, doc.establishments, index.external, T.noSupplier[lang], lang)}
      </section>
      <section part="section" class="customers" aria-labelledby="toile-card-customers">
        <h3 id="toile-card-customers">${T.customers[lang]}</h3>
        ${this.renderGroups(outflows, doc.establishments, index.external, T.noCustomer[lang], lang)}
      </section>
      ${this.renderAnchoring(e, prepared.anchoring.establishments[node] ?? null, prepared.quantityUnit, lang)}
      ${e.external ? nothing : this.renderCritical(prepared.critical.get(e.id) ?? [], doc.establishments, index.nodeOf, lang)}
    </article>`;
  }

  private renderBadges(e: Establishment, lang: WidgetLang): TemplateResult | typeof nothing {
    const status = e.status === 'closed' || e.status === 'planned' ? e.status : undefined;
    if (!e.ess && !e.external && !status) return nothing;
    return html`<p part="badges" class="badges">
      ${e.ess ? html`<span part="badge badge-ess" class="badge"><abbr title=${T.ess[lang]}>${T.essShort[lang]}</abbr></span>` : nothing}
      ${e.external ? html`<span part="badge external" class="badge">${T.external[lang]}</span>` : nothing}
      ${status ? html`<span part="badge badge-status" class="badge status-${status}">${ESTABLISHMENT_STATUS[status][lang]}</span>` : nothing}
    </p>`;
  }

  private renderFacts(e: Establishment, prepared: Prepared, lang: WidgetLang): TemplateResult {
    const f = formattersFor(lang);
    const nafLabel = e.naf ? getNafLabel(e.naf) : undefined;
    const website = safeHttpUrl(e.website);
    const place = [e.location?.postcode, e.location?.city].filter(Boolean).join(' ');
    let country: string | undefined;
    if (e.location?.country && e.external) {
      try {
        country = new Intl.DisplayNames([lang], { type: 'region' }).of(e.location.country);
      } catch {
        country = e.location.country;
      }
    }
    const address = [e.location?.address, place, country].filter((x): x is string => Boolean(x));
    const sources = (e.sources ?? []).map((s) => prepared.sources.get(s)?.label ?? s);
    const fact = (label: string, value: unknown, cls = '') =>
      html`<div class=${cls}>
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`;
    return html`<dl part="facts" class="facts">
      ${
        e.naf
          ? fact(
              T.sector[lang],
              // The NAF vocabulary has French labels only: in English the label is marked as French.
              html`<span class="code">${e.naf}</span>${nafLabel ? html` · ${lang === 'fr' ? nafLabel : html`<span lang="fr">${nafLabel}</span>`}` : nothing}`,
              'naf',
            )
          : nothing
      }
      ${e.sectors?.length ? fact(T.sectors[lang], html`<span lang=${ifDefined(this.dataLang)}>${e.sectors.join(', ')}</span>`, 'sectors') : nothing}
      ${
        e.employees !== undefined
          ? fact(T.workforce[lang], `${f.number.format(e.employees)} ${e.employees === 1 ? T.employee[lang] : T.employees[lang]}`, 'employees')
          : nothing
      }
      ${address.length ? fact(T.location[lang], address.join(', '), 'location') : nothing} ${e.siret ? fact(T.siret[lang], e.siret, 'siret') : nothing}
      ${
        website
          ? fact(
              T.website[lang],
              html`<a part="website" href=${website.href} target="_blank" rel="noopener noreferrer"
                >${website.host}<span class="visually-hidden"> ${T.newTab[lang]}</span></a
              >`,
              'website',
            )
          : nothing
      }
      ${fact(T.sources[lang], sources.length ? html`<span lang=${ifDefined(this.dataLang)}>${sources.join(' ; ')}</span>` : T.noSource[lang], 'sources')}
      ${fact(
        T.validation[lang],
        html`<span part="validation" class=${e.validated ? 'validation validated' : 'validation'} data-validated=${e.validated ? 'true' : 'false'}
          >${e.validated ? '✓ ' : ''}${e.validated ? T.validated[lang] : T.notValidated[lang]}</span
        >`,
        'validation',
      )}
    </dl>`;
  }

  private renderGroups(
    flows: readonly { flow: Flow; partner: number }[],
    establishments: readonly Establishment[],
    external: Uint8Array,
    empty: string,
    lang: WidgetLang,
  ): TemplateResult | TemplateResult[] {
    if (flows.length === 0) return html`<p class="empty">${empty}</p>`;
    const byKind = new Map<FlowKind, Map<number, PartnerGroup>>();
    for (const { flow, partner } of flows) {
      let groups = byKind.get(flow.kind);
      if (!groups) byKind.set(flow.kind, (groups = new Map()));
      let group = groups.get(partner);
      if (!group) {
        const p = establishments[partner]!;
        groups.set(partner, (group = { id: p.id, name: p.name, external: external[partner] === 1, flows: [], value: 0 }));
      }
      group.flows.push(flow);
      group.value += flow.valueEur ?? 0;
    }
    const collator = new Intl.Collator(lang);
    return FLOW_KINDS.filter((k) => byKind.has(k)).map((kind) => {
      const groups = [...byKind.get(kind)!.values()].sort((a, b) => b.value - a.value || collator.compare(a.name, b.name));
      return html`<div part="kind" class="kind" data-kind=${kind}>
        <h4>${KIND_LABELS[kind][lang]}</h4>
        <ul>
          ${groups.map(
            (g) =>
              html`<li data-partner=${g.id}>
                <a part="partner" class="partner" href=${this.partnerLink(g.id)} @click=${(e: MouseEvent) => this.onPartnerClick(e, g.id)}>${g.name}</a>
                ${g.external ? html`<span part="external" class="external">(${T.external[lang]})</span>` : nothing}
                <ul class="items">
                  ${g.flows.map((f) => this.renderFlow(f, lang))}
                </ul>
              </li>`,
          )}
        </ul>
      </div>`;
    });
  }

  private renderFlow(flow: Flow, lang: WidgetLang): TemplateResult {
    const f = formattersFor(lang);
    const parts: string[] = [];
    if (flow.quantity) parts.push(`${f.number.format(flow.quantity.value)} ${getUnit(flow.quantity.unit)?.label[lang] ?? flow.quantity.unit}`);
    if (flow.valueEur !== undefined) parts.push(`${f.euros.format(flow.valueEur)}${T.perYear[lang]}`);
    const status = flow.status && flow.status !== 'active' ? FLOW_STATUS[flow.status][lang] : undefined;
    return html`<li data-flow=${flow.id}>
      ${
        flow.item?.label
          ? html`<span class="item" lang=${ifDefined(this.dataLang)}>${flow.item.label}</span>`
          : html`<span class="item">${KIND_LABELS[flow.kind][lang]}</span>`
      }${
        parts.length ? html` — <span part="volume" class="volume">${parts.join(' · ')}</span>` : nothing
      }${status ? html` <span class="flow-status">(${status})</span>` : nothing}
    </li>`;
  }

  private renderAnchoring(e: Establishment, a: Anchoring | null, quantityUnit: string, lang: WidgetLang): TemplateResult {
    const f = formattersFor(lang);
    let body: TemplateResult;
    if (e.external) body = html`<p class="empty">${T.externalAnchoring[lang]}</p>`;
    else if (!a || !a.flows) body = html`<p class="empty">${T.noAnchoring[lang]}</p>`;
    else {
      const total = a.flowCount.local + a.flowCount.external;
      const unit = getUnit(quantityUnit)?.label[lang] ?? quantityUnit;
      body = html`<p class="intro">${T.anchoringIntro[lang]}</p>
        <dl class="shares">
          ${this.renderShare('flows', T.byFlows[lang], a.flows, `${f.number.format(a.flowCount.local)} ${T.flowsOf[lang]} ${f.number.format(total)}`, lang)}
          ${this.renderShare('value', T.byValue[lang], a.value, '', lang)}
          ${this.renderShare('quantity', `${T.byQuantity[lang]} (${unit})`, a.quantity, '', lang)}
        </dl>
        ${a.value || a.quantity ? html`<p class="note">${T.knownOnly[lang]}</p>` : nothing}`;
    }
    return html`<section part="section" class="anchoring" aria-labelledby="toile-card-anchoring">
      <h3 id="toile-card-anchoring">${T.anchoring[lang]}</h3>
      ${body}
    </section>`;
  }

  private renderShare(measure: 'flows' | 'value' | 'quantity', label: string, shares: Shares | null, detail: string, lang: WidgetLang): TemplateResult {
    const f = formattersFor(lang);
    return html`<div class="share" data-measure=${measure} data-local=${shares ? String(shares.local) : ''}>
      <dt>${label}</dt>
      <dd>
        ${
          shares
            ? html`<span part="bar" class="bar" aria-hidden="true"
                  ><span part="bar-fill" class="bar-fill" data-width=${`${(shares.local * 100).toFixed(2)}%`}></span></span
                ><span class="share-text">${f.share.format(shares.local)}${detail ? html` <span class="detail">(${detail})</span>` : nothing}</span>`
            : html`<span class="share-text unknown">${T.unknownShare[lang]}</span>`
        }
      </dd>
    </div>`;
  }

  private renderCritical(
    entries: readonly CriticalDependency[],
    establishments: readonly Establishment[],
    nodeOf: ReadonlyMap<string, number>,
    lang: WidgetLang,
  ): TemplateResult {
    const f = formattersFor(lang);
    return html`<section part="section" class="critical" aria-labelledby="toile-card-critical">
      <h3 id="toile-card-critical">${T.critical[lang]}</h3>
      <p class="intro">${T.criticalIntro[lang]} ${f.percent.format(CRITICAL_THRESHOLD)} ${T.criticalIntroEnd[lang]}</p>
      ${
        entries.length === 0
          ? html`<p class="empty">${T.noCritical[lang]}</p>`
          : html`<ul>
              ${entries.map((d) => {
                const supplier = establishments[nodeOf.get(d.supplier) ?? -1];
                return html`<li part="critical" class="critical-entry" data-input=${d.input} data-share=${String(d.share)}>
                  <strong class="share">${f.percent.format(d.share)}</strong> ${T.dependsOn[lang]}${colon(lang)}
                  <a part="partner" class="partner" href=${this.partnerLink(d.supplier)} @click=${(e: MouseEvent) => this.onPartnerClick(e, d.supplier)}
                    >${supplier?.name ?? d.supplier}</a
                  >
                  ${d.supplierExternal ? html`<span part="external" class="external">(${T.external[lang]})</span>` : nothing} —
                  <span class="item" lang=${ifDefined(d.label ? this.dataLang : undefined)}>${d.label ?? d.input}</span>
                  <span class="basis">(${d.shareSource === 'given' ? T.shareGiven[lang] : T.shareValue[lang]})</span>
                </li>`;
              })}
            </ul>`
      }
    </section>`;
  }
}
