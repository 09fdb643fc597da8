/** Telling a Parquet package from other inputs (Node only; no Parquet code is loaded here). */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PARQUET_METADATA_FILE } from '@toile/schema';

/**
 * True when `path` names a Parquet package: a `.parquet` file, `toile-parquet.json`, or a folder
 * holding either `toile-parquet.json` or `establishments.parquet`.
 */
export function isParquetPackagePath(path: string): boolean {
  if (/\.parquet$/i.test(path) || basename(path) === PARQUET_METADATA_FILE) return true;
  try {
    if (!statSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  return existsSync(join(path, PARQUET_METADATA_FILE)) || existsSync(join(path, 'establishments.parquet'));
}
