/**
 * The token kinds of jsonc-parser's scanner. The library declares them as an ambient `const enum`,
 * which isolated-module builds cannot read; the values are its documented, stable numbers.
 */
import type { SyntaxKind as JsoncSyntaxKind } from 'jsonc-parser';

const kinds = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  NullKeyword: 7,
  TrueKeyword: 8,
  FalseKeyword: 9,
  StringLiteral: 10,
  NumericLiteral: 11,
  EOF: 17,
} as const;

/** jsonc-parser's `SyntaxKind` values used by the scanners of this folder. */
export const SyntaxKind = kinds as unknown as { readonly [K in keyof typeof kinds]: JsoncSyntaxKind };
