/**
 * JSON text → value, with the place of a syntax error. JSON.parse is the fastest parser but its
 * error messages differ between engines and rarely give a line; on failure only, the text is parsed
 * again with jsonc-parser (Microsoft's, used by VS Code) in strict mode to find the line and column.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { semanticMessage } from '../validate/messages.ts';
import type { Problem } from '../validate/validate.ts';

/** Where a syntax error is: 1-based line and column, 0-based offset. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/** Result of {@link parseJson}: the value, or the syntax problem with its position. */
export type ParseJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; problem: Problem; position: TextPosition };

const FRENCH_REASONS: Record<string, string> = {
  InvalidSymbol: 'symbole invalide',
  InvalidNumberFormat: 'nombre mal formé',
  PropertyNameExpected: 'nom de propriété attendu',
  ValueExpected: 'valeur attendue',
  ColonExpected: 'deux-points attendu',
  CommaExpected: 'virgule attendue',
  CloseBraceExpected: 'accolade fermante attendue',
  CloseBracketExpected: 'crochet fermant attendu',
  EndOfFileExpected: 'fin de fichier attendue',
  InvalidCommentToken: 'commentaire interdit en JSON',
  UnexpectedEndOfComment: 'fin de commentaire inattendue',
  UnexpectedEndOfString: 'chaîne non terminée',
  UnexpectedEndOfNumber: 'nombre incomplet',
  InvalidUnicode: 'séquence unicode invalide',
  InvalidEscapeCharacter: 'échappement invalide',
  InvalidCharacter: 'caractère invalide',
};

/** 1-based line and column of an offset in a text. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Parses JSON text (a leading byte-order mark is allowed); never throws on bad text. */
export function parseJson(text: string): ParseJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    // jsonc-parser accepts a few things JSON.parse refuses (it is lenient on some escapes): fall
    // back to the end of the text, where a truncated document breaks.
    const first = errors[0];
    const offset = first ? first.offset : body.length;
    const code = first ? printParseErrorCode(first.error) : 'UnexpectedContent';
    // 'CloseBraceExpected' → 'close brace expected'
    const reasonEn = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const reason = FRENCH_REASONS[code] ?? reasonEn;
    const position = positionAt(body, offset);
    const params = { line: position.line, column: position.column, offset, reason, reasonEn };
    return {
      ok: false,
      position,
      problem: { pointer: '', severity: 'error', code: 'invalid-json', message: semanticMessage('invalid-json', params), params },
    };
  }
}
