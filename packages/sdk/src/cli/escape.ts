/**
 * Terminal safety for human output. Names, ids and labels come from other people's files: an ESC
 * can recolour or clear the terminal, a C1 control can start an escape sequence on its own, and a
 * bidirectional control (U+202E…) can make a line read differently from what it says. Every human
 * printer of the CLI shows such text through {@link escapeTerminal}; JSON output stays JSON.
 */

// C0 controls and DEL, C1 controls, and the invisible characters that change how a line is read:
// Arabic letter mark, zero-width and directional marks, line and paragraph separators, the
// embeddings, overrides and isolates, and the byte-order mark in the middle of a text.
const UNSAFE_WITH_NEWLINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

function visible(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

/**
 * Returns the text with every control and invisible formatting character shown as `\u{XXXX}`, so
 * that it prints as what it is. By default line feeds are escaped too (a name must stay on its
 * line); `keepNewlines` keeps them, for whole blocks of human output.
 *
 * @example
 * ```ts
 * escapeTerminal('Acme\u001b[31m\u202E'); // 'Acme\\u{001B}[31m\\u{202E}'
 * ```
 */
export function escapeTerminal(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? UNSAFE_KEEP_NEWLINE : UNSAFE_WITH_NEWLINE, visible);
}
