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
 * The line ending of a text: `\n`, `\r\n` or `\r` when every line break is the same (papaparse
 * splits those itself), `mixed` otherwise. Found with `indexOf` scans: ~0.1 s per 50 MB.
 */
export function lineEndingsOf(text: string): '\n' | '\r\n' | '\r' | 'mixed' {
  const firstCr = text.indexOf('\r');
  if (firstCr === -1) return '\n';
  const firstLf = text.indexOf('\n');
  if (firstLf === -1) return '\r';
  for (let at = firstLf; at !== -1; at = text.indexOf('\n', at + 1)) if (text.charCodeAt(at - 1) !== 13) return 'mixed';
  for (let at = firstCr; at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) return 'mixed';
  return '\r\n';
}

/**
 * Line endings made uniform (`\n`) outside quoted cells, so that a CRLF file with some rows ending
 * in a lone `\n` or `\r` (a line pasted from another tool) still splits into its rows: papaparse
 * guesses one newline per file. Line breaks inside a quoted cell are part of its value and kept.
 * A quote opens a quoted cell only at the start of a cell, as in papaparse; an unclosed one runs
 * to the end of the text.
 */
export function normaliseLineEndings(text: string, delimiter: string): string {
  if (!text.includes('\r')) return text;
  return new LineEndingNormaliser(delimiter).push(text);
}

/**
 * {@link normaliseLineEndings} for a text that arrives in pieces (a file read as a stream): give
 * each piece to `push`; the pieces given back, joined, equal `normaliseLineEndings(whole)`. A CR LF,
 * or a doubled quote, cut between two pieces is handled.
 *
 * Hand-written: papaparse takes one newline per file, and no CSV tokenizer on npm rewrites line
 * endings while leaving quoted cells alone; this is a scan for `"` and CR with `indexOf`.
 */
export class LineEndingNormaliser {
  private inQuote = false;
  /** The previous piece ended with a CR outside quotes (already given back as LF). */
  private pendingCr = false;
  /** The previous piece ended with a quote inside a quoted cell: a close, or half of `""`. */
  private quoteAtEnd = false;
  /** Last character of the previous piece (-1 at the start): a quote after a delimiter or a line break opens a cell. */
  private previous = -1;
  private readonly delimiterCode: number;

  constructor(delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The normalised text of the next piece. */
  push(piece: string): string {
    const length = piece.length;
    if (length === 0) return '';
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (piece.charCodeAt(0) === 10) i = 1; // the LF of a CR LF cut in two
    }
    let from = i;
    if (this.quoteAtEnd && i < length) {
      this.quoteAtEnd = false;
      if (piece.charCodeAt(i) === 34)
        i++; // `""`: an escaped quote, the cell goes on
      else this.inQuote = false;
    }
    const out: string[] = [];
    let nextQuote = -2;
    let nextCr = -2;
    while (i < length) {
      if (this.inQuote) {
        const quote = piece.indexOf('"', i);
        if (quote === -1) break;
        if (quote + 1 === length) {
          this.quoteAtEnd = true;
          break;
        }
        if (piece.charCodeAt(quote + 1) === 34) i = quote + 2;
        else {
          this.inQuote = false;
          i = quote + 1;
        }
        continue;
      }
      // Next quote and next CR, each searched again only once passed.
      if (nextQuote !== -1 && nextQuote < i) nextQuote = piece.indexOf('"', i);
      if (nextCr !== -1 && nextCr < i) nextCr = piece.indexOf('\r', i);
      const at = nextQuote === -1 ? nextCr : nextCr === -1 ? nextQuote : Math.min(nextQuote, nextCr);
      if (at === -1) break;
      if (at === nextQuote) {
        const before = at > 0 ? piece.charCodeAt(at - 1) : this.previous;
        if (before === -1 || before === 10 || before === 13 || before === this.delimiterCode) this.inQuote = true;
        i = at + 1;
        continue;
      }
      out.push(piece.slice(from, at), '\n');
      if (at + 1 === length) {
        this.pendingCr = true;
        from = i = length;
      } else from = i = piece.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
    }
    out.push(piece.slice(from));
    this.previous = piece.charCodeAt(length - 1);
    return out.join('');
  }
}
