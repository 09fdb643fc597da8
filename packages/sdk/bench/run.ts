/** `pnpm bench` for @toile/sdk: runs every benchmark of the package in one process, in order. */
import { run as runLoad } from './load.bench.ts';
import { run as runInterchange } from './interchange.bench.ts';

await runLoad();
await runInterchange();
