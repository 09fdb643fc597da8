/** Starts the reference API server on examples/data: `npx tsx examples/api-server/main.ts`. */
import { fileURLToPath } from 'node:url';
import { createToileServer } from './server.ts';

const server = await createToileServer({
  dataDir: fileURLToPath(new URL('../data', import.meta.url)),
  token: process.env.TOILE_TOKEN ?? 'dev-token',
  port: Number(process.env.PORT ?? 8787),
});
console.log(`Toile API on ${server.url} (writes: Authorization: Bearer ${process.env.TOILE_TOKEN ? '$TOILE_TOKEN' : 'dev-token'})`);
