/**
 * Size limits on reading files. A file is decoded into one string before it is parsed, and V8 (Node,
 * Chromium) cannot hold a string longer than 2^29 − 24 characters: past that, decoding aborts the
 * whole process with a fatal error instead of throwing. So sizes are checked before reading, and a
 * file too large is refused with a located problem naming the limit, never a crash.
 */
import type { Problem, ValidationResult } from '../validate/validate.ts';
import { semanticMessage } from '../validate/messages.ts';

/** V8's longest string on 64-bit platforms, in UTF-16 code units (Node ≥ 14, Chromium). */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/** Default largest file read (500 MiB): below V8's longest string, with room for the parser. */
export const DEFAULT_MAX_FILE_BYTES = 500 * 1024 * 1024;

/**
 * The largest file size read under a `maxFileBytes` option: the option when given (the default
 * otherwise), never more than a decoded string can hold.
 */
export function fileSizeLimit(maxFileBytes?: number): number {
  const asked = maxFileBytes !== undefined && Number.isFinite(maxFileBytes) && maxFileBytes >= 0 ? maxFileBytes : DEFAULT_MAX_FILE_BYTES;
  return Math.min(asked, MAX_STRING_LENGTH);
}

const mb = (bytes: number): number => Math.ceil((bytes / 1048576) * 10) / 10;

/**
 * Heap bytes per byte of CSV a table may take once read, validated and kept (measured: about 10 on
 * generated territories), times two: a package has two large tables, establishments and flows.
 */
const HEAP_PER_CSV_BYTE = 20;

/**
 * The same for a table read into columns (`readCsvColumns`): typed arrays, dictionaries and the
 * text cells kept, 1.65 heap bytes per CSV byte measured on a generated 400k / 2M package (143 MB
 * of CSV, 235 MB of heap once read and validated), times two for what reading leaves to collect.
 */
export const HEAP_PER_CSV_COLUMNS_BYTE = 4;

/**
 * The largest file read as a stream (CSV tables from disk). It is never one string, so V8's longest
 * string does not bound it; its records do have to fit in the heap, whose overflow aborts the
 * process. Default: 500 MiB or 1/20 of the heap limit (`heapBytes`), the smaller (about 200 MiB
 * with Node's usual 4 GiB heap, more with `--max-old-space-size`); the option overrides it.
 */
export function streamedFileLimit(
  maxFileBytes: number | undefined,
  heapBytes: number,
  into: 'records' | 'columns' = 'records',
): { bytes: number; streamed: true; heapMb?: number } {
  if (maxFileBytes !== undefined && Number.isFinite(maxFileBytes) && maxFileBytes >= 0) return { bytes: maxFileBytes, streamed: true };
  // Columns have no default cap but the heap: a national table is what they are for.
  const byHeap = Math.floor(heapBytes / (into === 'columns' ? HEAP_PER_CSV_COLUMNS_BYTE : HEAP_PER_CSV_BYTE));
  const cap = into === 'columns' ? Number.POSITIVE_INFINITY : DEFAULT_MAX_FILE_BYTES;
  return byHeap < cap ? { bytes: byHeap, streamed: true, heapMb: mb(heapBytes) } : { bytes: cap, streamed: true };
}

/**
 * The `file-too-large` problem for a file of `size` bytes above `limit`. `streamed`: the file would
 * be read as a stream, so the limit can be raised beyond V8's longest string; `heapMb`: the limit
 * comes from the heap size, which `--max-old-space-size` raises.
 */
export function fileTooLargeProblem(file: string, size: number, limit: number, streamed = false, heapMb?: number): Problem {
  const params = {
    file,
    size,
    limit,
    sizeMb: mb(size),
    limitMb: mb(limit),
    ...(streamed ? {} : { maxMb: mb(MAX_STRING_LENGTH) }),
    ...(heapMb ? { heapMb } : {}),
  };
  return { pointer: '', severity: 'error', code: 'file-too-large', message: semanticMessage('file-too-large', params), params, location: { file } };
}

/** The result of a file that was not read: no data, its one problem. */
export function refusedResult(problem: Problem): ValidationResult {
  return {
    valid: false,
    data: null,
    problems: [problem],
    errors: 1,
    warnings: 0,
    truncated: false,
    removed: { establishments: 0, flows: 0, resources: 0 },
  };
}
