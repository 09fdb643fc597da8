import { css } from 'lit';

/**
 * Public design tokens (`--toile-*`), light and dark. Components read private copies so that the
 * public surface stays small: a host page themes the kit only through these properties and ::part.
 */
export const tokens = css`
  :host {
    --_bg: var(--toile-color-background, #ffffff);
    --_fg: var(--toile-color-text, #1d2430);
    --_muted: var(--toile-color-muted, #5b6576);
    --_accent: var(--toile-color-accent, #0b5cad);
    --_border: var(--toile-color-border, #d5dbe3);
    --_danger: var(--toile-color-danger, #b3261e);
    --_radius: var(--toile-radius, 6px);
    --_font: var(--toile-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--toile-font-size, 15px);
    all: initial;
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
  :host([theme='dark']) {
    --_bg: var(--toile-color-background, #12161d);
    --_fg: var(--toile-color-text, #e6eaf0);
    --_muted: var(--toile-color-muted, #9aa5b5);
    --_accent: var(--toile-color-accent, #7fb4f0);
    --_border: var(--toile-color-border, #2d3542);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_bg: var(--toile-color-background, #12161d);
      --_fg: var(--toile-color-text, #e6eaf0);
      --_muted: var(--toile-color-muted, #9aa5b5);
      --_accent: var(--toile-color-accent, #7fb4f0);
      --_border: var(--toile-color-border, #2d3542);
    }
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
