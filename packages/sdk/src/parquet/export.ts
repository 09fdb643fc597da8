/**
 * Toile document → Parquet package: one Parquet file per table of the CSV template (same columns,
 * typed) and `toile-parquet.json` with the format version, territory and metadata. Browser-safe:
 * gives bytes; `writeParquetPackage` (`@toile/sdk/node`) writes them to a folder.
 */
import { PARQUET_FORMAT, PARQUET_METADATA_FILE, parquetColumns, type CsvTableName, type ToileDocument } from '@toile/schema';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { capabilityRows } from '../csv/capabilities.ts';
import { PARQUET_TABLES, parquetFileOf, tableSchema } from './columns.ts';
import { valueAtPath } from '../util/record-path.ts';

/** The content of `toile-parquet.json`. */
export interface ParquetPackageMetadata {
  /** Always `toile-parquet`. */
  format: string;
  /** Version of the Toile format (`1.0`). */
  toile: string;
  territory: ToileDocument['territory'];
  meta: ToileDocument['meta'];
  /** Rows of each table; a table absent here was absent from the document (`resources`). */
  tables: Partial<Record<CsvTableName, { rows: number }>>;
}

/**
 * What every Toile Parquet file is written with, whatever the form it comes from. Rows per row
 * group: large groups read fast, 100k rows keep a group's columns small in memory.
 */
export const PARQUET_WRITE_DEFAULTS = { rowGroupSize: 100_000, createdBy: 'toile' } as const;

/** The records of a table: capabilities are flattened with their establishment's id. */
function tableRecords(doc: ToileDocument, table: CsvTableName): readonly unknown[] {
  if (table === 'capabilities') return capabilityRows(doc);
  return (doc[table] ?? []) as readonly unknown[];
}

/** One table as Parquet bytes. */
export function parquetTableBytes(doc: ToileDocument, table: CsvTableName): Uint8Array {
  const records = tableRecords(doc, table);
  const columnData: ColumnSource[] = parquetColumns(table).map((column) => {
    const data: unknown[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const value = valueAtPath(records[i], column.csv.path);
      data[i] = value === undefined ? null : value;
    }
    return { name: column.csv.name, data, ...(column.encoding === 'dictionary' ? { encoding: 'RLE_DICTIONARY' as const } : {}) };
  });
  const buffer = parquetWriteBuffer({ schema: tableSchema(table), columnData, ...PARQUET_WRITE_DEFAULTS });
  return new Uint8Array(buffer);
}

/** The metadata of a document's Parquet package. */
export function parquetMetadataOf(doc: ToileDocument): ParquetPackageMetadata {
  const tables: ParquetPackageMetadata['tables'] = {};
  for (const table of PARQUET_TABLES) {
    if (table === 'resources' && doc.resources === undefined) continue;
    tables[table] = { rows: tableRecords(doc, table).length };
  }
  return packageMetadata(doc, tables);
}

function packageMetadata(header: Pick<ToileDocument, 'toile' | 'territory' | 'meta'>, tables: ParquetPackageMetadata['tables']): ParquetPackageMetadata {
  return { format: PARQUET_FORMAT, toile: header.toile, territory: header.territory, meta: header.meta, tables };
}

/** The text of `toile-parquet.json`. */
export function parquetMetadataText(doc: ToileDocument): string {
  return `${JSON.stringify(parquetMetadataOf(doc), null, 2)}\n`;
}

/** The text of `toile-parquet.json` from its parts, for a package written from another form (columns). */
export function parquetMetadataTextOf(header: Pick<ToileDocument, 'toile' | 'territory' | 'meta'>, tables: ParquetPackageMetadata['tables']): string {
  return `${JSON.stringify(packageMetadata(header, tables), null, 2)}\n`;
}

/**
 * Writes a Parquet package: file name → bytes (`establishments.parquet`, `flows.parquet`,
 * `resources.parquet`, `capabilities.parquet` — always the four, so that SQL finds every table —
 * and `toile-parquet.json`). Columns are those of the CSV template, typed (see
 * `packages/schema/templates/README.md`). Apply the audience first (`publishToile`).
 *
 * @example
 * ```ts
 * const files = exportParquetPackage(publishToile(doc, { audience: 'public' }).data);
 * ```
 */
export function exportParquetPackage(doc: ToileDocument): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const table of PARQUET_TABLES) files.set(parquetFileOf(table), parquetTableBytes(doc, table));
  files.set(PARQUET_METADATA_FILE, new TextEncoder().encode(parquetMetadataText(doc)));
  return files;
}
