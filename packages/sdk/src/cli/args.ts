/**
 * Argument parsing shared by every command: Node's `parseArgs`, plus what a newcomer expects —
 * `-o` for `--out`, unknown options answered in the user's language with the closest valid name,
 * and one name for the flow-status filter (`--statuses`, with `--include-status` still accepted).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import type { FlowStatus } from '@toile/schema';
import { FLOW_STATUSES } from '../graph/build-index.ts';
import { note, UsageError, type CliIO, type Lang } from './context.ts';

/** Options every command understands (taken by `runCli` before the command parses its own). */
export const GLOBAL_OPTIONS: readonly string[] = ['--lang', '--quiet', '--help', '--version'];

/**
 * The candidate closest to `word` when it is close enough to be a likely typo (Levenshtein
 * distance within a third of the longer word, at least 2) or a prefix of it; else undefined.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  // `-x`: a one-letter option is too short to guess from.
  if (/^-[^-]$/.test(word)) return undefined;
  const best = closest(word, candidates);
  const d = distance(word, best);
  if (d === 0) return undefined;
  const longer = Math.max(word.length, best.length);
  return d <= Math.max(2, Math.floor(longer / 3)) || (word.length >= 3 && best.startsWith(word)) ? best : undefined;
}

/** The usage error for a name nobody knows, with a suggestion when one is close. */
export function unknownNameError(kind: 'option' | 'command', name: string, candidates: readonly string[]): UsageError {
  const best = closestName(name, candidates);
  const what = { option: { fr: 'option inconnue', en: 'unknown option' }, command: { fr: 'commande inconnue', en: 'unknown command' } }[kind];
  if (best) return new UsageError(`${what.fr} \`${name}\` : vouliez-vous dire \`${best}\` ?`, `${what.en} \`${name}\`: did you mean \`${best}\`?`);
  return new UsageError(`${what.fr} : \`${name}\``, `${what.en}: \`${name}\``);
}

/** The `--options` a usage line names (for commands that parse their arguments themselves). */
export function usageOptions(usage: string): string[] {
  return [...new Set(usage.match(/--[a-z][\w-]*/g) ?? [])];
}

/** Node's parse errors, said in the user's language; other errors are returned as they are. */
export function translateParseError(error: unknown, known: readonly string[]): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1] ?? '';
    // `--radius=5`: suggest on the name only.
    return unknownNameError('option', name.split('=')[0] ?? name, [...known, ...GLOBAL_OPTIONS]);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /(--[\w-]+)/.exec(message)?.[1] ?? '';
    if (/argument missing/.test(message)) return new UsageError(`${name} attend une valeur`, `${name} takes a value`);
    return new UsageError(`${name} ne prend pas de valeur`, `${name} takes no value`);
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return new UsageError(`arguments invalides : ${message}`, `invalid arguments: ${message}`);
  return error;
}

/**
 * `parseArgs` for a command: positionals allowed, `-o` added as the short form of `--out`, and
 * parse errors thrown as {@link UsageError}s that name the closest valid option.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T & { allowPositionals: true }>> {
  const options = { ...config.options };
  if (options.out && options.out.short === undefined) options.out = { ...options.out, short: 'o' };
  try {
    return parseArgs({ allowPositionals: true, ...config, options }) as ReturnType<typeof parseArgs<T & { allowPositionals: true }>>;
  } catch (error) {
    throw translateParseError(
      error,
      Object.keys(options).map((name) => `--${name}`),
    );
  }
}

/** The option config of the flow-status filter: `--statuses`, and its old name `--include-status`. */
export const STATUS_OPTIONS = {
  statuses: { type: 'string' },
  'include-status': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Reads `--statuses a,b` (or the deprecated `--include-status a,b`, with a warning); undefined when
 * neither is given. An unknown status is a usage error listing the valid ones.
 */
export function readStatuses(
  values: { statuses?: string | undefined; 'include-status'?: string | undefined },
  lang: Lang,
  io: CliIO,
): FlowStatus[] | undefined {
  let raw = values.statuses;
  if (values['include-status'] !== undefined) {
    note(
      io,
      lang === 'fr' ? 'toile : --include-status est remplacé par --statuses (même valeur)\n' : 'toile: --include-status is now --statuses (same value)\n',
    );
    raw ??= values['include-status'];
  }
  if (raw === undefined) return undefined;
  const statuses = raw.split(',').map((s) => s.trim());
  if (statuses.some((s) => !(FLOW_STATUSES as readonly string[]).includes(s))) {
    throw new UsageError(`--statuses attend ${FLOW_STATUSES.join(', ')}`, `--statuses takes ${FLOW_STATUSES.join(', ')}`);
  }
  return statuses as FlowStatus[];
}
