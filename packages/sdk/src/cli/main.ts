/**
 * The `toile` command line: a thin layer that parses arguments, calls the SDK and prints. Commands
 * register in COMMANDS. Exit codes: 0 success, 1 invalid input, 2 usage error. No stack trace is
 * ever shown for bad input; an unexpected failure prints one line and exits 3.
 */
import { langFromEnv, UsageError, type CliIO, type Command, type Lang } from './context.ts';
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
};

function helpText(lang: Lang): string {
  const lines = [
    lang === 'fr' ? 'Toile — la toile industrielle du territoire en ligne de commande' : 'Toile — the industrial web of a territory, on the command line',
    '',
    lang === 'fr' ? 'Usage : toile <commande> [options]' : 'Usage: toile <command> [options]',
    '',
  ];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${cmd.summary[lang]}`, `  ${''.padEnd(12)} ${cmd.usage}`);
  lines.push('', lang === 'fr' ? 'Options communes : --lang fr|en, --json, --help' : 'Common options: --lang fr|en, --json, --help');
  return `${lines.join('\n')}\n`;
}

/** Extracts `--lang X` / `--lang=X` from the arguments. */
function takeLang(args: string[], io: CliIO): { lang: Lang; rest: string[] } {
  let lang = langFromEnv(io.env);
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    let value: string | undefined;
    if (a === '--lang') value = args[++i] ?? '';
    else if (a.startsWith('--lang=')) value = a.slice(7);
    else {
      rest.push(a);
      continue;
    }
    if (value !== 'fr' && value !== 'en') throw new UsageError('--lang attend fr ou en', '--lang takes fr or en');
    lang = value;
  }
  return { lang, rest };
}

/** Runs the CLI with `args` (without `node` and the script); returns the exit code. */
export async function runCli(args: string[], io: CliIO): Promise<number> {
  let lang = langFromEnv(io.env);
  try {
    const taken = takeLang(args, io);
    lang = taken.lang;
    const [name, ...rest] = taken.rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(helpText(lang));
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`commande inconnue : ${name}`, `unknown command: ${name}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.summary[lang]}\n${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, lang, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`toile: ${error[lang]}\n${lang === 'fr' ? 'Aide : toile --help' : 'Help: toile --help'}\n`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`toile: ${(error as Error).message}\n${lang === 'fr' ? 'Aide : toile --help' : 'Help: toile --help'}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(lang === 'fr' ? `toile : erreur inattendue : ${message}\n` : `toile: unexpected error: ${message}\n`);
    return 3;
  }
}

/** The streams of the running process. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.env.INIT_CWD && process.env.npm_lifecycle_event === 'toile' ? process.env.INIT_CWD : process.cwd(),
  };
}
