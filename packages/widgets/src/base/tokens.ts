import { css, unsafeCSS } from 'lit';

// Public design tokens (`--toile-*`) mapped to private copies (`--_*`), light and dark. A host page
// themes the kit only through these properties and ::part.
const LIGHT = unsafeCSS(`
  --_bg: var(--toile-color-background, #ffffff);
  --_fg: var(--toile-color-text, #1d2430);
  --_muted: var(--toile-color-muted, #5b6576);
  --_accent: var(--toile-color-accent, #0b5cad);
  --_border: var(--toile-color-border, #d5dbe3);
  --_danger: var(--toile-color-danger, #b3261e);
  --_radius: var(--toile-radius, 6px);
  --_font: var(--toile-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --_size: var(--toile-font-size, 15px);
  color-scheme: light;
`);
const DARK = unsafeCSS(`
  --_bg: var(--toile-color-background, #12161d);
  --_fg: var(--toile-color-text, #e6eaf0);
  --_muted: var(--toile-color-muted, #9aa5b5);
  --_accent: var(--toile-color-accent, #7fb4f0);
  --_border: var(--toile-color-border, #2d3542);
  --_danger: var(--toile-color-danger, #f2b8b5);
  color-scheme: dark;
`);

/**
 * Tokens and host guard of the widgets that draw a box of their own (network, card, finder,
 * simulator). The dark palette applies with `theme="dark"`, or with `theme="auto"` when the page is
 * dark (the `dark` custom state set by ToileElement, see theme.ts) — never from the system alone.
 */
export const tokens = css`
  :host {
    all: initial;
    ${LIGHT}
    display: block;
    background: var(--_bg);
    /* !important in :host beats the page's !important (inner context wins for important
       declarations): a theme's '* { font: …; transition: all 3s !important }' cannot reach inside.
       Hosts theme the kit through the --toile-* properties instead. */
    box-sizing: border-box !important;
    font-family: var(--_font) !important;
    font-size: var(--_size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.45 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-shadow: none !important;
    text-align: start !important;
    color: var(--_fg) !important;
    cursor: auto !important;
    transition: none !important;
    animation: none !important;
  }
  /* Two rules, not one list: a browser without custom states would drop the whole list. */
  :host([theme='dark']) {
    ${DARK}
  }
  :host(:state(dark)) {
    ${DARK}
  }
  :host([hidden]) {
    display: none;
  }
  /* border-box set here, not inherited: a host page's '* { box-sizing: … !important }' also matches
     the host element and would win over :host. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/**
 * The same tokens for `<toile-data>`, whose children are the page's own content: nothing is set on
 * the host (what a host sets, its light-DOM children inherit), only on its own status line.
 */
export const partTokens = (selector: string) => {
  const s = unsafeCSS(selector);
  return css`
    ${s} {
      ${LIGHT}
    }
    :host([theme='dark']) ${s} {
      ${DARK}
    }
    :host(:state(dark)) ${s} {
      ${DARK}
    }
  `;
};
