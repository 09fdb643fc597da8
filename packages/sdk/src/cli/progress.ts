/**
 * Progress of a long computation on stderr, a line at each tenth, when stderr is a terminal and not
 * `--quiet`: stdout keeps the command's result alone (and its JSON). Lines, not one line rewritten
 * in place: the CLI's stderr shows control characters such as a carriage return escaped.
 */
import type { CliIO } from './context.ts';

/** The line of a tenth: its percentage, the units done and their total. */
export type ProgressLine = (percent: number, done: number, total: number) => string;

/** A progress callback writing {@link ProgressLine}s, or undefined when nothing is to be shown. */
export function progressLines(io: CliIO, line: ProgressLine): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTTY || io.quiet) return undefined;
  let shown = 0;
  return (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth === shown) return;
    shown = tenth;
    io.stderr(`${line(tenth * 10, done, total)}\n`);
  };
}
