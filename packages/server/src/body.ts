/**
 * Request bodies with a size limit. h3's `assertBodySize` refuses a declared `Content-Length` over
 * the limit before anything is read, and cuts a chunked body off at the limit while it streams, so
 * no body over the limit is ever held whole.
 */
import { HTTPError, assertBodySize, readBody, type H3Event } from 'h3';
import { problem } from './problem.ts';

/** Body size limits, in bytes. */
export interface BodyLimits {
  /** A whole Toile document (`PUT /territories/{id}`). */
  document: number;
  /** An analysis request (`POST …/domino`). */
  analysis: number;
}

/** Default limits: 50 MiB for a document, 1 MiB for an analysis request. */
export const DEFAULT_BODY_LIMITS: Readonly<BodyLimits> = { document: 50 * 1024 * 1024, analysis: 1024 * 1024 };

/** A 4xx status carried by an error thrown by an engine or by h3 (400 bad JSON, 413 too large). */
export function clientStatus(error: unknown): number | undefined {
  const status = HTTPError.isError(error) ? error.status : (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A problem reply, with its headers. */
export type ProblemReply = ReturnType<typeof problem> & { headers?: Record<string, string> };

/** The problem answered for a body over `limit` bytes (the connection is closed: the rest is not read). */
export function tooLarge(limit: number): ProblemReply {
  return {
    ...problem(413, {
      fr: `le corps de la requête dépasse la limite de ${limit} octets`,
      en: `the request body exceeds the limit of ${limit} bytes`,
    }),
    headers: { connection: 'close' },
  };
}

const notJson = (): ProblemReply => problem(415, { fr: 'envoyez le corps en application/json', en: 'send the body as application/json' });
const noBody = (): ProblemReply => problem(400, { fr: 'un corps JSON est requis', en: 'a JSON body is required' });
const isJson = (event: H3Event) => /^application\/([a-z0-9.+-]+\+)?json\b/.test((event.req.headers.get('content-type') ?? '').toLowerCase());

/**
 * The text of a JSON request body, read up to `limit` bytes, or the problem to answer. For
 * documents: the SDK parses the text itself (keys written twice are found there, not lost).
 */
export async function readJsonText(event: H3Event, limit: number): Promise<{ text: string } | { reply: ProblemReply }> {
  if (!isJson(event)) return { reply: notJson() };
  try {
    assertBodySize(event, limit);
    const text = await readBody<string>(event, { type: 'text' });
    return text ? { text } : { reply: noBody() };
  } catch (error) {
    if (clientStatus(error) === 413) return { reply: tooLarge(limit) };
    throw error;
  }
}

/** The JSON body of a request, read up to `limit` bytes, or the problem to answer. */
export async function readJson(event: H3Event, limit: number): Promise<{ value: unknown } | { reply: ProblemReply }> {
  if (!isJson(event)) return { reply: notJson() };
  try {
    assertBodySize(event, limit);
    const value: unknown = await readBody(event);
    return value === undefined ? { reply: noBody() } : { value };
  } catch (error) {
    const status = clientStatus(error);
    if (status === 413) return { reply: tooLarge(limit) };
    if (status) return { reply: problem(status, { fr: 'le corps n’est pas du JSON valide', en: 'the body is not valid JSON' }) };
    throw error;
  }
}
