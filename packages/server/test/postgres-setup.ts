/**
 * Vitest global set-up of the `postgres` project: starts a throwaway PostgreSQL cluster on a free
 * local port (Debian's server, found by scripts/find-postgres.mjs), provides its URL to the tests,
 * and stops and removes it afterwards. As root, the cluster runs as the `postgres` user (initdb
 * refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const ROOT = '/usr/lib/postgresql';

function binFolder(): string {
  const env = process.env.TOILE_PG_BIN;
  if (env && existsSync(join(env, 'initdb'))) return env;
  const versions = existsSync(ROOT) ? readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!latest) {
    throw new Error(
      'PostgreSQL is not installed: run the tests as root (they install Debian’s "postgresql") or install it, or set TOILE_PG_BIN — ' +
        'PostgreSQL n’est pas installé : lancez les tests en root ou installez-le',
    );
  }
  return join(ROOT, latest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = binFolder();
  const dir = mkdtempSync(join(tmpdir(), 'toile-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe', cwd: dir });
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
