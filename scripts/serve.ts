import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';
import { createDb, migrateToLatest } from '@/lib/db';
import { EnvError, getEnv } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * The dashboard process: Next.js behind a plain HTTP server, so every request gets one
 * structured log line with its timing (Next's own server logs nothing per request).
 */

const isDev = process.argv.includes('--dev');

async function main(): Promise<void> {
  const env = getEnv();

  // Apply migrations before taking traffic, so a broken database stops start-up with a clear error.
  const db = createDb(env.database);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }

  const app = next({ dev: isDev, dir: process.cwd(), hostname: env.host, port: env.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      // Path only: query strings can carry search terms and ids we do not want in logs.
      const path = (req.url ?? '/').split('?')[0];
      const isAsset = path?.startsWith('/_next/static') || path?.startsWith('/favicon');
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
    server.close(() => process.exit(0));
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
