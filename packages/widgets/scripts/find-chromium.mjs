#!/usr/bin/env node
// Finds Chromium for the browser tests, installing Debian's package when it is missing and we are
// root (test tools cannot download their own browser on these machines). Prints the path.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
let found = candidates.find((p) => p && existsSync(p));
if (!found && process.getuid?.() === 0) {
  console.error('[toile] Chromium not found: installing Debian package "chromium" (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  found = candidates.find((p) => p && existsSync(p));
}
if (!found) {
  console.error('[toile] Chromium is needed for the browser tests: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}
console.log(`[toile] browser tests use ${found}`);
