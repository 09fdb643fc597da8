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
  // Quoted cells are matched whole (unrolled loop: linear, no backtracking; an unclosed quote runs
  // to the end, as in papaparse) and given back as they are; any other CR LF or lone CR becomes LF.
  // `m`: `^` is the start of a line (after CR or LF).
  const pattern = new RegExp(`(?<=^|${escaped})"[^"]*(?:""[^"]*)*(?:"|(?![\\s\\S]))|\\r\\n?`, 'gm');
  return text.replace(pattern, (match) => (match.charCodeAt(0) === 34 ? match : '\n'));
}

/**
 * {@link normaliseLineEndings} for a text that arrives in pieces (a file read as a stream): give
 * each piece to `push`, then call `end`; the pieces given back, joined, equal
 * `normaliseLineEndings(whole, delimiter)`. A CR LF or a quote cut between two pieces is handled.
 */
export class LineEndingNormaliser {
  private inQuote = false;
  /** The previous piece ended with a CR outside quotes (already given back as LF). */
  private pendingCr = false;
  /** The next character starts a cell (start of text, after a delimiter or a line break). */
  private fieldStart = true;
  /** The previous character was a quote closing a quoted cell (`""` inside a cell reopens it). */
  private justClosed = false;
  private readonly special: RegExp;

  constructor(private readonly delimiter: string) {
    this.special = new RegExp(`["\\r\\n]|${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
  }

  /** The normalised text of the next piece. */
  push(piece: string): string {
    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (piece.charCodeAt(0) === 10) start = 1; // the LF of a CR LF cut in two
    }
    const out: string[] = [];
    let from = start;
    let last = start - 1;
    this.special.lastIndex = start;
    for (let match = this.special.exec(piece); match !== null; match = this.special.exec(piece)) {
      const at = match.index;
      const char = match[0];
      // Any ordinary character since the last special one ends "cell start" and "just closed".
      if (at > last + 1) {
        this.fieldStart = false;
        this.justClosed = false;
      }
      last = at;
      if (this.inQuote) {
        if (char === '"') {
          this.inQuote = false;
          this.justClosed = true;
        }
        continue;
      }
      if (char === '"') {
        if (this.fieldStart || this.justClosed) this.inQuote = true;
        this.justClosed = false;
        this.fieldStart = false;
        continue;
      }
      this.justClosed = false;
      this.fieldStart = true;
      if (char !== '\r') continue; // LF or delimiter: kept as is
      out.push(piece.slice(from, at), '\n');
      if (at + 1 === piece.length) {
        this.pendingCr = true;
        from = at + 1;
      } else {
        from = piece.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
        if (from === at + 2) {
          last = at + 1;
          this.special.lastIndex = from;
        }
      }
    }
    if (piece.length > last + 1) {
      this.fieldStart = false;
      this.justClosed = false;
    }
    out.push(piece.slice(from));
    return out.join('');
  }

  /** Whatever is left at the end (nothing: kept for symmetry with stream decoders). */
  end(): string {
    return '';
  }
}
