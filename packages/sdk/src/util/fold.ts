/**
 * The kit's one text folding for search and matching: what makes "acier" find "Aciérie", "coeur"
 * find "Cœur" and `Partenaires` read as `partenaires`. Names, labels, audience words and search
 * boxes all fold here.
 */

/** Characters folded to something else than their letters without marks; others are added as met. */
const FOLDED = new Map<string, string>([
  ['œ', 'oe'],
  ['æ', 'ae'],
  ['ß', 'ss'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02bc', "'"],
  ['`', "'"],
]);

/** One lower-case character folded: a space for any space, else without its marks (cached). */
function foldChar(char: string): string {
  let folded = FOLDED.get(char);
  if (folded === undefined) {
    const bare = /\s/u.test(char) ? ' ' : char.normalize('NFD').replace(/\p{M}+/gu, '');
    // A letter whose base is itself folded (ǣ → æ → ae) is folded through, so folding twice changes nothing.
    folded = bare === char ? bare : Array.from(bare, (c) => (c === char ? c : foldChar(c))).join('');
    FOLDED.set(char, folded);
  }
  return folded;
}

/**
 * Folds a text for searching: lower case, no accents (a character's NFD without combining marks),
 * ligatures spelled out (œ → oe, æ → ae, ß → ss), typographic apostrophes plain, runs of spaces
 * (no-break ones too) one space. Plain ASCII letters and digits go untouched and other characters
 * are folded once each and cached, which is faster than normalizing whole strings. Leading and
 * trailing spaces are kept (one each): trim when it matters.
 *
 * @example
 * ```ts
 * foldText('Cœur de l’Aciérie'); // "coeur de l'acierie"
 * foldText('acier') === foldText('ACIER'); // true
 * ```
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\x20-\x5f\x61-\x7e]/gu, foldChar)
    .replace(/ {2,}/g, ' ');
}
