/**
 * A throwaway PostgreSQL cluster on a free local port (Debian's server, found as
 * packages/server/scripts/find-postgres.mjs finds it), for the server's `postgres` test project
 * (postgres-setup.ts), its benchmark (bench/run.ts) and the survey's end-to-end test. As root, the cluster runs as the `postgres` user (initdb refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = '/usr/lib/postgresql';

/** A running cluster. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication). */
  url: string;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** The bin folder of the newest installed PostgreSQL (or `$TOILE_PG_BIN`), or undefined. */
export function findPostgresBin(): string | undefined {
  const env = process.env.TOILE_PG_BIN;
  if (env && existsSync(join(env, 'initdb'))) return env;
  const versions = existsSync(ROOT) ? readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return latest ? join(ROOT, latest, 'bin') : undefined;
}

function binFolder(): string {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: run the tests as root (they install Debian’s "postgresql") or install it, or set TOILE_PG_BIN — ' +
        'PostgreSQL n’est pas installé : lancez les tests en root ou installez-le',
    );
  }
  return bin;
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

/** Starts a new cluster in a temporary folder (initdb, then pg_ctl start; fsync off). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
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
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
