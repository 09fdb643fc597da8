/**
 * Builds and serves the embedding recipes of examples/embed on 127.0.0.1: the CDN bundle of
 * @toile/widgets (built from packages/widgets/vite.cdn.config.ts), the React and Vue pages (built
 * with vite.config.ts here), the sample data (at the root) and the plain HTML pages — csp.html with a strict
 * Content-Security-Policy header. Used by the e2e tests and by `npx tsx examples/embed/serve.ts`.
 */
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The policy csp.html is served with: nothing inline, nothing evaluated, nothing from elsewhere. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";

/** Pages served with the strict policy (the React and Vue builds need nothing more either). */
const CSP_PAGES = new Set(['/csp.html', '/react.html', '/vue.html']);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

/** Where the built pieces are. */
export interface EmbedBuild {
  /** The CDN bundle (toile.js and its chunks). */
  kitDir: string;
  /** A second copy of the bundle, at another URL (for two-kits.html). */
  kitCopyDir: string;
  /** The built React and Vue pages. */
  appsDir: string;
  /** Removes the temporary folder. */
  dispose(): Promise<void>;
}

/** Builds the CDN bundle (and a copy of it) and the React/Vue pages into a temporary folder. */
export async function buildEmbed(): Promise<EmbedBuild> {
  const root = await mkdtemp(join(tmpdir(), 'toile-embed-'));
  const kitDir = join(root, 'kit');
  const kitCopyDir = join(root, 'kit-b');
  const appsDir = join(root, 'apps');
  await build({
    configFile: here('../../packages/widgets/vite.cdn.config.ts'),
    logLevel: 'error',
    build: { outDir: kitDir, emptyOutDir: true, reportCompressedSize: false, sourcemap: false },
  });
  await cp(kitDir, kitCopyDir, { recursive: true });
  await build({ configFile: here('vite.config.ts'), logLevel: 'error', build: { outDir: appsDir, emptyOutDir: true } });
  return { kitDir, kitCopyDir, appsDir, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** A running server. */
export interface EmbedServer {
  /** Base URL, ending with `/`. */
  url: string;
  close(): Promise<void>;
}

/** Serves the recipes: `/kit/` and `/kit-b/` (bundle copies), then the built apps, examples/embed and examples/data. */
export async function serveEmbed(built: Pick<EmbedBuild, 'kitDir' | 'kitCopyDir' | 'appsDir'>, port = 0): Promise<EmbedServer> {
  const mounts: Array<[prefix: string, dir: string]> = [
    ['/kit/', built.kitDir],
    ['/kit-b/', built.kitCopyDir],
    ['/', built.appsDir],
    ['/', here('.')],
    ['/', here('../data')],
  ];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const page = path === '/' ? '/index.html' : path;
      for (const [prefix, dir] of mounts) {
        if (!page.startsWith(prefix)) continue;
        const file = normalize(join(dir, page.slice(prefix.length)));
        // Never serve outside the mounted folder, nor the TypeScript sources of this folder.
        if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep) || /\.(ts|tsx)$/.test(file)) continue;
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) continue;
        const headers: Record<string, string> = {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        };
        if (CSP_PAGES.has(page)) headers['content-security-policy'] = STRICT_CSP;
        response.writeHead(200, headers);
        response.end(await readFile(file));
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
