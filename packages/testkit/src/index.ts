/**
 * @toile/testkit — the workspace's fixtures, for every package's tests and benchmarks, in Node and
 * the browser: seeded random, and generated territories of any size. Node-only parts (files, the
 * in-process CLI) are in `@toile/testkit/node`. Private: never published.
 */
export { mulberry32 } from '@toile/sdk';
export { generateTerritory, type GenerateOptions } from './territory.ts';
export { generateMapTerritory, type MapTerritoryOptions } from './map-territory.ts';
export { generateNetwork } from './network.ts';
