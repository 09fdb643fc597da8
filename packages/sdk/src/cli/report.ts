/** Printing problems the same way in every command. */
import type { Problem } from '../validate/validate.ts';
import type { Lang } from './context.ts';

const SEVERITY = { fr: { error: 'erreur', warning: 'avertissement' }, en: { error: 'error', warning: 'warning' } };

/** One line per problem: severity, place (CSV file:row:column or JSON pointer), code, message. */
export function problemLine(p: Problem, lang: Lang): string {
  const place = p.location
    ? `${p.location.file}${p.location.row ? `:${p.location.row}` : ''}${p.location.column ? ` [${p.location.column}]` : ''}`
    : p.pointer || '/';
  return `  ${SEVERITY[lang][p.severity].padEnd(lang === 'fr' ? 13 : 7)}  ${place}  [${p.code}]  ${p.message[lang]}`;
}

/** Lines for a list of problems, with a note when the list was cut. */
export function problemLines(problems: readonly Problem[], total: number, lang: Lang): string {
  let out = problems.map((p) => `${problemLine(p, lang)}\n`).join('');
  const more = total - problems.length;
  if (more > 0) out += lang === 'fr' ? `  … et ${more} autres problèmes (--max-problems)\n` : `  … and ${more} more problems (--max-problems)\n`;
  return out;
}
