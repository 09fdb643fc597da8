import { css } from 'lit';

/**
 * The kit's form controls (buttons, inputs, selects), their focus ring and the visually hidden
 * helper, shared by every widget that draws a box of its own. Placed after `tokens` and before a
 * component's own sheet. The control rules sit in `:where()` (no specificity), so that any rule of
 * a component wins over them; a component tunes them through these private properties on `:host`:
 * - `--_button-padding` (default `0.25em 0.5em`), `--_input-padding` (default `0.25em 0.5em`);
 * - `--_disabled-cursor` (default `not-allowed`), `--_disabled-opacity` (default `0.6`).
 */
export const controls = css`
  :where(button, input, select, textarea) {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
  }
  :where(button, select, textarea, input:not([type='checkbox'], [type='radio'], [type='range'])) {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  :where(button) {
    padding: var(--_button-padding, 0.25em 0.5em);
    cursor: pointer;
  }
  :where(textarea, input:not([type='checkbox'], [type='radio'], [type='range'])) {
    padding: var(--_input-padding, 0.25em 0.5em);
  }
  :where(button:disabled) {
    cursor: var(--_disabled-cursor, not-allowed);
    opacity: var(--_disabled-opacity, 0.6);
  }
  :where(button, input, select, textarea, summary):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* Read by screen readers, not shown; the host is positioned so that it stays inside the widget. */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
