/**
 * `loadToile`: one entry point for a Toile document wherever it is — a URL (the kit's one HTTP
 * request, `io/http.ts`: a timeout per attempt whether or not a signal is given, abort, one retry),
 * a file path in Node (JSON, or a CSV package folder / datapackage.json), JSON text, or an object.
 * Bad data comes back as problems in the result; failing I/O throws a ToileLoadError that says
 * what failed (HTTP status, network, timeout, abort, file), in French and English.
 */
import { describeFailure, httpRequest, ToileRequestError, type HttpFailure, type RequestErrorKind } from '../io/http.ts';
import { readToileText } from './text.ts';
import { validateToile, type Problem, type ValidateOptions, type ValidationResult } from '../validate/validate.ts';
import type { CsvTableName } from '@toile/schema';

/** Why a document could not be fetched or read. */
export type LoadErrorKind = RequestErrorKind;

/**
 * A document could not be fetched or read (bad data never throws: see the result's problems). A
 * {@link ToileRequestError}: `message` (`en`) in English, `fr` in French.
 */
export class ToileLoadError extends ToileRequestError {
  override readonly name: string = 'ToileLoadError';
  /** The URL or path asked for. */
  readonly source: string;
  /** HTTP status of an `http` failure; undefined otherwise. */
  readonly status: number | undefined;

  /** `message` is the English text; `more.fr` the French one (default: the English one). */
  constructor(message: string, kind: LoadErrorKind, source: string, status?: number, more: { fr?: string; cause?: unknown } = {}) {
    super({ kind, en: message, fr: more.fr ?? message, cause: more.cause });
    this.source = source;
    this.status = status;
  }
}

/** The ToileLoadError of a failed request. */
function loadError(failure: HttpFailure): ToileLoadError {
  const { fr, en } = describeFailure(failure);
  return new ToileLoadError(en, failure.kind, failure.url, failure.kind === 'http' ? failure.status : undefined, { fr, cause: failure.cause });
}

/** Options of {@link loadToile}. */
export interface LoadOptions extends ValidateOptions {
  /** Milliseconds before a URL load is given up, per attempt (default 30 000), also when `signal` is given. */
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

/** One document or table over HTTP: `timeout` per attempt (default 30 s) even with a signal, one retry. */
function fetchBody(url: string, options: LoadOptions, responseType: 'text' | 'arrayBuffer'): Promise<{ data: string | ArrayBuffer; url: string }> {
  return httpRequest<string | ArrayBuffer>(
    url,
    { responseType, timeout: options.timeout ?? 30_000, retries: 1, signal: options.signal, ...(options.headers ? { headers: options.headers } : {}) },
    loadError,
  );
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
    refused.set(table, {
      pointer: '',
      severity: 'error',
      code: 'file-outside-package',
      message: semanticMessage('file-outside-package', params),
      params,
      location: { file },
    });
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
