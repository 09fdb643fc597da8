/**
 * Columnar form → Parquet package on disk (Node only), streamed: each table file is written row
 * group by row group, each group's column slices made straight from the typed and dictionary
 * columns (no object per record), encoded by hyparquet-writer and sent to the file before the next
 * group is made. Memory stays about one row group beyond the columns. The files are those
 * `writeParquetPackage` writes for the document of the same records: same schema, encodings, row
 * groups and `toile-parquet.json`.
 */
import { open, mkdir, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PARQUET_METADATA_FILE, parquetColumns, type CsvTableName } from '@toile/schema';
import { ByteWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import type { Column, TableColumns, ToileColumns } from '../columnar/columns.ts';
import { PARQUET_TABLES, parquetFileOf, tableSchema } from './columns.ts';
import { PARQUET_WRITE_DEFAULTS, parquetMetadataTextOf, type ParquetPackageMetadata } from './export.ts';

/** Options of {@link writeParquetColumns}. */
export interface ParquetColumnsWriteOptions {
  /** Rows per row group (default 100,000, as `writeParquetPackage`): the memory a table file costs while written. */
  rowGroupSize?: number;
}

/**
 * hyparquet-writer's byte buffer, emptied into the file after each row group (`flush`, awaited by
 * `ParquetWriter` before it encodes the next group) and at the end. hyparquet-writer's own
 * `fileWriter` (`hyparquet-writer` in Node) writes synchronously and reopens the file every
 * megabyte; this one keeps one handle and lets the event loop run.
 */
class FileByteWriter extends ByteWriter {
  readonly #handle: FileHandle;

  constructor(handle: FileHandle) {
    super(1 << 20);
    this.#handle = handle;
  }

  /** Sends the bytes buffered so far to the file; nothing is appended until it resolves. */
  async flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    for (let done = 0; done < bytes.length;) done += (await this.#handle.write(bytes, done, bytes.length - done)).bytesWritten;
    this.index = 0;
  }

  override finish(): Promise<void> {
    return this.flush();
  }

  override getBuffer(): ArrayBuffer {
    throw new Error('FileByteWriter writes to a file: it holds no whole buffer');
  }

  override getBytes(): Uint8Array<ArrayBuffer> {
    throw new Error('FileByteWriter writes to a file: it holds no whole buffer');
  }
}

/**
 * Rows `start` to `end` of a column as hyparquet-writer takes them: `null` where a record has no
 * value, else the value the record holds (dictionary strings are shared, not copied).
 */
function columnSlice(column: Column | undefined, start: number, end: number): unknown[] {
  const out: unknown[] = new Array(end - start).fill(null);
  if (!column) return out;
  switch (column.type) {
    case 'number':
      for (let r = start; r < end; r++) {
        const v = column.values[r]!;
        if (!Number.isNaN(v)) out[r - start] = v;
      }
      return out;
    case 'boolean':
      for (let r = start; r < end; r++) {
        const v = column.values[r]!;
        if (v !== 0) out[r - start] = v === 2;
      }
      return out;
    case 'code':
      for (let r = start; r < end; r++) {
        const c = column.codes[r]!;
        if (c !== 0) out[r - start] = column.dictionary[c - 1];
      }
      return out;
    case 'text':
    case 'list':
      for (let r = start; r < end; r++) out[r - start] = column.values[r] ?? null;
      return out;
  }
}

/** One table's Parquet file at `path`, written row group by row group. */
async function writeTableFile(path: string, table: CsvTableName, columns: TableColumns, rowGroupSize: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const writer = new FileByteWriter(handle);
    const parquet = new ParquetWriter({ writer, schema: tableSchema(table), createdBy: PARQUET_WRITE_DEFAULTS.createdBy });
    const template = parquetColumns(table);
    for (let start = 0; start < columns.rows; start += rowGroupSize) {
      const end = Math.min(columns.rows, start + rowGroupSize);
      const columnData: ColumnSource[] = template.map((column) => ({
        name: column.csv.name,
        data: columnSlice(columns.columns[column.csv.name], start, end),
        ...(column.encoding === 'dictionary' ? { encoding: 'RLE_DICTIONARY' as const } : {}),
      }));
      // One call per group: only this group's slices are alive; the writer flushes it to the file.
      await parquet.write({ columnData, rowGroupSize: end - start });
    }
    await parquet.finish();
  } finally {
    await handle.close();
  }
}

/**
 * Writes the columnar form as a Parquet package into the folder `dir` (created if needed): the four
 * table files and `toile-parquet.json`, as `writeParquetPackage` writes them for the document of the
 * same records, but streamed row group by row group from the columns — a national package is
 * published without one object per record. Gives back the paths written. Apply the audience first
 * (`publishColumns`).
 *
 * @example
 * ```ts
 * import { readParquetColumns, writeParquetColumns } from '@toile/sdk/node';
 * const { data } = await readParquetColumns('france/');
 * await writeParquetColumns('france-public/', publishColumns(data!, { audience: 'public' }).data);
 * ```
 */
export async function writeParquetColumns(dir: string, columns: ToileColumns, options: ParquetColumnsWriteOptions = {}): Promise<string[]> {
  const rowGroupSize = options.rowGroupSize ?? PARQUET_WRITE_DEFAULTS.rowGroupSize;
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) throw new RangeError(`rowGroupSize must be a positive integer (got ${rowGroupSize})`);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const tables: ParquetPackageMetadata['tables'] = {};
  for (const table of PARQUET_TABLES) {
    const path = join(dir, parquetFileOf(table));
    await writeTableFile(path, table, columns.tables[table], rowGroupSize);
    tables[table] = { rows: columns.tables[table].rows };
    written.push(path);
  }
  const path = join(dir, PARQUET_METADATA_FILE);
  await writeFile(path, parquetMetadataTextOf(columns, tables));
  written.push(path);
  return written;
}
