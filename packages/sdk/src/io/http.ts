/**
 * The kit's one HTTP request: ofetch with a per-attempt deadline combined with the caller's
 * AbortSignal (`AbortSignal.any`, so a caller's signal never switches the timeout off), retries of
 * failures that may pass the next time, and one reading of what went wrong — `http`, `network`,
 * `timeout` or `aborted` — into the kit's one error type, {@link ToileRequestError}.
 * `loadToile` and the API client both fetch here; they only add what they know (the operation, the
 * source) to the error.
 */
import { FetchError, ofetch, type $Fetch, type ResponseType } from 'ofetch';

/** Why a request got no usable answer: `http` an error status; `network` no answer (refused, reset, DNS); `timeout` none in time; `aborted` the caller's signal fired. */
export type HttpErrorKind = 'http' | 'network' | 'timeout' | 'aborted';

/** What failed: an HTTP request, or (`file`) a file that could not be read. */
export type RequestErrorKind = HttpErrorKind | 'file';

/** What {@link ToileRequestError} is built from. */
export interface ToileRequestErrorInit {
  kind: RequestErrorKind;
  /** The message in French. */
  fr: string;
  /** The message in English (also the error's `message`). */
  en: string;
  cause?: unknown;
}

/**
 * A document, a file or an API answer could not be fetched or read: the kit's one error type
 * (`ToileLoadError` from `loadToile`, `ToileApiError` from the API client extend it). `kind` says
 * what failed; the message is in English (`message`, `en`) and French (`fr`).
 *
 * @example
 * ```ts
 * try {
 *   await loadToile(url, { signal, timeout: 10_000 });
 * } catch (error) {
 *   if (error instanceof ToileRequestError && error.kind === 'timeout') show(error.fr);
 * }
 * ```
 */
export class ToileRequestError extends Error {
  override readonly name: string = 'ToileRequestError';
  /** What failed. */
  readonly kind: RequestErrorKind;
  /** The message in French. */
  readonly fr: string;
  /** The message in English (the same as `message`). */
  readonly en: string;

