import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';

/** What `toile serve` needs of `@toile/server` (its `cli` entry). */
interface ServerCli {
  serve(args: string[], lang: Lang, io: Pick<CliIO, 'stdout' | 'stderr' | 'env' | 'cwd'>): Promise<number>;
}

/**
 * The server is its own package (`@toile/server`, with PostgreSQL drivers the SDK does not need),
 * loaded only when this command runs. Its name is a variable so that bundlers and the SDK's build
 * never try to resolve it: the SDK does not depend on the server, the server depends on the SDK.
 */
const SERVER_CLI = '@toile/server/cli';

async function loadServer(): Promise<ServerCli> {
  try {
    return (await import(/* @vite-ignore */ SERVER_CLI)) as ServerCli;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new UsageError(
      'le serveur est un paquet à part : npm install @toile/server (dans le dépôt : pnpm install)',
      'the server is a package of its own: npm install @toile/server (in the repository: pnpm install)',
    );
  }
}

/** `toile serve [DIR] [--db URL|FOLDER] [--port N]` — the API server of `@toile/server`. */
export const serveCommand: Command = {
  summary: {
    fr: 'sert l’API Toile (déclarations, modération, ateliers) sur une base PostgreSQL',
    en: 'serve the Toile API (declarations, moderation, workshops) on a PostgreSQL database',
  },
  usage: 'toile serve [DIR] [--db URL|FOLDER] [--port N]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const server = await loadServer();
    return server.serve(args, lang, io);
  },
};
