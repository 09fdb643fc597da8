import { css } from 'lit';

export const declarationFormStyles = css`
  :host {
    --_map-height: var(--toile-declaration-form-map-height, 320px);
    --_max-width: var(--toile-declaration-form-max-width, 52em);
    --_listbox-height: 16em;
    position: relative;
  }
  .wrap {
    max-width: var(--_max-width);
    padding: 0.5em 0;
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 0.4em;
  }
  h3 {
    font-size: 1.05em;
    margin: 0 0 0.4em;
  }
  p {
    margin: 0.3em 0;
  }
  .intro,
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .hint:empty {
    display: none;
  }
  .notice {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.6em 0.9em;
    margin: 0.8em 0;
    font-size: 0.92em;
  }
  .notice summary {
    cursor: pointer;
    color: var(--_accent);
  }
  .levels {
    margin: 0.3em 0;
    padding-left: 1.2em;
  }
  .invited {
    font-weight: 600;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.92em;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 0.9em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.6em 0.9em 0.8em;
    display: flex;
    flex-direction: column;
    gap: 0.6em;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3em;
  }
  fieldset.item {
    border-style: dashed;
  }
  fieldset.radios,
  fieldset.partner,
  fieldset.location {
    border-style: solid;
  }
  fieldset.radios {
    flex-direction: row;
    flex-wrap: wrap;
    gap: 0.4em 1.2em;
  }
  .row,
  .inline,
  .quantity {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em 1em;
    align-items: flex-start;
  }
  .inline {
    align-items: center;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    min-width: min(12em, 100%);
  }
  /* Wide fields share a row with the others (in a column they simply take the width). */
  .row > .field.wide {
    flex: 1 1 20em;
  }
  .field select {
    align-self: flex-start;
  }
  .field input,
  .field select,
  .field textarea {
    max-width: 100%;
  }
  .field.combo {
    position: relative;
  }
  .req {
    color: var(--_muted);
    font-weight: 400;
    font-size: 0.9em;
  }
  .check {
    display: flex;
    gap: 0.35em;
    align-items: center;
  }
  .combo-input {
    display: flex;
    gap: 0.25em;
  }
  .combo-input input {
    flex: 1;
    min-width: 0;
  }
  [role='listbox'] {
    position: absolute;
    z-index: 5;
    top: 100%;
    left: 0;
    right: 0;
    max-height: var(--_listbox-height);
    overflow-y: auto;
    margin: 0.2em 0 0;
    padding: 0;
    list-style: none;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.15);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  [role='option'] {
    padding: 0.3em 0.6em;
    cursor: pointer;
    display: flex;
    flex-direction: column;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_bg);
  }
  [role='option'] .group {
    font-size: 0.85em;
    opacity: 0.8;
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .search input {
    flex: 1 1 16em;
    min-width: 0;
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .results li {
    display: flex;
    gap: 0.6em;
    align-items: baseline;
  }
  .picked {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em 1em;
    align-items: baseline;
  }
  .conf .hint {
    max-width: 40em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.9em;
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .summary {
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.6em 0.9em;
  }
  .summary:focus {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em 1em;
    align-items: center;
  }
  .confirm {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
    padding: 0.4em 1em;
  }
  button.remove {
    align-self: flex-start;
    color: var(--_danger);
    border-color: var(--_danger);
  }
  button.add,
  button.pick {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .receipt {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.8em 1em;
  }
  .status:empty {
    display: none;
  }
  /* The map: what Leaflet's own stylesheet would set, kept to what panes, tiles and the point need. */
  .map-frame {
    position: relative;
  }
  .map {
    position: relative;
    height: var(--_map-height);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: crosshair;
    background: var(--_border);
  }
  .map:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* The cross at the centre: where Enter places the point. */
  .map-frame::after {
    content: '+';
    position: absolute;
    z-index: 700;
    left: 50%;
    top: 50%;
    transform: translate(-50%, -50%);
    font-size: 1.6em;
    line-height: 1;
    color: var(--_fg);
    pointer-events: none;
  }
  .map .leaflet-pane,
  .map .leaflet-tile,
  .map .leaflet-layer,
  .map .leaflet-tile-container,
  .map .leaflet-pane > svg {
    position: absolute;
    left: 0;
    top: 0;
  }
  .map .leaflet-tile {
    visibility: inherit;
    user-select: none;
    max-width: none;
  }
  .map .leaflet-tile-pane {
    z-index: 200;
  }
  .map .leaflet-overlay-pane {
    z-index: 400;
  }
  .map .point {
    stroke: var(--_accent);
    fill: var(--_bg);
    fill-opacity: 0.8;
  }
  .attribution {
    font-size: 0.8em;
    color: var(--_muted);
  }
`;
