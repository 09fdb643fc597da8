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
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    color: var(--_fg);
    background: var(--_bg);
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
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
