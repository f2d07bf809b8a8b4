import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { z } from 'zod';
import type { SandboxStore } from './store';
import { errorXml, listXmlV32, toJsonV32 } from './wire';

/** The stand-in Concur server. It speaks Concur's wire format; see README "Sandbox". */

type Format = 'json' | 'xml';

const statusQuery = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['pending', 'processing', 'connected', 'failed', 'retry']))
  .transform(
    (s) => (s.charAt(0).toUpperCase() + s.slice(1)) as 'Pending' | 'Processing' | 'Connected' | 'Failed' | 'Retry',
  );

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10).default(5),
  offset: z.coerce.number().int().min(0).default(0),
  status: statusQuery.default('Pending'),
});

function concurTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function send(res: http.ServerResponse, status: number, format: Format, body: string): void {
  res.writeHead(status, {
    'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, format: Format, message: string, now: Date): void {
  const id = randomUUID().toUpperCase();
  const body =
    format === 'json'
      ? JSON.stringify({ Error: { Message: message, 'Server-Time': concurTime(now), Id: id } })
      : errorXml(message, concurTime(now), id);
  send(res, status, format, body);
}

export function createSandboxServer(options: { store: SandboxStore; now?: () => Date }): http.Server {
  const now = options.now ?? (() => new Date());

  return http.createServer((req, res) => {
    res.setHeader('concur-correlationid', randomUUID());
    const format: Format = (req.headers.accept ?? '').includes('application/json') ? 'json' : 'xml';
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const publicBase = `http://${req.headers.host ?? 'localhost'}`;
    // Concur's own paths were documented in both cases over the years; match them case-insensitively.
    const route = url.pathname.toLowerCase().replace(/\/+$/, '');

    if (route === '/_sandbox/health') {
      send(res, 200, 'json', JSON.stringify({ ok: true, requests: options.store.count() }));
      return;
    }

    if (route === '/api/v3.2/common/connectionrequests' && req.method === 'GET') {
      const query = listQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) {
        sendError(
          res,
          400,
          format,
          'Bad request. limit must be 1 to 10, offset a whole number, status a known status.',
          now(),
        );
        return;
      }
      const { limit, offset, status } = query.data;
      const items = options.store.list(status, offset, limit, now());
      // A full page always carries a NextPage (the facts' peek semantics); a short page ends the list.
      const nextPage =
        items.length === limit
          ? `${publicBase}/api/v3.2/common/connectionrequests/?limit=${limit}&offset=${offset + items.length}`
          : null;
      if (format === 'json') {
        send(
          res,
          200,
          format,
          JSON.stringify({ Items: items.map((item) => toJsonV32(item, publicBase)), NextPage: nextPage }),
        );
      } else {
        send(res, 200, format, listXmlV32(items, nextPage, publicBase));
      }
      return;
    }

    sendError(res, 404, format, 'Resource not found.', now());
  });
}
