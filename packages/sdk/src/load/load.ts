/**
 * `loadToile`: one entry point for a Toile document wherever it is — a URL (ofetch, with timeout and
 * abort), a file path in Node (JSON, or a CSV package folder / datapackage.json), JSON text, or an
 * object. Bad data comes back as problems in the result; failing I/O throws a ToileLoadError that
 * says what failed (HTTP status, network, timeout, file).
 */
import { FetchError, ofetch } from 'ofetch';
import { readToileText } from './text.ts';
import { validateToile, type ValidateOptions, type ValidationResult } from '../validate/validate.ts';

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
}

/** The result of {@link loadToile}: the validation result plus where the document came from. */
export interface LoadResult extends ValidationResult {
  source: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const looksLikeJson = (s: string) => /^\uFEFF?\s*[{[]/.test(s);

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  return (await fetchBody(url, options, 'text')) as string;
}

async function fetchBytes(url: string, options: LoadOptions): Promise<Uint8Array> {
  return new Uint8Array((await fetchBody(url, options, 'arrayBuffer')) as ArrayBuffer);
}

async function fetchBody(url: string, options: LoadOptions, responseType: 'text' | 'arrayBuffer'): Promise<string | ArrayBuffer> {
  try {
    return await ofetch(url, {
      responseType,
      timeout: options.timeout ?? 30_000,
      retry: 1,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
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
 * gives, resolved against the descriptor's URL. Paths must stay on the descriptor's origin (a
 * descriptor cannot make the loader fetch another host); a missing table is a problem, not a throw.
 */
async function fetchCsvPackage(url: string, options: LoadOptions): Promise<ValidationResult> {
  const { CSV_TABLE_NAMES } = await import('@toile/schema');
  const { importCsvPackage } = await import('../csv/import.ts');
  const descriptorText = await fetchText(url, options);
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
  const files: Record<string, Uint8Array | string> = { datapackage: descriptorText };
  await Promise.all(
    CSV_TABLE_NAMES.map(async (table) => {
      const target = new URL(paths[table] as string, base);
      if (target.origin !== base.origin) return;
      try {
        files[table] = await fetchBytes(target.href, options);
      } catch (error) {
        // A missing optional table (resources) or a 404 becomes the importer's "missing file" problem.
        if (!(error instanceof ToileLoadError && error.kind === 'http')) throw error;
      }
    }),
  );
  return importCsvPackage(files, options);
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
