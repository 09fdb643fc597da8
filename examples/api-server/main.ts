/**
 * Starts the reference API server and prints its URL: `npx tsx examples/api-server/main.ts`.
 *
 * Environment: `TOILE_TOKEN` (the agency's token: reads everything, writes; without it the server is
 * read-only), `TOILE_PARTNER_TOKENS` (partners' tokens, comma-separated: read up to `partners`),
 * `TOILE_PORT` or `PORT` (default 8787), `TOILE_DATA_DIR` (default examples/data).
 */
import { fileURLToPath } from 'node:url';
import { createToileServer, tokensFromEnvironment } from './server.ts';
import { sdkEngines } from './engines.ts';

const { agency, partners } = tokensFromEnvironment();
const dataDir = process.env.TOILE_DATA_DIR || fileURLToPath(new URL('../data', import.meta.url));
const server = await createToileServer({ dataDir, token: agency, partnerTokens: partners, analysis: sdkEngines });
const { url, close } = await server.listen();
console.log(`Toile API: ${url}/territories`);
console.log(
  server.writable
    ? 'écritures : Authorization: Bearer $TOILE_TOKEN — writes: Authorization: Bearer $TOILE_TOKEN'
    : 'lecture seule : définissez TOILE_TOKEN pour écrire — read-only: set TOILE_TOKEN to write',
);
if (partners?.length) console.log(`${partners.length} jeton(s) partenaire(s) — partner token(s)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
