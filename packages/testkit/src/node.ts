/** @toile/testkit/node — the fixtures that need Node.js: territories written to files, the CLI run in-process. */
export * from './index.ts';
export { writeTerritory } from './write-territory.ts';
export { cliIn, type CliRun } from './cli.ts';
