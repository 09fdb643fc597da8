/** Positions in a text: how problems in JSON text name their line and column. */

/** Where a syntax error is: 1-based line and column, 0-based offset. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

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
