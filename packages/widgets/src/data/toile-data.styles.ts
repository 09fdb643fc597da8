import { css } from 'lit';
import { partTokens } from '../base/tokens.ts';

/**
 * `<toile-data>`'s children are the host page's content: its host sets nothing they could inherit
 * (no colour, font or `all: initial`); only its own status line is styled.
 */
export const toileDataStyles = [
  partTokens("[part='status']"),
  css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
    [part='status'] {
      font-family: var(--_font);
      font-size: 0.9em;
      line-height: 1.45;
      color: var(--_muted);
      padding: 0.25em 0;
    }
    [part='status'][data-error] {
      color: var(--_danger);
    }
  `,
];
