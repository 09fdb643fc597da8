/**
 * The survey example (issue #14): the Toile API server (`@toile/server`) on a copy of the sample
 * territory, and three pages served by vite on 127.0.0.1 that reach it through `/api` on their own
 * origin (a reverse proxy, as a CCI's site would put in front of it):
 *
 * - `declarer.html` — a company's declaration form (its personal link carries `#invitation=…`);
 * - `agence.html` — the agency's moderation queue and workshop (the token is typed in, never in the address);
 * - `publique.html` — the toile as the public sees it, read from the API.
 *
 * `npx tsx examples/survey/serve.ts` starts both and prints an invitation link; `TOILE_DB` names the
 * database (a PGlite folder, default a temporary one, or `postgres://…`). Used by e2e/survey.test.ts.
 */
import { copyFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { createToileClient } from '@toile/sdk';
import { createToileServer, sdkEngines, type ListeningServer, type ToileServer } from '@toile/server';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The sample territory's id. */
export const TERRITORY = 'estuaire-vire-marine';

/** A running survey: the API, the pages, and how to stop them. */
export interface Survey {
  /** The pages' base URL (`…/declarer.html`, `…/agence.html`, `…/publique.html`). */
  base: string;
  /** The API server's own URL. */
  api: string;
  server: ToileServer;
  /** Stops the API server only (the database stays), for a restart. */
  stopApi(): Promise<void>;
  /** Starts the API server again on the same database and folder. */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

interface SurveyOptions {
  /** The agency's token. */
  token: string;
  /** The database: a PGlite folder (default: a temporary one) or a `postgres://` URL. */
  database?: string | undefined;
}

async function startApi(
  dataDir: string,
  options: SurveyOptions & { database: string },
  port = 0,
): Promise<{ server: ToileServer; listening: ListeningServer }> {
  const server = await createToileServer({
    dataDir,
    database: options.database,
    token: options.token,
    analysis: sdkEngines,
    log: (m) => console.error(`[api] ${m}`),
  });
  return { server, listening: await server.listen(port) };
}

/** Starts the API server and the pages' vite server; `/api` on the pages' origin reaches the API. */
export async function startSurvey(options: SurveyOptions): Promise<Survey> {
  const root = await mkdtemp(join(tmpdir(), 'toile-survey-'));
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  await copyFile(here('../data/port-estuaire.toile.json'), join(dataDir, 'port-estuaire.toile.json'));
  const settings = { ...options, database: options.database ?? join(root, 'db') };
  let api = await startApi(dataDir, settings);
  const port = Number(new URL(api.listening.url).port);
  const vite: ViteDevServer = await createServer({
    configFile: false,
    root: here('.'),
    cacheDir: join(root, 'vite'),
    logLevel: 'error',
    resolve: { conditions: ['toile-source', ...defaultClientConditions] },
    server: {
      host: '127.0.0.1',
      port: 0,
      hmr: false,
      watch: null,
      fs: { allow: [here('../..')] },
      proxy: { '/api': { target: `http://127.0.0.1:${port}`, rewrite: (path) => path.replace(/^\/api/, '') } },
    },
  });
  await vite.listen();
  const survey: Survey = {
    base: vite.resolvedUrls!.local[0]!,
    api: api.listening.url,
    get server() {
      return api.server;
    },
    async stopApi() {
      await api.listening.close();
      await api.server.shutdown();
    },
    async restartApi() {
      // The same port, so the pages' proxy reaches the new process.
      api = await startApi(dataDir, settings, port);
    },
    async close() {
      await vite.close();
      await api.listening.close().catch(() => undefined);
      await api.server.shutdown().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  return survey;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const token = process.env.TOILE_TOKEN;
  if (!token) {
    console.error('TOILE_TOKEN manque : le jeton de l’agence est requis — TOILE_TOKEN is missing: the agency’s token is required');
    process.exit(2);
  }
  const survey = await startSurvey({ token, database: process.env.TOILE_DB });
  const api = createToileClient({ baseURL: survey.api, token });
  const invitation = await api.createInvitation(TERRITORY, { label: 'exemple' });
  console.log(`API: ${survey.api}/territories`);
  console.log(`déclarer / declare: ${survey.base}declarer.html#invitation=${invitation.token}`);
  console.log(`agence / agency: ${survey.base}agence.html`);
  console.log(`public: ${survey.base}publique.html`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void survey.close().then(() => process.exit(0)));
}
