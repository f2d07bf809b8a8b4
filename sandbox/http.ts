import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { concurTime } from './clock';
import type { Format } from './wire/fields';
import { renderError } from './wire/render';

/** What every route receives and returns: handlers build a Reply, the server decides how (or whether) to send it. */

export type Call = {
  method: string;
  /** Path and query exactly as received, for fault matching. */
  rawUrl: string;
  url: URL;
  /** Lower-cased path without trailing slashes: Concur's docs spelled paths both ways. */
  route: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  format: Format;
  /** `http://{Host header}`: the base of every URI the sandbox hands out. */
  base: string;
  remoteAddress: string | undefined;
  /** `performance.now()` once the body is read (and any fault delay is over): the sandbox's own time starts here. */
  startedAt: number;
};

export type Reply = { status: number; contentType?: string; headers?: Record<string, string>; body?: string };

const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

export function negotiateFormat(accept: string | undefined): Format {
  return accept?.toLowerCase().includes('application/json') ? 'json' : 'xml';
}

export function routeOf(url: URL): string {
  return url.pathname.toLowerCase().replace(/\/+$/, '') || '/';
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: CONTENT_TYPES.json, headers, body: JSON.stringify(value) };
}

export function concurError(format: Format, status: number, message: string, nowMs: number): Reply {
  const body = renderError(format, message, concurTime(nowMs), randomUUID().toUpperCase());
  return { status, contentType: CONTENT_TYPES[format], body };
}

/** Concur's OAuth2 error body: always JSON, with a numeric `code` that says which check failed. */
export function oauthError(status: number, error: string, description: string, code: number): Reply {
  return jsonReply(status, { error, error_description: description, code });
}

/** The body as text, or null when it is larger than any real Concur call would send. */
export async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeReply(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body !== undefined) {
    if (reply.contentType) headers['Content-Type'] = reply.contentType;
    headers['Content-Length'] = Buffer.byteLength(reply.body);
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}
