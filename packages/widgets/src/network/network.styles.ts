import { css } from 'lit';

export const networkStyles = css`
  :host {
    --_height: var(--toile-network-height, 480px);
    --_button-padding: 0.2em 0.6em;
    --_input-padding: 0.25em 0.4em;
    container-type: inline-size;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    align-items: center;
    margin-bottom: 0.4em;
  }
  button {
    font-size: 0.9em;
  }
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  .body {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(12em, 1fr);
    gap: 0.75em;
  }
  .stage {
    height: var(--_height);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    position: relative;
    overflow: hidden;
  }
  .canvas,
  .outline {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .outline,
  .overlay-layer {
    pointer-events: none;
  }
  /* Own stacking contexts: cytoscape gives its canvases z-indexes; the overlay layer stays above. */
  .canvas {
    z-index: 0;
  }
  .overlay-layer {
    z-index: 1;
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  /* Names, captions and halos, in screen pixels, above the graph and its overlay. */
  .label-layer {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    z-index: 2;
    pointer-events: none;
    overflow: hidden;
  }
  .label-layer.moving {
    visibility: hidden;
  }
  .label-layer text {
    font-size: 12px;
    fill: var(--_fg);
    stroke: var(--_bg);
    stroke-width: 3px;
    stroke-linejoin: round;
    paint-order: stroke;
    text-anchor: middle;
  }
  .label-layer text.dim {
    fill: var(--_muted);
    opacity: 0.75;
  }
  .label-layer text.selected,
  .label-layer text.highlighted {
    font-weight: 600;
    fill: var(--_accent);
  }
  .label-layer text.place {
    font-style: italic;
    fill: var(--_muted);
  }
  .label-layer text.group,
  .label-layer text.column {
    font-size: 13px;
    font-weight: 600;
    letter-spacing: 0.02em;
  }
  .label-layer .place-dot {
    fill: var(--_muted);
    stroke: var(--_bg);
    stroke-width: 1px;
  }
  .label-layer .halo {
    fill: none;
    stroke: var(--_accent);
  }
  .label-layer .halo.selected {
    stroke-width: 3px;
  }
  .label-layer .halo.highlighted {
    stroke-width: 2.5px;
    stroke-dasharray: 5 3;
  }
  .label-layer .halo.neighbour {
    stroke-width: 1.5px;
    stroke-opacity: 0.7;
  }
  .overlay-legend {
    position: absolute;
    z-index: 3;
    left: 0.5em;
    bottom: 0.5em;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3em 0.7em;
    max-width: calc(100% - 1em);
    padding: 0.35em 0.6em;
    font-size: 0.8em;
    color: var(--_fg);
    background: color-mix(in srgb, var(--_bg) 92%, transparent);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .kinship-legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 0.9em;
    padding: 0.35em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .kinship-legend p {
    margin: 0;
  }
  .kinship-legend .kinship-message {
    flex-basis: 100%;
  }
  .kinship-legend .note {
    flex-basis: 100%;
  }
  .overlay-legend .scale,
  .kinship-legend .scale {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .key {
    vertical-align: middle;
    margin-inline-end: 0.25em;
    flex: none;
  }
  .sectors.stepped-back label {
    color: var(--_muted);
  }
  .count,
  .note {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .shapes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1em;
  }
  /* Leaflet's own stylesheet is not loaded (it would need a <link> or inline styles): the few rules
     its panes and tiles need to stack and place themselves. */
  .basemap {
    position: absolute;
    inset: 0;
    z-index: 0;
    overflow: hidden;
    pointer-events: none;
  }
  .basemap .leaflet-pane,
  .basemap .leaflet-tile,
  .basemap .leaflet-layer,
  .basemap .leaflet-tile-container {
    position: absolute;
    left: 0;
    top: 0;
  }
  .basemap .leaflet-tile {
    visibility: inherit;
    user-select: none;
    max-width: none;
  }
  .basemap .leaflet-tile-pane {
    z-index: 200;
  }
  .attribution {
    position: absolute;
    z-index: 3;
    right: 0;
    bottom: 0;
    margin: 0;
    padding: 0.1em 0.4em;
    font-size: 0.7em;
    color: var(--_fg);
    background: color-mix(in srgb, var(--_bg) 80%, transparent);
  }
  .loading {
    position: absolute;
    inset: 0;
    margin: 0;
    display: grid;
    place-items: center;
    color: var(--_muted);
  }
  @container (max-width: 36em) {
    .body {
      grid-template-columns: minmax(0, 1fr);
    }
    .side {
      height: auto;
      max-height: 16em;
    }
  }
  .outline path {
    fill: color-mix(in srgb, var(--toile-network-outline, var(--_accent)) 6%, transparent);
    stroke: var(--toile-network-outline, var(--_accent));
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
    stroke-dasharray: 6 4;
  }
  select {
    font-size: 0.9em;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.9em;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-right: 0.6em;
    float: left;
  }
  .swatch[class*='kind-'] {
    background: var(--_kind);
  }
  .swatch.dashed {
    background: repeating-linear-gradient(90deg, var(--_muted) 0 4px, transparent 4px 7px);
  }
  .swatch:not([class*='kind-']):not(.dashed) {
    background: var(--_muted);
  }
  .shapes {
    margin: 0;
    color: var(--_muted);
  }
  .status {
    margin: 0.3em 0 0;
    font-size: 0.85em;
    color: var(--_muted);
    min-height: 1.3em;
  }
  .side {
    display: flex;
    flex-direction: column;
    height: var(--_height);
    min-width: 0;
  }
  .search {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    gap: 0.2em;
    margin-bottom: 0.4em;
  }
  .legend {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
    margin: 0.5em 0 0;
    font-size: 0.85em;
  }
  .swatch {
    display: inline-block;
    width: 1.2em;
    height: 0.35em;
    margin: 0 0.3em;
    vertical-align: middle;
  }
`;
