/**
 * `toile serve [DIR] [--db URL|FOLDER] [--port N]`: the Toile API server, started from the command
 * line (`pnpm toile serve` in the repository, `toile-serve` when installed).
 *
 * - `DIR` (default: the current folder) is a folder of `*.toile.json` documents imported at start
 *   (new or changed files only).
 * - `--db` (or `$TOILE_DB`): a `postgres://…` URL, or a folder for the embedded PostgreSQL (PGlite).
 *   Default: `DIR/.toile-db`.
 * - `--port` (or `$TOILE_PORT`, `$PORT`): default 8787, on 127.0.0.1.
 * - `--cors` (or `$TOILE_CORS_ORIGINS`): comma-separated origins of the pages allowed to call the
 *   server from a browser (the CCI's site embedding the declaration form). Default: none.
 * - `--trust-proxy` (or `TOILE_TRUST_PROXY=1`): behind the agency's reverse proxy, read the client's
 *   address from `X-Forwarded-For` (for the hourly limits of anonymous declarations).
 * - Tokens from the environment only: `TOILE_TOKEN` (the agency's), `TOILE_PARTNER_TOKENS`
 *   (comma-separated). Without `TOILE_TOKEN` the server is read-only and says so.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresUrl, redactUrl } from './db/database.ts';
import { sdkEngines } from './engines.ts';
import { createToileServer, tokensFromEnvironment, type ListeningServer, type ToileServer } from './server.ts';

/** The user's language. */
export type Lang = 'fr' | 'en';

/** Where the command writes, and what it reads of its environment. */
export interface ServeIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A started server, for callers (and tests) that stop it themselves. */
export interface Serving {
  server: ToileServer;
  listening: ListeningServer;
  /** Stops listening and closes the database. */
  stop(): Promise<void>;
}

/** Usage, in the user's language. */
export function serveUsage(lang: Lang): string {
  return lang === 'fr'
    ? 'Usage : toile serve [DOSSIER] [--db URL|DOSSIER] [--port N] [--cors ORIGINES] [--trust-proxy] — jetons : TOILE_TOKEN (agence), TOILE_PARTNER_TOKENS (partenaires)\n'
    : 'Usage: toile serve [DIR] [--db URL|FOLDER] [--port N] [--cors ORIGINS] [--trust-proxy] — tokens: TOILE_TOKEN (agency), TOILE_PARTNER_TOKENS (partners)\n';
}

/** Reads the arguments; throws an Error with a bilingual message on a usage problem. */
function readArgs(args: string[], io: ServeIO) {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' }, cors: { type: 'string' }, 'trust-proxy': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new Error('un seul dossier — one folder only');
  const portText = values.port ?? io.env.TOILE_PORT ?? io.env.PORT;
  const port = portText === undefined ? 8787 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port invalide : ${portText} — invalid port: ${portText}`);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const db = values.db ?? io.env.TOILE_DB;
  const corsOrigins = (values.cors ?? io.env.TOILE_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`origine invalide : ${origin} — invalid origin: ${origin} (https://host[:port])`);
  const trustProxy = values['trust-proxy'] === true || io.env.TOILE_TRUST_PROXY === '1';
  return { dir, port, corsOrigins, trustProxy, database: db && !isPostgresUrl(db) ? resolve(io.cwd, db) : db };
}

/** Starts the server the arguments describe and says where it listens. */
export async function startServe(args: string[], lang: Lang, io: ServeIO): Promise<Serving> {
  const { dir, port, database, corsOrigins, trustProxy } = readArgs(args, io);
  const { agency, partners } = tokensFromEnvironment(io.env);
  const server = await createToileServer({
    dataDir: dir,
    database,
    corsOrigins,
    trustProxy,
    token: agency,
    partnerTokens: partners,
    analysis: sdkEngines,
    log: (message, details) => io.stderr(`[toile serve] ${message}${details === undefined ? '' : ` ${String(details)}`}\n`),
  });
  const listening = await server.listen(port);
  const where = server.store.db.engine === 'pglite' ? server.store.db.location : redactUrl(server.store.db.location);
  const fr = lang === 'fr';
  io.stdout(`Toile API: ${listening.url}/territories\n`);
  io.stdout(`${fr ? 'base' : 'database'}: ${server.store.db.engine} ${where}\n`);
  if (server.imported)
    io.stdout(
      fr
        ? `importés : ${server.imported.imported.length}, inchangés : ${server.imported.unchanged.length}, ignorés : ${server.imported.skipped.length} (${dir})\n`
        : `imported: ${server.imported.imported.length}, unchanged: ${server.imported.unchanged.length}, skipped: ${server.imported.skipped.length} (${dir})\n`,
    );
  io.stdout(
    server.writable
      ? fr
        ? 'écritures : Authorization: Bearer $TOILE_TOKEN\n'
        : 'writes: Authorization: Bearer $TOILE_TOKEN\n'
      : fr
        ? 'lecture seule : définissez TOILE_TOKEN pour écrire\n'
        : 'read-only: set TOILE_TOKEN to write\n',
  );
  if (partners?.length) io.stdout(fr ? `${partners.length} jeton(s) partenaire(s)\n` : `${partners.length} partner token(s)\n`);
  return { server, listening, stop: () => listening.close().then(() => server.shutdown()) };
}

/** `toile serve`: serves until SIGINT or SIGTERM, then closes the database. Exit code 2 on a usage error. */
export async function serve(args: string[], lang: Lang, io: ServeIO): Promise<number> {
  let serving: Serving;
  try {
    serving = await startServe(args, lang, io);
  } catch (error) {
    io.stderr(`toile serve: ${error instanceof Error ? error.message : String(error)}\n${serveUsage(lang)}`);
    return 2;
  }
  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
  });
  await serving.stop();
  return 0;
}
