import type { Logger } from 'pino';
import { ConcurError } from './errors';
import { parseRetryAfter } from './retry';

export type HttpDeps = { timeoutMs: number; fetch?: typeof fetch; logger: Logger };

export type ConcurCall = {
  method: 'GET' | 'PUT' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a URLSearchParams (form-encoded, for the token endpoint). */
  body?: unknown;
  attempt?: number;
};

export type ConcurResponse = { status: number; body: unknown; correlationId: string | null };

/** Connect-phase failures: the request never left this machine, so nothing can have been applied. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkErrorCode(error: unknown): string | null {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : null;
}

/** Concur's error bodies: `{"Error":{"Message"}}`, a flat `{"Message"}`, OAuth's `error_description`, or XML. */
export function readErrorMessage(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const body = parsed as { Error?: { Message?: unknown }; Message?: unknown; error_description?: unknown };
      const message = body.Error?.Message ?? body.Message ?? body.error_description;
      if (typeof message === 'string') return message.trim();
    }
  } catch {
    const match = /<Message>([\s\S]*?)<\/Message>/.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

/** OAuth's `error` field (`{"error":"invalid_grant","error_description",…,"code"}`), or null. */
function readOAuthError(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const error = parsed && typeof parsed === 'object' ? (parsed as { error?: unknown }).error : undefined;
    return typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}

function encodeBody(body: unknown): { body?: string; contentType?: string } {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams)
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

async function fetchOnce(deps: HttpDeps, call: ConcurCall): Promise<Response> {
  const encoded = encodeBody(call.body);
  try {
    return await (deps.fetch ?? fetch)(call.url, {
      method: call.method,
      headers: {
        Accept: 'application/json',
        ...(encoded.contentType ? { 'Content-Type': encoded.contentType } : {}),
        ...call.headers,
      },
      body: encoded.body,
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'manual',
    });
  } catch (cause) {
    const isTimeout = cause instanceof DOMException && cause.name === 'TimeoutError';
    const code = networkErrorCode(cause);
    throw new ConcurError({
      kind: 'unreachable',
      message: isTimeout
        ? `Concur did not answer within ${deps.timeoutMs} ms`
        : `Could not connect to Concur (${code ?? 'network error'})`,
      isCertainlyNotApplied: code !== null && NOT_SENT_CODES.has(code),
      cause,
    });
  }
}

/**
 * One call to Concur, one log line with timing and the correlation id. Never logged: the query
 * string (POST ?user= carries a login), headers (credentials) or any body.
 */
export async function sendOnce(deps: HttpDeps, call: ConcurCall): Promise<ConcurResponse> {
  const started = performance.now();
  const logLine = (fields: Record<string, unknown>, level: 'info' | 'warn' = 'info') =>
    deps.logger[level](
      {
        event: 'concur.call',
        method: call.method,
        path: call.url.pathname,
        attempt: call.attempt ?? 1,
        ms: Math.round(performance.now() - started),
        ...fields,
      },
      'concur call',
    );

  let response: Response;
  let text: string;
  try {
    response = await fetchOnce(deps, call);
    text = await response.text();
  } catch (error) {
    const concurError =
      error instanceof ConcurError
        ? error
        : new ConcurError({ kind: 'unreachable', message: 'Concur closed the connection mid-answer', cause: error });
    logLine({ outcome: concurError.message }, 'warn');
    throw concurError;
  }

  const correlationId = response.headers.get('concur-correlationid');
  logLine({ status: response.status, correlationId }, response.ok ? 'info' : 'warn');

  if (!response.ok) {
    const concurMessage = readErrorMessage(text);
    throw new ConcurError({
      kind: 'http',
      status: response.status,
      message: `Concur answered ${response.status}${concurMessage ? `: ${concurMessage}` : ''}`,
      concurMessage,
      oauthError: readOAuthError(text),
      correlationId,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      isCertainlyNotApplied: response.status === 429 || response.status === 503,
    });
  }
  if (text === '') return { status: response.status, body: null, correlationId };

  const contentType = response.headers.get('content-type') ?? '';
  const malformed = (message: string, cause?: unknown) =>
    new ConcurError({ kind: 'malformed', status: response.status, message, correlationId, cause });
  if (!contentType.includes('json'))
    throw malformed(`Concur answered with ${contentType || 'no content type'} where JSON was asked for`);
  try {
    return { status: response.status, body: JSON.parse(text), correlationId };
  } catch (cause) {
    throw malformed('Concur sent invalid JSON', cause);
  }
}
