/**
 * Starts the reference API server on examples/data and prints its URL:
 * `npx tsx examples/api-server/main.ts` (port: `$TOILE_PORT`, `$PORT` or 8787; token: `$TOILE_TOKEN`).
 */
import { fileURLToPath } from 'node:url';
import { createToileServer } from './server.ts';
import { sdkEngines } from './engines.ts';

const token = process.env.TOILE_TOKEN ?? 'dev-token';
const server = await createToileServer({ dataDir: fileURLToPath(new URL('../data', import.meta.url)), token, analysis: sdkEngines });
const { url, close } = await server.listen();
console.log(`Toile API: ${url}/territories`);
console.log(`writes: Authorization: Bearer ${process.env.TOILE_TOKEN ? '$TOILE_TOKEN' : token}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