  constructor(init: ToileRequestErrorInit) {
    super(init.en, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.fr = init.fr;
    this.en = init.en;
  }
}

/** A failed request, read once: what {@link httpRequest} hands to the caller's error factory. */
export interface HttpFailure {
  kind: HttpErrorKind;
  /** The URL asked for. */
  url: string;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /** HTTP status text ('' when none). */
  statusText: string;
  /** The error answer's body, parsed when it was JSON. */
  body: unknown;
  /** The underlying error (the caller's abort reason when aborted). */
  cause: unknown;
  /** Attempts made, retries included. */
  attempts: number;
  /** Milliseconds allowed per attempt. */
  timeout: number;
}

/** Options of {@link httpRequest}. */
export interface HttpRequestOptions {
  /**
   * The ofetch instance to use (one with a `baseURL`, say; default: ofetch). Typed `unknown` here so
   * that the published declarations never import ofetch's, which need undici's types: a consumer
   * type-checking with `skipLibCheck: false` and no undici would fail on them.
   */
  fetcher?: unknown;
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
  /** How to read the answer (default: by its content type, JSON parsed). */
  responseType?: 'json' | 'text' | 'arrayBuffer';
  /** Milliseconds allowed per attempt, body included. */
  timeout: number;
  /** The caller's signal: aborts the request and any retry still to come; never retried. */
  signal?: AbortSignal | undefined;
  /** Retries after a retryable failure (network, timeout, 408/425/429/500/502/503/504); default 0. */
  retries?: number;
  /** First delay between retries in ms, doubled at each retry (default 0); `Retry-After` is obeyed when longer. */
  retryDelay?: number;
}

/** An answer: its body and the URL it finally came from, after redirects. */
export interface HttpResponse<T> {
  data: T;
  url: string;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Longest wait a `Retry-After` header can impose, in ms. */
const MAX_RETRY_AFTER = 30_000;

/** `Retry-After` in ms (delta-seconds or HTTP date), when present and sensible. */
function retryAfter(error: unknown): number | undefined {
  const value = error instanceof FetchError ? error.response?.headers.get('retry-after') : null;
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER) : undefined;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The one place a fetch error becomes a kind: the caller's abort first, then an answer's status, then the deadline. */
function readFailure(error: unknown, url: string, options: HttpRequestOptions, deadline: AbortSignal, attempts: number): HttpFailure {
  const fetchError = error instanceof FetchError ? error : undefined;
  const status = fetchError?.response?.status ?? fetchError?.statusCode ?? 0;
  const kind: HttpErrorKind = options.signal?.aborted ? 'aborted' : status ? 'http' : deadline.aborted ? 'timeout' : 'network';
  return {
    kind,
    url,
    status: kind === 'http' ? status : 0,
    statusText: kind === 'http' ? (fetchError?.response?.statusText ?? fetchError?.statusText ?? '') : '',
    body: kind === 'http' ? fetchError?.data : undefined,
    cause: kind === 'aborted' ? options.signal?.reason : (fetchError?.cause ?? error),
    attempts,
    timeout: options.timeout,
  };
}

/**
 * Fetches `url`: each attempt gets `timeout` ms, body included, whether or not the caller passed a
 * signal; retryable failures are retried `retries` times with exponential backoff. Rejects with
 * what `fail` makes of the {@link HttpFailure} (a {@link ToileRequestError} subclass).
 */
export async function httpRequest<T>(url: string, options: HttpRequestOptions, fail: (failure: HttpFailure) => Error): Promise<HttpResponse<T>> {
  const fetcher = (options.fetcher as $Fetch | undefined) ?? ofetch;
  const attempts = 1 + Math.max(0, options.retries ?? 0);
  for (let attempt = 1; ; attempt++) {
    const deadline = AbortSignal.timeout(options.timeout);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      const response = await fetcher.raw<T, ResponseType>(url, {
        method: options.method ?? 'GET',
        retry: false,
        signal,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.query ? { query: options.query } : {}),
        ...(options.body !== undefined ? { body: options.body as Record<string, unknown> } : {}),
        ...(options.responseType ? { responseType: options.responseType } : {}),
      });
      return { data: response._data as T, url: response.url || url };
    } catch (error) {
      const failure = readFailure(error, url, options, deadline, attempt);
      const retryable = failure.kind === 'network' || failure.kind === 'timeout' || (failure.kind === 'http' && RETRY_STATUSES.has(failure.status));
      if (!retryable || attempt >= attempts) throw fail(failure);
      try {
        await sleep(Math.max((options.retryDelay ?? 0) * 2 ** (attempt - 1), retryAfter(error) ?? 0), options.signal);
      } catch {
        throw fail({ ...failure, kind: 'aborted', status: 0, statusText: '', body: undefined, cause: options.signal?.reason });
      }
    }
  }
}

/** What a network error says: its message, and the system's code when it gives one (`fetch failed (ECONNREFUSED)`). */
export function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
}

/**
 * The failure in a sentence, in French and English, naming the URL: what `loadToile` says.
 * (The API client names the operation instead: see `ToileApiError`.)
 */
export function describeFailure(failure: HttpFailure): { fr: string; en: string } {
  const { url } = failure;
  switch (failure.kind) {
    case 'http': {
      const what = `HTTP ${failure.status} ${failure.statusText}`.trim();
      return { fr: `${what} pour ${url}`, en: `${what} for ${url}` };
    }
    case 'aborted':
      return { fr: `le chargement de ${url} a été interrompu`, en: `loading ${url} was aborted` };
    case 'timeout':
      return { fr: `pas de réponse de ${url} en ${failure.timeout} ms`, en: `no answer from ${url} within ${failure.timeout} ms` };
    case 'network': {
      const reason = networkReason(failure.cause);
      return { fr: `impossible de joindre ${url} : ${reason}`, en: `cannot reach ${url}: ${reason}` };
    }
  }
}
