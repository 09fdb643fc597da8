/** What every CLI command receives: its arguments, the user's language and the output streams. */
import type { Writable } from 'node:stream';

export type Lang = 'fr' | 'en';

/** Output streams, injectable so that tests run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  /**
   * The stream behind `stdout`, when there is one (the process's): large outputs are piped to it
   * and wait for a slow reader instead of piling up in memory. Without it they go to `stdout`.
   */
  stdoutStream?: Writable;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars are shown only then). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** `-q/--quiet`: notes and warnings on stderr are left out; errors are still said. */
  quiet?: boolean;
}

/** A usage error: wrong option, missing argument. Exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** A command of the `toile` CLI. */
export interface Command {
  summary: { fr: string; en: string };
  usage: string;
  /** Returns the exit code: 0 success, 1 invalid input. Throws UsageError for usage problems. */
  run(args: string[], lang: Lang, io: CliIO): Promise<number>;
}

/** Language from LC_ALL / LC_MESSAGES / LANG: English when they say so, French otherwise. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en\b|^en_/i.test(value) ? 'en' : 'fr';
}

/** Tells something on stderr that `-q/--quiet` leaves out (a summary, a warning, a hint). */
export function note(io: CliIO, text: string): void {
  if (!io.quiet) io.stderr(text);
}
