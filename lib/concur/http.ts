import type { Logger } from 'pino';
import { ConcurError } from './errors';

export type ConcurHttpConfig = {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  logger: Logger;
};

export type ConcurResponse = { status: number; body: unknown; correlationId: string | null };

const CORRELATION_HEADER = 'concur-correlationid';

/** Concur's documented error body is `{"Error":{"Message":…}}`; older APIs send `<Error><Message>…`. */
function readErrorMessage(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const nested = (parsed as { Error?: { Message?: unknown } }).Error?.Message;
      const flat = (parsed as { Message?: unknown }).Message;
      const message = nested ?? flat;
      if (typeof message === 'string') return message.trim();
    }
  } catch {
    const match = /<Message>([\s\S]*?)<\/Message>/.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

/**
 * One JSON call to Concur. Logs one line with timing and the correlation id, never the query
 * string (POST ?user= carries a login) nor any body.
 */
export async function concurRequest(
  config: ConcurHttpConfig,
  init: { method: 'GET' | 'PUT' | 'POST'; path: string; query?: Record<string, string | undefined>; body?: unknown },
): Promise<ConcurResponse> {
  const url = new URL(init.path, `${config.baseUrl}/`);
  for (const [key, value] of Object.entries(init.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const started = performance.now();
  const logCall = (fields: Record<string, unknown>) =>
    config.logger.info(
      {
        event: 'concur.call',
        method: init.method,
        path: url.pathname,
        ms: Math.round(performance.now() - started),
        ...fields,
      },
      'concur call',
    );

  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method: init.method,
      headers: {
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(config.timeoutMs),
      redirect: 'manual',
    });
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
    logCall({ outcome: timedOut ? 'timeout' : 'network-error' });
    throw new ConcurError({
      kind: 'unreachable',
      message: timedOut ? `Concur did not answer within ${config.timeoutMs} ms` : 'Could not connect to Concur',
      cause,
    });
  }

  const correlationId = response.headers.get(CORRELATION_HEADER);
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    logCall({ status: response.status, correlationId, outcome: 'body-error' });
    throw new ConcurError({
      kind: 'unreachable',
      message: 'Concur closed the connection mid-answer',
      correlationId,
      cause,
    });
  }
  logCall({ status: response.status, correlationId });

  if (!response.ok) {
    const concurMessage = readErrorMessage(text);
    throw new ConcurError({
      kind: 'http',
      status: response.status,
      message: `Concur answered ${response.status}${concurMessage ? `: ${concurMessage}` : ''}`,
      concurMessage,
      correlationId,
    });
  }
  if (response.status === 204 || text === '') return { status: response.status, body: null, correlationId };

  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) {
    throw new ConcurError({
      kind: 'malformed',
      status: response.status,
      message: `Concur answered with ${contentType || 'no content type'} where JSON was asked for`,
      correlationId,
    });
  }
  try {
    return { status: response.status, body: JSON.parse(text), correlationId };
  } catch (cause) {
    throw new ConcurError({
      kind: 'malformed',
      status: response.status,
      message: 'Concur sent invalid JSON',
      correlationId,
      cause,
    });
  }
}
