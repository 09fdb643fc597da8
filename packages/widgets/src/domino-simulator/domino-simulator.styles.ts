import { css } from 'lit';

export const dominoSimulatorStyles = css`
  :host {
    --_chart-colour: var(--toile-domino-chart-color, var(--_accent));
    --_risk: var(--toile-domino-risk-color, var(--_danger));
    --_button-padding: 0.25em 0.7em;
    --_input-padding: 0.15em 0.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1em 1.25em;
    /* Positioned: visually hidden text (position: absolute) stays inside the widget. */
    position: relative;
    overflow-wrap: break-word;
  }
  /* Wide tables scroll inside their own box instead of widening the page. */
  .scroll {
    overflow-x: auto;
    position: relative;
    max-width: 100%;
  }
  h2 {
    font-size: 1.2em;
    margin: 0 0 0.5em;
  }
  h3 {
    font-size: 1em;
    margin: 1em 0 0.4em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 0.75em;
    padding: 0.5em 0.75em 0.75em;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3em;
  }
  .hint {
    display: block;
    color: var(--_muted);
    font-size: 0.88em;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
    text-align: start;
  }
  input[type='number'] {
    width: 5.5em;
  }
  input[type='search'] {
    width: 100%;
    margin-top: 0.2em;
  }
  .sites {
    list-style: none;
    margin: 0.4em 0 0;
    padding: 0;
    max-height: 12em;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .sites li {
    padding: 0.1em 0.4em;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    list-style: none;
    margin: 0.5em 0 0;
    padding: 0;
  }
  .chips li {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    border: 1px solid var(--_risk);
    border-radius: 999px;
    padding: 0 0 0 0.6em;
  }
  .chips button {
    border: none;
    border-radius: 999px;
    padding: 0 0.5em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .models label {
    display: block;
    margin-top: 0.3em;
  }
  .models .hint {
    margin-inline-start: 1.6em;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0.5em 0;
  }
  [part='status'] {
    min-height: 1.4em;
    color: var(--_muted);
    margin: 0.25em 0;
  }
  [part='error'] {
    color: var(--_danger);
    font-weight: 600;
  }
  progress {
    width: 100%;
  }
  .totals {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: 0.5em;
    margin: 0;
  }
  .totals div {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4em 0.6em;
  }
  .totals dt {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .totals dd {
    margin: 0;
    font-size: 1.3em;
    font-weight: 650;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.92em;
  }
  th,
  td {
    text-align: start;
    padding: 0.2em 0.4em;
    border-bottom: 1px solid var(--_border);
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  figure {
    margin: 0.5em 0;
  }
  figcaption {
    color: var(--_muted);
    font-size: 0.88em;
  }
  svg {
    width: 100%;
    max-width: 32em;
    height: auto;
    display: block;
  }
  svg text {
    fill: var(--_fg);
    font-size: 10px;
  }
  svg .axis {
    stroke: var(--_muted);
    stroke-width: 1;
  }
  svg .bar {
    fill: var(--_chart-colour);
  }
  svg .series {
    fill: none;
    stroke: var(--_chart-colour);
    stroke-width: 2;
  }
  .note {
    color: var(--_muted);
    font-size: 0.88em;
  }
`;
