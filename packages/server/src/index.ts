/**
 * `@toile/server`: the Toile API server. Territories live in PostgreSQL — embedded (PGlite, the
 * default, nothing to install) or a server — one row per record, with the history of every change.
 */
export { createToileServer, READ_ONLY_NOTICE, tokensFromEnvironment } from './server.ts';
export type { AnalysisEngines, ListeningServer, Role, SynergyParams, TokenConfig, ToileServer, ToileServerOptions } from './server.ts';
export { sdkEngines } from './engines.ts';
export { openDatabase, openPglite, openPostgres, type Database, type Queryable, type SqlValue } from './db/database.ts';
export { MIGRATIONS, migrate, schemaVersion, type Migration } from './db/migrations.ts';
export { TerritoryStore, type ChangeEntry, type HistoryQuery, type WritePlan, type WriteSummary } from './store/store.ts';
export { importFolder, type ImportReport } from './store/import.ts';
export type { Provenance, RecordKind } from './store/records.ts';
export { serve, serveUsage, startServe, type Lang, type ServeIO, type Serving } from './cli.ts';
