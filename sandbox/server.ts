import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AUTH_MESSAGES, checkAuthorization } from './auth';
import type { Sandbox } from './context';
import { applyFaultBefore } from './fault-effects';
import { type Call, concurError, negotiateFormat, type Reply, readBody, routeOf, writeReply } from './http';
import { connectionRequestsRoute } from './routes/connection-requests';
import { controlRoute } from './routes/control';
import { tokenRoute } from './routes/oauth';
import { USER_ROUTE, userRoute } from './routes/user';

/** The stand-in Concur server: plain node:http, Concur's wire format; see README "Sandbox". */

export function createSandboxServer(sandbox: Sandbox): http.Server {
  return http.createServer((req, res) => {
    handle(sandbox, req, res).catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      if (res.headersSent) res.destroy();
      else writeReply(res, concurError('json', 500, 'An internal error occurred.', Date.now()));
    });
  });
}

async function handle(sandbox: Sandbox, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // Every answer carries one, as Concur's do, so a client can always log what it got.
  res.setHeader('concur-correlationid', randomUUID());
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://sandbox.invalid');
  const route = routeOf(url);
  const method = (req.method ?? 'GET').toUpperCase();
  const format = negotiateFormat(req.headers.accept);

  const isFaultable = route.startsWith('/api/') || route.startsWith('/oauth2/');
  const fault = isFaultable ? sandbox.faults.take(method, rawUrl) : null;
  if (fault && (await applyFaultBefore(fault, req, res, format, sandbox.clock.now().getTime())) === 'handled') return;

  const body = await readBody(req);
  if (body === null) {
    writeReply(res, concurError(format, 413, 'The request body is too large.', sandbox.clock.now().getTime()));
    return;
  }
  const call: Call = {
    method,
    rawUrl,
    url,
    route,
    headers: req.headers,
    body,
    format,
    base: `http://${req.headers.host ?? 'localhost'}`,
    remoteAddress: req.socket.remoteAddress,
    startedAt: performance.now(),
  };
  const reply = dispatch(sandbox, call);
  if (fault?.kind === 'reset-after-apply') {
    req.socket.destroy();
    return;
  }
  writeReply(res, reply);
}

function dispatch(sandbox: Sandbox, call: Call): Reply {
  const nowMs = sandbox.clock.now().getTime();
  // Requeue timers are applied lazily, so moving the clock is all it takes to make them due.
  sandbox.requests.requeueDue(nowMs);
  if (call.route === '/_sandbox' || call.route.startsWith('/_sandbox/')) return controlRoute(sandbox, call);
  if (call.route === '/oauth2/v0/token') return tokenRoute(sandbox, call, nowMs);
  // The one /api route called with the traveller's token rather than the app's.
  if (call.route === USER_ROUTE) return userRoute(sandbox, call, nowMs);
  if (call.route.startsWith('/api/')) {
    const auth = checkAuthorization(call.headers.authorization, sandbox.tokens, nowMs);
    if (auth !== 'ok') return concurError(call.format, auth === 'missing' ? 401 : 403, AUTH_MESSAGES[auth], nowMs);
    const reply = connectionRequestsRoute(sandbox, call, nowMs);
    if (reply) return reply;
  }
  return concurError(call.format, 404, 'Resource not found.', nowMs);
}
