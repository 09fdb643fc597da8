import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FLOW_KINDS, getNafLabel, getUnit, type Establishment, type Flow } from '@toile/schema';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { DataController } from '../data/data-controller.ts';
import { companyCardStyles } from './company-card.styles.ts';
import { KIND_LABELS } from '../base/kinds.ts';

const T = {
  choose: { fr: 'Choisissez un établissement.', en: 'Choose an establishment.' },
  unknown: { fr: 'Établissement introuvable', en: 'Establishment not found' },
  employees: { fr: 'salariés', en: 'employees' },
  external: { fr: 'hors territoire', en: 'outside the territory' },
  ess: { fr: 'ESS', en: 'Social economy' },
  suppliers: { fr: 'Fournisseurs', en: 'Suppliers' },
  customers: { fr: 'Clients', en: 'Customers' },
  none: { fr: 'Aucun flux connu.', en: 'No known flow.' },
  anchoring: { fr: 'Ancrage local', en: 'Local anchoring' },
  anchoringText: { fr: 'des flux avec des établissements du territoire', en: 'of flows with establishments of the territory' },
  critical: { fr: 'Dépendances critiques', en: 'Critical dependencies' },
  criticalText: { fr: 'de l’activité dépend de ce seul fournisseur', en: 'of its activity depends on this single supplier' },
  sources: { fr: 'Sources', en: 'Sources' },
  validated: { fr: 'validé en atelier', en: 'validated in a workshop' },
  notValidated: { fr: 'non validé', en: 'not validated' },
  website: { fr: 'Site web', en: 'Web site' },
};

/** Only http(s) links are ever rendered as links. */
function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The card of one establishment: identity, sector, size, place, its suppliers and customers by
 * flow kind, its local anchoring and critical dependencies. Renders without cytoscape.
 *
 * @tag toile-company-card
 * @event toile-select - a partner link was activated; `detail: { id }`.
 * @csspart card - the card body.
 * @cssproperty --toile-color-accent - links and badges.
 */
export class ToileCompanyCard extends ToileElement {
  static override styles = [tokens, companyCardStyles];

  /** Id of the establishment to show; without it, the shared selection is shown. */
  @property({ reflect: true }) establishment: string | null = null;
  /** Id of the `<toile-data>` to use when the card is not inside it. */
  @property({ reflect: true }) source: string | null = null;

  private readonly data = new DataController(this);

  private select(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    const id = this.establishment ?? this.data.provider?.selected ?? null;
    if (!loaded) return nothing;
    if (!id) return html`<div part="card"><p class="empty">${T.choose[lang]}</p></div>`;
    const node = loaded.index.nodeOf.get(id);
    const e: Establishment | undefined = node === undefined ? undefined : loaded.document.establishments[node];
    if (!e || node === undefined) return html`<div part="card" role="alert">${T.unknown[lang]} : ${id}</div>`;
    const { index, document } = loaded;
    const inflows: Flow[] = [];
    const outflows: Flow[] = [];
    for (let k = index.inOffsets[node]!; k < index.inOffsets[node + 1]!; k++) inflows.push(document.flows[index.edgeFlow[index.inEdges[k]!]!]!);
    for (let k = index.outOffsets[node]!; k < index.outOffsets[node + 1]!; k++) outflows.push(document.flows[index.edgeFlow[index.outEdges[k]!]!]!);
    const all = [...inflows, ...outflows];
    const nameOf = (pid: string) => document.establishments[index.nodeOf.get(pid) ?? -1]?.name ?? pid;
    const isExternal = (pid: string) => index.external[index.nodeOf.get(pid) ?? -1] === 1;
    const internal = all.filter((f) => !isExternal(f.from === id ? f.to : f.from)).length;
    const critical = inflows.filter((f) => (f.dependency?.upstream ?? 0) >= 0.3 && inflows.filter((g) => g.item?.code && g.item.code === f.item?.code).length <= 1);
    const website = safeHttpUrl(e.website);
    const naf = e.naf ? getNafLabel(e.naf) : undefined;
    const sources = (e.sources ?? []).map((s) => document.meta.sources?.find((x) => x.id === s)?.label ?? s);
    const place = [e.location?.city, e.location?.postcode].filter(Boolean).join(' ');

    const group = (flows: Flow[], partnerOf: (f: Flow) => string) =>
      flows.length === 0
        ? html`<p class="empty">${T.none[lang]}</p>`
        : FLOW_KINDS.filter((k) => flows.some((f) => f.kind === k)).map(
            (k) => html`<h4>${KIND_LABELS[k][lang]}</h4>
              <ul>
                ${flows
                  .filter((f) => f.kind === k)
                  .map((f) => {
                    const partner = partnerOf(f);
                    const unit = f.quantity ? getUnit(f.quantity.unit)?.label[lang] ?? f.quantity.unit : '';
                    return html`<li>
                      <button class="partner" type="button" @click=${() => this.select(partner)}>${nameOf(partner)}</button>
                      ${f.item?.label ? html` — ${f.item.label}` : nothing}
                      ${f.quantity ? html` (${f.quantity.value.toLocaleString(lang)} ${unit})` : nothing}
                    </li>`;
                  })}
              </ul>`,
          );

    return html`<article part="card" aria-label=${e.name}>
      <h2>${e.name}${e.ess ? html`<span class="badge">${T.ess[lang]}</span>` : nothing}${e.external
          ? html`<span class="badge">${T.external[lang]}</span>`
          : nothing}</h2>
      <p class="meta">
        ${e.naf ? html`${e.naf}${naf ? html` · ${naf}` : nothing}` : nothing}
        ${e.employees !== undefined ? html` · ${e.employees.toLocaleString(lang)} ${T.employees[lang]}` : nothing}
        ${place ? html` · ${place}` : nothing}
      </p>
      ${website ? html`<p><a href=${website} target="_blank" rel="noopener noreferrer">${T.website[lang]}</a></p>` : nothing}
      ${e.description ? html`<p>${e.description}</p>` : nothing}
      <h3>${T.suppliers[lang]}</h3>
      ${group(inflows, (f) => f.from)}
      <h3>${T.customers[lang]}</h3>
      ${group(outflows, (f) => f.to)}
      ${all.length
        ? html`<h3>${T.anchoring[lang]}</h3>
            <p>${Math.round((100 * internal) / all.length)} % ${T.anchoringText[lang]}</p>`
        : nothing}
      ${critical.length
        ? html`<h3>${T.critical[lang]}</h3>
            <ul>
              ${critical.map((f) => html`<li>${nameOf(f.from)} : ${Math.round((f.dependency?.upstream ?? 0) * 100)} % ${T.criticalText[lang]}</li>`)}
            </ul>`
        : nothing}
      <h3>${T.sources[lang]}</h3>
      <p>${sources.length ? sources.join(', ') : '—'} · ${e.validated ? T.validated[lang] : T.notValidated[lang]}</p>
    </article>`;
  }
}
