#!/usr/bin/env node
// Finds a PostgreSQL server for the tests that run against a real one (besides PGlite), installing
// Debian's package when it is missing and we are root, as the widgets' tests do for Chromium.
// Prints the bin folder it found, or says clearly why the real-server tests cannot run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const ROOT = '/usr/lib/postgresql';
const find = () => {
  if (process.env.TOILE_PG_BIN && existsSync(`${process.env.TOILE_PG_BIN}/initdb`)) return process.env.TOILE_PG_BIN;
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(`${ROOT}/${v}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? `${ROOT}/${versions[0]}/bin` : undefined;
};
let found = find();
if (!found && process.getuid?.() === 0) {
  console.error('[toile] PostgreSQL not found: installing Debian package "postgresql" (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  found = find();
}
if (found) console.log(`[toile] real-server tests use PostgreSQL from ${found}`);
else
  console.error(
    '[toile] PostgreSQL is not installed and this is not root: the tests against a real PostgreSQL server will fail. ' +
      'Install it (apt-get install postgresql) or set TOILE_PG_BIN to its bin folder.',
  );
