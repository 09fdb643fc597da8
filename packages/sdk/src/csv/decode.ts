/**
 * Bytes of a CSV file → text. French offices export UTF-8 (with or without a byte-order mark) or
 * Windows-1252 (Excel's "CSV (séparateur : point-virgule)"); the WHATWG TextDecoder built into
 * browsers and Node knows both, so no extra library is needed.
 */

/** The encoding a file was read with. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decodes file bytes, detecting the encoding: BOM first, then strict UTF-8, else Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter of a CSV text, read from its header line: `;` when it has more `;` than `,`. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  const semicolons = count(';');
  const commas = count(',');
  const tabs = count('\t');
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons > commas ? ';' : ',';
}

/**
 * Line endings made uniform (`\n`) outside quoted cells, so that a CRLF file with some rows ending
 * in a lone `\n` or `\r` (a line pasted from another tool) still splits into its rows: papaparse
 * guesses one newline per file. Line breaks inside a quoted cell are part of its value and kept.
 * A quote opens a quoted cell only at the start of a cell, as in papaparse.
 */
export function normaliseLineEndings(text: string, delimiter: string): string {
  if (!text.includes('\r')) return text;
  const escaped = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Quoted cells are matched whole (unrolled loop: linear, no backtracking) and given back as they
  // are; any other CR LF or lone CR becomes LF. `m`: `^` is the start of a line (after CR or LF).
  const pattern = new RegExp(`(?<=^|${escaped})"[^"]*(?:""[^"]*)*"|\\r\\n?`, 'gm');
  return text.replace(pattern, (match) => (match.charCodeAt(0) === 34 ? match : '\n'));
}
