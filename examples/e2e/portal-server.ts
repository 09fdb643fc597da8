/**
 * The example portal served as `npm start` serves it — vite on 127.0.0.1, a free port, a fresh
 * dependency cache, no hot reload — for the browser tests of the portal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/** A running portal: its base URL and how to stop it. */
export interface Portal {
  base: string;
  close(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'toile-portal-vite-'));
  const server = await createServer({
    configFile: fileURLToPath(new URL('../portal/vite.config.ts', import.meta.url)),
    // A fresh dependency cache: the run sees what a newcomer's first `npm start` sees.
    cacheDir,
    logLevel: 'error',
    // No hot reload and no file watching: an edit elsewhere must not reload a page under test.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  return {
    base: server.resolvedUrls!.local[0]!,
    async close() {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
