#!/usr/bin/env node
// The published `toile-serve` command: `toile serve` from the built package (see src/cli.ts).
import { serve } from '../dist/src/cli.js';

const env = process.env;
const lang = /^en\b|^en_/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'en' : 'fr';
process.exitCode = await serve(process.argv.slice(2), lang, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env,
  cwd: process.cwd(),
});
