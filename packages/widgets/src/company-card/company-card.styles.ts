import { css } from 'lit';

export const companyCardStyles = css`
  :host {
    --_padding: var(--toile-company-card-padding, 1em 1.25em);
    --_max-width: var(--toile-company-card-max-width, 46em);
    --_bar: var(--toile-company-card-bar-color, var(--_accent));
    --_bar-track: var(--toile-company-card-bar-track, var(--_border));
    --_spare: var(--toile-company-card-spare-color, var(--_accent));
    max-width: var(--_max-width);
    overflow-wrap: break-word;
  }
  .card,
  .status {
    /* Positioned: visually hidden text (position: absolute) stays inside the card. */
    position: relative;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_padding);
    color: var(--_fg);
    background: var(--_bg);
  }
  .status {
    margin: 0;
    color: var(--_muted);
  }
  .status.error {
    color: var(--_danger);
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 0.25em;
    font-weight: 650;
    line-height: 1.25;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  h3 {
    font-size: 1.05em;
    margin: 1.1em 0 0.4em;
    padding-top: 0.6em;
    border-top: 1px solid var(--_border);
  }
  h4 {
    font-size: 0.95em;
    margin: 0.6em 0 0.25em;
    color: var(--_muted);
    font-weight: 600;
  }
  .badges {
    margin: 0 0 0.5em;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .badge {
    display: inline-block;
    font-size: 0.8em;
    padding: 0.05em 0.55em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    color: var(--_accent);
  }
  .badge.status-closed {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  abbr {
    text-decoration: none;
  }
  /* Label and value side by side while they fit, the value under its label in a narrow card (a
     side column, a phone): rows that wrap, so the card needs no container query of its own. */
  .facts {
    margin: 0.25em 0 0;
    display: flex;
    flex-direction: column;
    gap: 0.15em;
  }
  .facts > div {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.9em;
  }
  .facts dt {
    flex: 0 0 8em;
  }
  .facts dd {
    flex: 1 1 14em;
    min-inline-size: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .code {
    font-variant-numeric: tabular-nums;
  }
  .validation.validated {
    color: var(--_accent);
  }
  .description {
    margin: 0.75em 0 0;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  ul.items {
    list-style: none;
    padding-inline-start: 0.9em;
    color: var(--_muted);
    font-size: 0.93em;
  }
  .kind > ul > li {
    margin-bottom: 0.2em;
  }
  a.partner {
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  a.partner:hover {
    text-decoration-thickness: 2px;
  }
  a.partner:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  .external,
  .flow-status,
  .basis,
  .detail,
  .note,
  .intro {
    color: var(--_muted);
  }
  .external,
  .flow-status,
  .basis {
    font-size: 0.88em;
  }
  .intro,
  .note {
    margin: 0 0 0.4em;
    font-size: 0.9em;
  }
  .shares {
    margin: 0 0 0.4em;
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .shares > .share {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 0.9em;
  }
  .shares dt {
    flex: 0 0 11em;
  }
  .share dd {
    flex: 1 1 12em;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 0.6em;
    min-inline-size: 0;
  }
  .bar {
    display: inline-block;
    flex: 0 1 8em;
    min-inline-size: 4em;
    block-size: 0.7em;
    border-radius: 999px;
    background: var(--_bar-track);
    overflow: hidden;
  }
  .bar-fill {
    display: block;
    block-size: 100%;
    inline-size: 0;
    background: var(--_bar);
    transition: inline-size 0.2s ease-out;
  }
  .critical-entry {
    margin-bottom: 0.3em;
  }
  .critical-entry .share {
    color: var(--_danger);
  }
  .empty {
    color: var(--_muted);
    margin: 0.2em 0;
  }
  .capability-list {
    list-style: none;
    padding-inline-start: 0;
    display: flex;
    flex-direction: column;
    gap: 0.6em;
  }
  .capability-head,
  .capability-label {
    margin: 0;
  }
  .process-id {
    margin-inline-start: 0.4em;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .capability-label {
    color: var(--_muted);
  }
  .capability-facts {
    margin: 0.2em 0 0;
    display: flex;
    flex-direction: column;
    gap: 0.1em;
  }
  .capability-facts > div {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.9em;
  }
  .capability-facts dt {
    flex: 0 0 8em;
  }
  .capability-facts dd {
    flex: 1 1 14em;
    min-inline-size: 0;
  }
  .product-list {
    list-style: none;
    padding-inline-start: 0;
  }
  .spare {
    margin: 0.3em 0 0;
    padding: 0.2em 0.6em;
    border-inline-start: 3px solid var(--_spare);
  }
  .spare-label {
    color: var(--_spare);
    margin-inline-end: 0.3em;
  }
  .spare-amount,
  .spare-period {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
    }
    .bar-fill {
      background: Highlight;
    }
    .spare {
      border-inline-start-color: CanvasText;
    }
  }
`;
