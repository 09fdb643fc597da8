import { css } from 'lit';

export const companyCardStyles = css`
  :host {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1em 1.25em;
    max-width: 42em;
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 0.25em;
    font-weight: 650;
  }
  h3 {
    font-size: 1em;
    margin: 1em 0 0.35em;
  }
  .meta {
    color: var(--_muted);
    margin: 0;
  }
  .badge {
    display: inline-block;
    font-size: 0.8em;
    padding: 0.05em 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    color: var(--_accent);
    margin-inline-start: 0.5em;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  button.partner {
    font: inherit;
    color: var(--_accent);
    background: none;
    border: none;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  button.partner:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  .empty {
    color: var(--_muted);
  }
`;
