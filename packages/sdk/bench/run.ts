/** `pnpm bench` for @toile/sdk: runs every benchmark of the package in one process, in order. */
import { run as runLoad } from './load.bench.ts';

await runLoad();
