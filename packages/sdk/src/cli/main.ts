/**
 * The `toile` command line: a thin layer that parses arguments, calls the SDK and prints. Commands
 * register in COMMANDS. Exit codes: 0 success, 1 invalid input, 2 usage error. No stack trace is
 * ever shown for bad input; an unexpected failure prints one line and exits 3.
 */
import { readFileSync } from 'node:fs';
import { langFromEnv, note, UsageError, type CliIO, type Command, type Lang } from './context.ts';
import { translateParseError, unknownNameError, usageOptions } from './args.ts';
import { escapeTerminal } from './escape.ts';
import { validateCommand } from './commands/validate.ts';
import { importCommand } from './commands/import.ts';
import { mergeCommand } from './commands/merge.ts';
import { publishCommand } from './commands/publish.ts';
import { exportCommand } from './commands/export.ts';
import { dominoCommand } from './commands/domino.ts';
import { systemicCommand } from './commands/systemic.ts';
import { statsCommand } from './commands/stats.ts';
import { gapsCommand } from './commands/gaps.ts';
import { sourcesCommand } from './commands/sources.ts';
import { synergiesCommand } from './commands/synergies.ts';
import { makersCommand } from './commands/makers.ts';
import { kinCommand } from './commands/kin.ts';
import { leapsCommand } from './commands/leaps.ts';
import { capacityCommand } from './commands/capacity.ts';
import { serveCommand } from './commands/serve.ts';
import { sqlCommand } from './commands/sql.ts';

/** Every command, by name. */
export const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  import: importCommand,
  merge: mergeCommand,
  publish: publishCommand,
  export: exportCommand,
  domino: dominoCommand,
  systemic: systemicCommand,
  stats: statsCommand,
  gaps: gapsCommand,
  sources: sourcesCommand,
  synergies: synergiesCommand,
  makers: makersCommand,
  kin: kinCommand,
  leaps: leapsCommand,
  capacity: capacityCommand,
  sql: sqlCommand,
  serve: serveCommand,
};

function helpText(lang: Lang): string {
  const lines = [
    lang === 'fr' ? 'Toile — la toile industrielle du territoire en ligne de commande' : 'Toile — the industrial web of a territory, on the command line',
    '',
    lang === 'fr' ? 'Usage : toile <commande> [options]' : 'Usage: toile <command> [options]',
    '',
  ];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${cmd.summary[lang]}`, `  ${''.padEnd(12)} ${cmd.usage}`);
  lines.push(
    '',
    lang === 'fr'
      ? 'Options communes : --lang fr|en, --json, -o/--out FICHIER, -q/--quiet (sans notes ni avertissements), -h/--help, --version'
      : 'Common options: --lang fr|en, --json, -o/--out FILE, -q/--quiet (no notes or warnings), -h/--help, --version',
  );
  return `${lines.join('\n')}\n`;
}

/** The version of the package this CLI ships in (the nearest `package.json` named `@toile/sdk`). */
export function cliVersion(): string {
  for (let url = new URL('./', import.meta.url); url.pathname !== '/'; url = new URL('../', url)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@toile/sdk' && pkg.version) return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return 'unknown';
}

/** The options every command takes, removed from the arguments before the command sees them. */
interface GlobalOptions {
  lang: Lang;
  quiet: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

function takeGlobals(args: string[], io: CliIO): GlobalOptions {
  const found: GlobalOptions = { lang: langFromEnv(io.env), quiet: false, help: false, version: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      found.rest.push(...args.slice(i));
      break;
    }
    let value: string | undefined;
    if (a === '--lang') value = args[++i] ?? '';
    else if (a.startsWith('--lang=')) value = a.slice(7);
    else {
      if (a === '-q' || a === '--quiet') found.quiet = true;
      else if (a === '-h' || a === '--help') found.help = true;
      else if (a === '--version' || a === '-V') found.version = true;
      else found.rest.push(a);
      continue;
    }
    if (value !== 'fr' && value !== 'en') throw new UsageError('--lang attend fr ou en', '--lang takes fr or en');
    found.lang = value;
  }
  return found;
}

/**
 * `pnpm toile …` and `npm run toile …` print their own `> toile@ toile …` lines on stdout before the
 * tool's; with `--json` that makes the output unreadable by a program. The CLI cannot take them
 * back, but it can say how to avoid them.
 */
function bannerHint(args: readonly string[], io: CliIO, lang: Lang): void {
  const env = io.env;
  if (env.npm_lifecycle_event !== 'toile' || !args.includes('--json')) return;
  if (env.npm_config_reporter === 'silent' || env.npm_config_loglevel === 'silent') return;
  const runner = (env.npm_config_user_agent ?? '').startsWith('pnpm') ? 'pnpm -s toile …' : 'npm run -s toile -- …';
  note(
    io,
    lang === 'fr'
      ? `toile : le gestionnaire de paquets a écrit ses propres lignes avant le JSON ; lancez \`${runner}\` pour une sortie lisible par un programme\n`
      : `toile: the package manager wrote its own lines before the JSON; run \`${runner}\` for output a program can read\n`,
  );
}

/** Runs the CLI with `args` (without `node` and the script); returns the exit code. */
export async function runCli(args: string[], processIo: CliIO): Promise<number> {
  let lang = langFromEnv(processIo.env);
  let helpCommand = 'toile --help';
  // stderr carries only human text: names and ids in it are shown, never interpreted.
  const io: CliIO = { ...processIo, stderr: (text) => processIo.stderr(escapeTerminal(text, { keepNewlines: true })) };
  try {
    const globals = takeGlobals(args, io);
    lang = globals.lang;
    io.quiet = globals.quiet;
    const [name, ...rest] = globals.rest;
    if (globals.version) {
      io.stdout(`${cliVersion()}\n`);
      return 0;
    }
    if (!name || name === 'help') {
      io.stdout(helpText(lang));
      return name || globals.help ? 0 : 2;
    }
    if (!Object.hasOwn(COMMANDS, name)) throw unknownNameError('command', name, Object.keys(COMMANDS));
    const command = COMMANDS[name] as Command;
    helpCommand = `toile ${name} --help`;
    if (globals.help) {
      io.stdout(`${command.summary[lang]}\n${command.usage}\n`);
      return 0;
    }
    bannerHint(rest, io, lang);
    try {
      return await command.run(rest, lang, io);
    } catch (error) {
      // Commands that call parseArgs themselves: their option names are in their usage line.
      throw translateParseError(error, usageOptions(command.usage));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`toile: ${error[lang]}\n${lang === 'fr' ? 'Aide :' : 'Help:'} ${helpCommand}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(lang === 'fr' ? `toile : erreur inattendue : ${message}\n` : `toile: unexpected error: ${message}\n`);
    return 3;
  }
}

let pipeWatched = false;

/**
 * The streams of the running process. When the reader of stdout goes away (`toile export … | head`),
 * the CLI stops at once and quietly, as Unix tools do, instead of dying on an EPIPE stack trace.
 */
export function processIO(): CliIO {
  if (!pipeWatched) {
    pipeWatched = true;
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit();
        throw error;
      });
    }
  }
  return {
    stdout: (t) => process.stdout.write(t),
    stdoutStream: process.stdout,
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.env.INIT_CWD && process.env.npm_lifecycle_event === 'toile' ? process.env.INIT_CWD : process.cwd(),
  };
}
