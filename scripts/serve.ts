import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';
import { startOutbox } from '@/lib/decisions/outbox';
import { deliverDeps } from '@/lib/decisions/production-delivery';
import { EnvError, getEnv } from '@/lib/env';
import { allowedOrigins } from '@/lib/http/allowed-origins';
import { CROSS_SITE_MESSAGE, isCrossSiteAction } from '@/lib/http/cross-site';
import { clientAddressOf } from '@/lib/http/proxy-trust';
import { isCacheableAsset, securityHeaders } from '@/lib/http/security-headers';
import { pollerDeps } from '@/lib/ledger/production';
import { startPoller } from '@/lib/ledger/runner';
import { log } from '@/lib/log';
import { matcherDeps } from '@/lib/matcher/production';
import { startMatcher } from '@/lib/matcher/runner';
import { seedDemoMembersIfEmpty } from '@/lib/members/demo';
import { ensureFirstAdmin, handOverFirstAdmin, openPreparedDatabase } from '@/lib/startup';
import { isOutputOnTerminal } from './lib/processes';

/**
 * The dashboard process: Next.js behind a plain HTTP server, so every request gets one
 * structured log line with its timing (Next's own server logs nothing per request).
 */

const isDev = process.argv.includes('--dev');
const OUTBOX_INTERVAL_MS = 5000;

async function main(): Promise<void> {
  const env = getEnv();

  // Migrate before taking traffic, so a broken database stops start-up with a clear error.
  const { db, auth } = await openPreparedDatabase(env);
  try {
    const firstAdmin = await ensureFirstAdmin(db, auth, env.auth.initialAdminPassword ?? undefined);
    // Whoever set INITIAL_ADMIN_PASSWORD knows it; a generated one is shown once, never logged.
    if (firstAdmin && !env.auth.initialAdminPassword) {
      handOverFirstAdmin(firstAdmin, { dataDir: env.dataDir, isTerminal: isOutputOnTerminal() });
    }
    // The built-in sandbox's demo travellers get demo members to match, once, on an empty directory.
    if (env.concur.isSandbox) await seedDemoMembersIfEmpty(db);
  } finally {
    await db.destroy();
  }
  const headersForAll = securityHeaders({ isDev, isHttps: env.auth.appUrl.startsWith('https:') });

  const app = next({ dev: isDev, dir: process.cwd(), hostname: env.host, port: env.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Decisions that a crash, restart or Concur outage left unsent are delivered from here on.
  const outbox = startOutbox(await deliverDeps(), OUTBOX_INTERVAL_MS);
  // Concur's queue, walked every CONCUR_POLL_SECONDS into our ledger, by one instance at a time.
  const poller = startPoller(await pollerDeps(), env.concur.pollSeconds * 1000);
  // The automatic matcher judges what the poller brought, and under `auto` holds and sends decisions.
  const matcher = startMatcher(await matcherDeps());

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(headersForAll)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!isCacheableAsset(path)) res.setHeader('Cache-Control', 'no-store');
    // Sign-in lockout counts per address: from here on X-Forwarded-For holds just the client's
    // address as the socket or the trusted proxies saw it, never what the client wrote.
    req.headers['x-forwarded-for'] = clientAddressOf(req, env.auth.trustProxy) ?? '';
    res.on('finish', () => {
      // Path only: query strings can carry search terms and ids we do not want in logs.
      const isAsset = isCacheableAsset(path);
      log[isAsset ? 'debug' : 'info'](
        {
          event: 'http.request',
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          requestId,
        },
        'request',
      );
    });
    if (isCrossSiteAction(req, allowedOrigins(env))) {
      log.warn(
        { event: 'http.cross-site-refused', path, origin: req.headers.origin?.slice(0, 100) },
        'cross-site request refused',
      );
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(CROSS_SITE_MESSAGE);
      return;
    }
    handle(req, res).catch((error: unknown) => {
      log.error(
        { event: 'http.unhandled', requestId, err: error instanceof Error ? error.message : String(error) },
        'unhandled',
      );
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.listen(env.port, env.host, () => {
    // Written directly, whatever LOG_LEVEL says: the start script waits for this line.
    const mode = isDev ? 'development' : 'production';
    process.stdout.write(`${JSON.stringify({ event: 'dashboard.listening', port: env.port, host: env.host, mode })}\n`);
  });

  const shutdown = () => {
    server.close(() => {
      Promise.allSettled([outbox.stop(), poller.stop(), matcher.stop()]).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    log.fatal(
      { event: 'dashboard.start.failed', err: error instanceof Error ? error.message : String(error) },
      'start-up failed',
    );
  }
  process.exit(1);
});
