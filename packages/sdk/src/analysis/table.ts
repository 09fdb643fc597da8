/** Plain-text tables and numbers for the analysis commands, in French or English conventions. */

/** Column alignment: numbers right, text left. */
export type Align = 'left' | 'right';

/** Lays out rows under headers, columns padded to their widest cell, two spaces apart. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : c === cells.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('  ')}`.trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** A number in the user's language (`1 234,5` in French, `1,234.5` in English). */
export function formatNumber(value: number, lang: 'fr' | 'en', digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A share in 0–1 as a percentage, `—` when unknown. */
export function formatShare(value: number | null | undefined, lang: 'fr' | 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatNumber(value * 100, lang, 1)} %`;
}
