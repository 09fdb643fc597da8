import { html, type TemplateResult } from 'lit';
import type { Core } from 'cytoscape';
import { T } from './text.ts';
import type { LargeView } from './large-view.ts';
import { KINSHIP_TEXT } from './kinship.ts';

type Layout = 'geo' | 'force' | 'sector' | 'chain';
/** What node colour stands for. */
export type ColorBy = 'sector' | 'kinship';

/** What the toolbar shows and what its controls do. */
export interface ToolbarInput {
  lang: 'fr' | 'en';
  layout: Layout;
  depth: number;
  showExternal: boolean;
  colorBy: ColorBy;
  zoomBy(factor: number): void;
  fit(): void;
  setLayout(layout: Layout): void;
  setDepth(depth: number): void;
  setShowExternal(show: boolean): void;
  setColorBy(colorBy: ColorBy): void;
  download(format: 'png' | 'svg'): void;
}

/** The network's toolbar: zoom, fit, layout, depth, colour, outside partners, export. */
export function toolbar(o: ToolbarInput): TemplateResult {
  const { lang } = o;
  return html`<div part="toolbar" class="toolbar">
    <button type="button" @click=${() => o.zoomBy(1.25)} aria-label=${T.zoomIn[lang]}>+</button>
    <button type="button" @click=${() => o.zoomBy(1 / 1.25)} aria-label=${T.zoomOut[lang]}>−</button>
    <button type="button" @click=${() => o.fit()}>${T.fit[lang]}</button>
    <label
      >${T.layout[lang]}
      <select .value=${o.layout} @change=${(e: Event) => o.setLayout((e.target as HTMLSelectElement).value as Layout)}>
        ${(['geo', 'force', 'sector', 'chain'] as const).map((l) => html`<option value=${l} ?selected=${o.layout === l}>${T[l][lang]}</option>`)}
      </select></label
    >
    <label
      >${T.depth[lang]}
      <select @change=${(e: Event) => o.setDepth(Number((e.target as HTMLSelectElement).value))}>
        ${[1, 2, 3, 4, 5].map((d) => html`<option value=${d} ?selected=${o.depth === d}>${d}</option>`)}
      </select></label
    >
    <label
      >${KINSHIP_TEXT.colour[lang]}
      <select class="color-by" @change=${(e: Event) => o.setColorBy((e.target as HTMLSelectElement).value as ColorBy)}>
        <option value="sector" ?selected=${o.colorBy === 'sector'}>${KINSHIP_TEXT.sectors[lang]}</option>
        <option value="kinship" ?selected=${o.colorBy === 'kinship'}>${KINSHIP_TEXT.mode[lang]}</option>
      </select></label
    >
    <label
      ><input type="checkbox" .checked=${o.showExternal} @change=${(e: Event) => o.setShowExternal((e.target as HTMLInputElement).checked)} />
      ${T.external[lang]}</label
    >
    <button type="button" @click=${() => o.download('png')}>${T.png[lang]}</button>
    <button type="button" @click=${() => o.download('svg')}>${T.svg[lang]}</button>
  </div>`;
}

/** The status line's counts: what is drawn, or how the aggregated view groups the establishments. */
export function statusCounts(lang: 'fr' | 'en', cy: Core, large: LargeView | undefined): string {
  const number = (v: number) => v.toLocaleString(lang);
  const aggregation = large?.aggregation;
  if (large && aggregation) {
    return `${number(large.model.ids.length)} ${T.establishments[lang]} : ${number(aggregation.clusters.length)} ${T.groups[lang]}, ${number(aggregation.individual)} ${T.oneByOne[lang]} — ${T.openHint[lang]}`;
  }
  const flows = cy.edges().reduce((n, e) => n + ((e.data('count') as number) ?? 1), 0);
  return `${cy.nodes().length} ${T.shown[lang]} ${flows} ${T.flows[lang]}`;
}
