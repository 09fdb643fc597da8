/**
 * `loadToile`: one entry point for a Toile document wherever it is — a URL (ofetch, with timeout and
 * abort), a file path in Node (JSON, or a CSV package folder / datapackage.json), JSON text, or an
 * object. Bad data comes back as problems in the result; failing I/O throws a ToileLoadError that
 * says what failed (HTTP status, network, timeout, file).
 */
import { FetchError, ofetch } from 'ofetch';
import { readToileText } from './text.ts';
import { validateToile, type Problem, type ValidateOptions, type ValidationResult } from '../validate/validate.ts';
import type { CsvTableName } from '@toile/schema';

/** Why a document could not be fetched or read. */
export type LoadErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'file';

/** A document could not be fetched or read (bad data never throws: see the result's problems). */
export class ToileLoadError extends Error {
  override readonly name = 'ToileLoadError';
  constructor(
    message: string,
    readonly kind: LoadErrorKind,
    readonly source: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Options of {@link loadToile}. */
export interface LoadOptions extends ValidateOptions {
  /** Milliseconds before a URL load is given up (default 30 000). */
  timeout?: number;
  signal?: AbortSignal;
  /** Extra HTTP headers (an `Authorization` bearer, say). */
  headers?: Record<string, string>;
  /**
   * Largest file or CSV table read, in bytes (default 500 MiB, at most V8's longest string): a
   * larger one is refused with a `file-too-large` problem instead of aborting the process.
   */
  maxFileBytes?: number;
}

/** The result of {@link loadToile}: the validation result plus where the document came from. */
export interface LoadResult extends ValidationResult {
  source: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const looksLikeJson = (s: string) => /^\uFEFF?\s*[{[]/.test(s);

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  return (await fetchBody(url, options, 'text')).data as string;
}

/** The bytes at `url` and the URL they finally came from, after redirects. */
async function fetchBytes(url: string, options: LoadOptions): Promise<{ bytes: Uint8Array; url: string }> {
  const body = await fetchBody(url, options, 'arrayBuffer');
  return { bytes: new Uint8Array(body.data as ArrayBuffer), url: body.url };
}

async function fetchBody(url: string, options: LoadOptions, responseType: 'text' | 'arrayBuffer'): Promise<{ data: string | ArrayBuffer; url: string }> {
  try {
    const response = await ofetch.raw(url, {
      responseType,
      timeout: options.timeout ?? 30_000,
      retry: 1,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    return { data: response._data as string | ArrayBuffer, url: response.url || url };
  } catch (error) {
    if (error instanceof FetchError) {
      const status = error.statusCode ?? error.status;
      if (status) throw new ToileLoadError(`HTTP ${status} ${error.statusText ?? ''} for ${url}`.trim(), 'http', url, status);
      const cause = error.cause as { name?: string } | undefined;
      if (options.signal?.aborted) throw new ToileLoadError(`loading ${url} was aborted`, 'aborted', url);
      if (cause?.name === 'TimeoutError' || /timeout/i.test(error.message)) {
        throw new ToileLoadError(`no answer from ${url} within ${options.timeout ?? 30_000} ms`, 'timeout', url);
      }
      throw new ToileLoadError(`cannot reach ${url}: ${error.message}`, 'network', url);
    }
    throw error;
  }
}

const isDataPackageUrl = (url: string) => /\/datapackage\.json$/i.test(new URL(url).pathname);

/**
 * A CSV data package over HTTP: its `datapackage.json`, then each table at the path the descriptor
 * gives, resolved against the descriptor's URL. Tables must stay on the descriptor's origin (the
 * one given, or the one it redirected to), after redirects too: a table whose path names another
 * origin, or that a server redirects to another origin, is refused with a `file-outside-package`
 * problem and its bytes are not used. A missing table is a problem, not a throw.
 */
async function fetchCsvPackage(url: string, options: LoadOptions): Promise<ValidationResult> {
  const { CSV_TABLE_NAMES } = await import('@toile/schema');
  const { importCsvFiles } = await import('../csv/import.ts');
  const { semanticMessage } = await import('../validate/messages.ts');
  const descriptorBody = await fetchBody(url, options, 'text');
  const descriptorText = descriptorBody.data as string;
  const paths: Record<string, string> = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, `${t}.csv`]));
  try {
    const descriptor = JSON.parse(descriptorText.replace(/^\uFEFF/, '')) as { resources?: { name?: unknown; path?: unknown }[] };
    for (const resource of descriptor.resources ?? []) {
      const name = String(resource.name);
      if (name in paths && typeof resource.path === 'string') paths[name] = resource.path;
    }
  } catch {
    // A broken descriptor only loses its territory and metadata: the tables are still read.
  }
  const base = new URL(url);
  const origins = new Set([base.origin, new URL(descriptorBody.url).origin]);
  const files: Record<string, Uint8Array | string> = { datapackage: descriptorText };
  const refused = new Map<CsvTableName, Problem>();
  const refuse = (table: CsvTableName, origin: string) => {
    const file = `${table}.csv`;
    const params = { file, reason: `autre origine : ${origin}`, reasonEn: `another origin: ${origin}` };
    refused.set(table, { pointer: '', severity: 'error', code: 'file-outside-package', message: semanticMessage('file-outside-package', params), params, location: { file } });
  };
  await Promise.all(
    CSV_TABLE_NAMES.map(async (table) => {
      const target = new URL(paths[table] as string, base);
      if (!origins.has(target.origin)) return refuse(table, target.origin);
      try {
        const fetched = await fetchBytes(target.href, options);
        // Redirects are followed by fetch: the origin is checked again where the bytes came from.
        const origin = new URL(fetched.url).origin;
        if (!origins.has(origin)) return refuse(table, origin);
        files[table] = fetched.bytes;
      } catch (error) {
        // A missing optional table (resources) or a 404 becomes the importer's "missing file" problem.
        if (!(error instanceof ToileLoadError && error.kind === 'http')) throw error;
      }
    }),
  );
  return importCsvFiles(files, options, refused);
}

/** A file path: read in Node by `read-path.node.ts`, refused elsewhere (the `#read-path` import of package.json picks one). */
async function readPath(path: string, options: LoadOptions): Promise<ValidationResult> {
  const { readPath: read } = await import('#read-path');
  return read(path, options);
}

/**
 * Loads and validates a Toile document from a URL, a file path (Node), JSON text or an object.
 *
 * @example
 * ```ts
 * const { data, problems } = await loadToile('https://portal.example/toile.json', { timeout: 10_000 });
 * ```
 */
export async function loadToile(source: string | object, options: LoadOptions = {}): Promise<LoadResult> {
  if (typeof source !== 'string') return { ...validateToile(source, options), source: '(object)' };
  if (looksLikeJson(source)) return { ...readToileText(source, options), source: '(text)' };
  if (isUrl(source) && isDataPackageUrl(source)) return { ...(await fetchCsvPackage(source, options)), source };
  if (isUrl(source)) return { ...readToileText(await fetchText(source, options), options), source };
  return { ...(await readPath(source, options)), source };
}
