import { html, nothing, svg, type TemplateResult } from 'lit';
import { FLOW_KINDS, FLOW_STATUS_LABELS, type FlowKind, type FlowStatus } from '@toile/schema';
import { FLOW_STATUSES } from '@toile/sdk';
import { KIND_LABELS } from '../base/kinds.ts';
import { EXTERNAL, NEUTRAL, OTHER_SECTOR, SECTOR_PALETTE, overlayColour, type SectorColours } from './palette.ts';

type Lang = 'fr' | 'en';

export const LEGEND_TEXT = {
  sectors: { fr: 'Secteurs (couleur)', en: 'Sectors (colour)' },
  otherSectors: { fr: 'autres secteurs', en: 'other sectors' },
  kinds: { fr: 'Types de flux', en: 'Flow kinds' },
  statuses: { fr: 'Statut des flux', en: 'Flow status' },
  shapes: { fr: 'Lecture', en: 'Reading' },
  inside: { fr: 'établissement du territoire', en: 'establishment of the territory' },
  outside: { fr: 'partenaire extérieur, sur le pourtour dans sa direction', en: 'outside partner, on the rim in its direction' },
  sizeEmployees: { fr: 'taille : effectifs', en: 'size: employees' },
  sizeValue: { fr: 'taille : valeur échangée', en: 'size: exchanged value' },
  widthValue: { fr: 'épaisseur : valeur annuelle des flux (€)', en: 'width: yearly value of the flows (€)' },
  widthCount: { fr: 'épaisseur : nombre de flux', en: 'width: number of flows' },
  notReached: { fr: 'non atteint', en: 'not reached' },
  reached: { fr: 'établissements atteints', en: 'establishments reached' },
  overlay: { fr: 'Part touchée', en: 'Share affected' },
  steppedBack: { fr: 'couleurs des secteurs en retrait pendant la superposition', en: 'sector colours set back while the overlay is shown' },
} as const;

/** The legend of an overlay: what the values mean and the words at both ends of the scale. */
export interface NetworkOverlayLegend {
  /** What is painted (default "Share affected", in the element's language). */
  title?: string;
  /** Word or value at 0 (default "0 %"). */
  low?: string;
  /** Word or value at 1 (default "100 %"). */
  high?: string;
  /** Words for the establishments without a value (default "not reached", in the element's language). */
  none?: string;
}

const dot = (fill: string, r = 5, className = '') =>
  html`<svg class="key ${className}" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
    ${svg`<circle cx="7" cy="7" r=${r} fill=${fill}></circle>`}
  </svg>`;

/** The overlay's legend: its scale (cividis), the ends' words and "not reached". */
export function overlayLegend(lang: Lang, legend: NetworkOverlayLegend, reached: number): TemplateResult {
  const stops = Array.from({ length: 9 }, (_, i) => i / 8);
  return html`<div part="overlay-legend" class="overlay-legend" role="group" aria-label=${legend.title ?? LEGEND_TEXT.overlay[lang]}>
    <strong>${legend.title ?? LEGEND_TEXT.overlay[lang]}</strong>
    <span class="scale">
      <span class="end">${legend.low ?? '0 %'}</span>
      <svg width="120" height="12" viewBox="0 0 120 12" aria-hidden="true">
        ${svg`<defs><linearGradient id="toile-overlay-scale">${stops.map((t) => svg`<stop offset=${t} stop-color=${overlayColour(t)}></stop>`)}</linearGradient></defs>
        <rect width="120" height="12" rx="2" fill="url(#toile-overlay-scale)"></rect>`}
      </svg>
      <span class="end">${legend.high ?? '100 %'}</span>
    </span>
    <span>${dot(NEUTRAL)} ${legend.none ?? LEGEND_TEXT.notReached[lang]}</span>
    <span class="count">${reached} ${LEGEND_TEXT.reached[lang]}</span>
  </div>`;
}

export interface LegendInput {
  lang: Lang;
  sectors: SectorColours;
  hiddenSectors: ReadonlySet<number>;
  hiddenKinds: ReadonlySet<FlowKind>;
  hiddenStatuses: ReadonlySet<FlowStatus>;
  sizeBy: 'employees' | 'value' | 'none';
  widthBy: 'value' | 'count';
  overlay: boolean;
  toggleSector(index: number): void;
  toggleKind(kind: FlowKind): void;
  toggleStatus(status: FlowStatus): void;
}

/** The legend, whose entries are also the filters (flow kinds, statuses, sectors). */
export function legend(input: LegendInput): TemplateResult {
  const { lang } = input;
  const sectors = [
    ...input.sectors.named.map((n) => ({ label: n.sector, index: n.index, count: n.count })),
    ...(input.sectors.others ? [{ label: LEGEND_TEXT.otherSectors[lang], index: OTHER_SECTOR, count: input.sectors.others }] : []),
  ];
  return html`<fieldset>
      <legend>${LEGEND_TEXT.kinds[lang]}</legend>
      ${FLOW_KINDS.map((k) => html`<label><input type="checkbox" .checked=${!input.hiddenKinds.has(k)} @change=${() => input.toggleKind(k)} /><span class="swatch kind-${k}"></span>${KIND_LABELS[k][lang]}</label>`)}
    </fieldset>
    <fieldset>
      <legend>${LEGEND_TEXT.statuses[lang]}</legend>
      ${FLOW_STATUSES.map((s) => html`<label><input type="checkbox" .checked=${!input.hiddenStatuses.has(s)} @change=${() => input.toggleStatus(s)} /><span class="swatch ${s === 'active' ? '' : 'dashed'}"></span>${FLOW_STATUS_LABELS[s][lang]}</label>`)}
    </fieldset>
    <fieldset class="sectors ${input.overlay ? 'stepped-back' : ''}">
      <legend>${LEGEND_TEXT.sectors[lang]}</legend>
      ${sectors.map((s) => html`<label><input type="checkbox" .checked=${!input.hiddenSectors.has(s.index)} @change=${() => input.toggleSector(s.index)} />${dot(input.overlay ? NEUTRAL : SECTOR_PALETTE[s.index]!)}${s.label} <span class="count">${s.count}</span></label>`)}
      ${input.overlay ? html`<span class="note">${LEGEND_TEXT.steppedBack[lang]}</span>` : nothing}
    </fieldset>
    <p class="shapes">
      <span>${dot('#8a8f98')} ${LEGEND_TEXT.inside[lang]}</span>
      <span
        ><svg class="key" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          ${svg`<path d="M7 1 13 7 7 13 1 7Z" fill="none" stroke=${EXTERNAL} stroke-dasharray="2 1.5"></path>`}
        </svg>
        ${LEGEND_TEXT.outside[lang]}</span
      >
      ${input.sizeBy === 'none' ? nothing : html`<span>${dot('#8a8f98', 3)}${dot('#8a8f98', 6.5)} ${input.sizeBy === 'value' ? LEGEND_TEXT.sizeValue[lang] : LEGEND_TEXT.sizeEmployees[lang]}</span>`}
      <span
        ><svg class="key wide" width="34" height="14" viewBox="0 0 34 14" aria-hidden="true">
          ${svg`<path d="M2 3H32" stroke="#8a8f98" stroke-width="1.5"></path><path d="M2 10H32" stroke="#8a8f98" stroke-width="5"></path>`}
        </svg>
        ${input.widthBy === 'value' ? LEGEND_TEXT.widthValue[lang] : LEGEND_TEXT.widthCount[lang]}</span
      >
    </p>`;
}

/** A copy of `set` with `item` added, or removed when it was there (a legend entry clicked). */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
