import { css } from 'lit';

export const synergyFinderStyles = css`
  :host {
    --_listbox-height: var(--toile-synergy-finder-listbox-height, 16em);
    --_disabled-cursor: default;
    --_disabled-opacity: 0.55;
  }
  .form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em 1em;
    align-items: flex-end;
    margin-bottom: 0.75em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    font-size: 0.9em;
    min-width: min(12em, 100%);
  }
  .field.narrow {
    min-width: min(7em, 100%);
  }
  .field.combo {
    position: relative;
    min-width: min(20em, 100%);
    flex: 1 1 20em;
  }
  .check {
    font-size: 0.9em;
    display: flex;
    gap: 0.35em;
    align-items: center;
  }
  select {
    padding: 0.25em 0.5em;
  }
  input[type='number'] {
    width: 7em;
  }
  button.show,
  button.export {
    border-color: var(--_accent);
    color: var(--_accent);
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
    z-index: 2;
    top: 100%;
    left: 0;
    right: 0;
    margin: 2px 0 0;
    padding: 0.2em 0;
    list-style: none;
    max-height: var(--_listbox-height);
    overflow-y: auto;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.15);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  [role='option'] {
    padding: 0.25em 0.6em;
    cursor: pointer;
  }
  [role='option'][aria-selected='true'],
  [role='option']:hover {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
  }
  .group,
  .note,
  .context,
  .extra,
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .avoided-note p,
  .avoided-note ul {
    margin: 0.3em 0;
  }
  /* The avoided-CO2e figure carries its basis in a tooltip. */
  .avoided [title] {
    text-decoration: underline dotted;
    cursor: help;
  }
  .status {
    color: var(--_muted);
  }
  .status.error {
    color: var(--_danger);
  }
  .count {
    font-size: 0.9em;
    color: var(--_muted);
    margin-bottom: 0.3em;
  }
  /* Wide tables scroll inside their own box; positioned, so that visually hidden cells
     (position: absolute) stay inside it instead of widening the page. */
  .scroll {
    overflow-x: auto;
    position: relative;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.92em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.35em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.35em 0.5em;
    border-bottom: 1px solid var(--_border);
  }
  th {
    font-weight: 600;
    white-space: nowrap;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  tr.chosen {
    background: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  /* In a narrow box the table scrolls sideways: its action column stays in view at the right edge. */
  [part='table'] th:last-child,
  [part='table'] td:last-child {
    position: sticky;
    inset-inline-end: 0;
    background: var(--_bg);
    box-shadow: -6px 0 6px -6px rgb(0 0 0 / 0.25);
  }
  [part='table'] tr.chosen td:last-child {
    background: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
  }
  .parts {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.85em;
    display: grid;
    grid-template-columns: auto 4em auto;
    gap: 0.1em 0.4em;
    align-items: center;
  }
  .parts li {
    display: contents;
  }
  meter {
    width: 4em;
    height: 0.7em;
  }
  .score meter {
    width: 3em;
    vertical-align: middle;
  }
  .badge {
    display: inline-block;
    font-size: 0.8em;
    padding: 0.05em 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    color: var(--_accent);
    margin-inline-start: 0.4em;
  }
  .badge.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .pooling h3,
  .spare-section h3 {
    font-size: 1em;
    margin: 1.2em 0 0.4em;
  }
  /* The mode switch: two native radio buttons on one line. */
  .modes {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 1.2em;
    margin: 0;
    padding: 0.3em 0.6em 0.45em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .modes legend {
    font-size: 0.9em;
    padding: 0 0.3em;
  }
  .evidence,
  .served {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .evidence li + li,
  .served li + li {
    margin-top: 0.25em;
  }
  .evidence .note {
    display: block;
  }
  td.spare {
    font-size: 0.9em;
  }
`;
