import { css } from 'lit';

/** The moderation queue's own sheet (a constructable stylesheet: nothing inline, strict CSP safe). */
export const moderationStyles = css`
  :host {
    --_max-width: var(--toile-moderation-max-width, 64em);
    position: relative;
  }
  .moderation {
    max-inline-size: var(--_max-width);
    padding: 0.75em;
  }
  .toolbar,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: flex-end;
    margin-block: 0.5em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    font-size: 0.9em;
  }
  .field.comment {
    flex: 1 1 16em;
  }
  .check {
    display: inline-flex;
    gap: 0.35em;
    align-items: center;
    margin-inline-end: 1em;
  }
  .status,
  .count,
  .meta {
    color: var(--_muted);
  }
  .declaration {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 1em 0.75em;
    margin-block: 1em;
  }
  h3 {
    font-size: 1.05em;
    margin: 0.4em 0;
  }
  h3:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .note {
    font-style: italic;
  }
  .records {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .record {
    border-block-start: 1px solid var(--_border);
    padding-block: 0.6em;
  }
  .record-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.6em;
    align-items: baseline;
  }
  .record-kind,
  .matched {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .change {
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5em;
    font-size: 0.85em;
  }
  .change-new {
    color: var(--_accent);
  }
  .change-duplicate,
  .change-changed {
    font-weight: 600;
  }
  .level {
    margin: 0.35em 0;
    padding: 0.2em 0.5em;
    border-inline-start: 4px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  .level-confidential {
    border-inline-start-color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, transparent);
  }
  .diff {
    border-collapse: collapse;
    margin-block: 0.35em;
    font-size: 0.92em;
  }
  .diff caption {
    text-align: start;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .diff th,
  .diff td {
    border: 1px solid var(--_border);
    padding: 0.2em 0.5em;
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .diff .before {
    text-decoration: line-through;
    color: var(--_muted);
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: flex-end;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.25em 0.75em 0.4em;
  }
  legend {
    font-size: 0.9em;
    padding-inline: 0.25em;
  }
  .decided-accepted {
    color: var(--_accent);
  }
  .error {
    color: var(--_danger);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.25em 0.75em;
    margin-block: 0.5em;
  }
  .notice {
    font-weight: 600;
  }
  button.send {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
