/**
 * JSON text → value, with the place of a syntax error. JSON.parse is the fastest parser but its
 * error messages differ between engines and rarely give a line; on failure only, the text is parsed
 * again with jsonc-parser (Microsoft's, used by VS Code) in strict mode to find the line and column.
 */
import { createScanner, parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SyntaxKind } from './json-tokens.ts';
import { semanticMessage } from '../validate/messages.ts';
import type { Problem } from '../validate/validate.ts';
import { findDuplicateKeys } from './duplicate-keys.ts';
import { positionAt, type TextPosition } from './position.ts';

export { positionAt, type TextPosition } from './position.ts';

/** Result of {@link parseJson}: the value, or the syntax problem with its position. */
export type ParseJsonResult = { ok: true; value: unknown; problems: Problem[] } | { ok: false; problem: Problem; position: TextPosition };

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
  NestingTooDeep: 'imbrication trop profonde',
};

/** Nesting beyond which the error is reported where it starts (jsonc-parser's parser recurses). */
const SYNTAX_DEPTH_LIMIT = 1000;

/** Offset where nesting first goes deeper than `limit`, or -1 (jsonc-parser's scanner: iterative). */
function tooDeepAt(text: string, limit: number): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) depth--;
  }
  return -1;
}

/** Place and reason of the first syntax error of a text JSON.parse refused. */
function firstSyntaxError(body: string): { offset: number; code: string } {
  const deep = tooDeepAt(body, SYNTAX_DEPTH_LIMIT);
  if (deep !== -1) return { offset: deep, code: 'NestingTooDeep' };
  const errors: ParseError[] = [];
  parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // jsonc-parser accepts a few things JSON.parse refuses (it is lenient on some escapes): fall
  // back to the end of the text, where a truncated document breaks.
  const first = errors[0];
  return first ? { offset: first.offset, code: printParseErrorCode(first.error) } : { offset: body.length, code: 'UnexpectedContent' };
}

/**
 * Parses JSON text (a leading byte-order mark is allowed); never throws on bad text. Keys written
 * twice in one object are reported as warnings (see {@link findDuplicateKeys}).
 */
export function parseJson(text: string): ParseJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const value: unknown = JSON.parse(body);
    return { ok: true, value, problems: findDuplicateKeys(body, value) };
  } catch {
    const { offset, code } = firstSyntaxError(body);
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
