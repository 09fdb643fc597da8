import { html, nothing, svg, type TemplateResult } from 'lit';
import type { WidgetLang as Lang } from '../base/i18n.ts';
import { overlayLegend, type NetworkOverlayLegend } from './legend.ts';
import { T } from './text.ts';

/** What the stage shows around cytoscape's canvas. */
export interface StageInput {
  lang: Lang;
  loaded: boolean;
  withBasemap: boolean;
  basemapAttribution: string | null;
  /** The territory outline as an SVG path in drawing units ('' for none). */
  outline: string;
  /** The view's pan and zoom, for the outline. */
  view: { x: number; y: number; zoom: number };
  overlay: { legend: NetworkOverlayLegend; reached: number } | undefined;
}

/**
 * The stage: basemap, territory outline, cytoscape's canvas, the overlay and label layers (both
 * drawn outside Lit), the basemap's credit and the overlay's legend.
 */
export function stage(s: StageInput): TemplateResult {
  const { x, y, zoom } = s.view;
  const outline = s.outline
    ? html`<svg part="outline" class="outline" aria-hidden="true">
        <g transform="translate(${x} ${y}) scale(${zoom})">${svg`<path d=${s.outline}></path>`}</g>
      </svg>`
    : nothing;
  return html`<div part="stage" class="stage">
    ${s.withBasemap ? html`<div part="basemap" class="basemap" aria-hidden="true"></div>` : nothing} ${outline}
    ${s.loaded ? nothing : html`<p class="loading">${T.loading[s.lang]}</p>`}
    <!-- cytoscape owns this element's children: nothing of Lit's goes inside. -->
    <div part="canvas" class="canvas" role="img" aria-label=${T.canvas[s.lang]}></div>
    <canvas part="overlay" class="overlay-layer" aria-hidden="true"></canvas>
    <!-- Filled by drawLabelLayer, outside Lit's rendering. -->
    <svg part="labels" class="label-layer" aria-hidden="true"></svg>
    ${s.withBasemap && s.basemapAttribution ? html`<p part="attribution" class="attribution">${s.basemapAttribution}</p>` : nothing}
    ${s.overlay ? overlayLegend(s.lang, s.overlay.legend, s.overlay.reached) : nothing}
  </div>`;
}
