import { css } from 'lit';

/**
 * The workshop mode's own sheet (a constructable stylesheet: strict CSP safe). On paper only the
 * report is printed: the picker, the walk and the add form are hidden.
 */
export const workshopStyles = css`
  :host {
    --_max-width: var(--toile-workshop-max-width, 64em);
    position: relative;
  }
  .workshop {
    max-inline-size: var(--_max-width);
    padding: 0.75em;
  }
  section + section {
    border-block-start: 1px solid var(--_border);
    margin-block-start: 1em;
  }
  h3 {
    font-size: 1.05em;
    margin: 0.6em 0 0.4em;
  }
  h4 {
    font-size: 1em;
    margin: 0.5em 0 0.25em;
  }
  h4:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .row,
  .measures,
  .actions,
  .stepper,
  .report-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: flex-end;
    margin-block: 0.5em;
  }
  .stepper {
    align-items: center;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    font-size: 0.9em;
    max-inline-size: 16em;
  }
  .field.wide {
    flex: 1 1 18em;
    max-inline-size: none;
  }
  .field input[inputmode='decimal'] {
    inline-size: 9em;
  }
  .check {
    display: inline-flex;
    gap: 0.35em;
    align-items: center;
    margin-inline-end: 1em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0.25em 0;
    padding: 0.25em 0.75em 0.4em;
  }
  .status,
  .empty,
  .position,
  .id {
    color: var(--_muted);
  }
  .field-error,
  .error {
    color: var(--_danger);
  }
  .error {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.25em 0.75em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .flow {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 1em 0.75em;
  }
  .badge {
    display: inline-block;
    margin: 0;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.85em;
  }
  .badge.validated {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12em, 1fr));
    gap: 0.25em 1em;
    margin: 0.5em 0;
  }
  .facts dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .facts dd {
    margin: 0;
  }
  .report-table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.92em;
  }
  .report-table th,
  .report-table td {
    border: 1px solid var(--_border);
    padding: 0.2em 0.5em;
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .changes {
    margin: 0;
    padding-inline-start: 1.1em;
  }
  button[type='submit'],
  button[data-action='confirm'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  @media print {
    :host {
      background: #fff;
      color: #000 !important;
    }
    .pick,
    .walk,
    .add,
    .report-actions {
      display: none !important;
    }
    .report {
      border: 0;
    }
    .report-table th,
    .report-table td {
      border-color: #000;
    }
    .report-table tr {
      break-inside: avoid;
    }
  }
`;
