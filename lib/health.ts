import 'server-only';
import { getConcurClient } from '@/lib/concur';
import { getDb, pingDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';

export type Health = {
  status: 'ok' | 'degraded';
  database: { isReachable: boolean; kind: 'sqlite' | 'postgres'; ms: number };
  concur: { isReachable: boolean; isSandbox: boolean; ms: number };
};

/** Reachability only: no data, no URLs, no versions, so it is safe to expose to a load balancer. */
export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const database = await (async () => {
    const started = performance.now();
    try {
      await pingDb(await getDb());
      return { isReachable: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      log.error(
        { event: 'health.database.failed', err: error instanceof Error ? error.message : String(error) },
        'database unreachable',
      );
      return { isReachable: false, ms: Math.round(performance.now() - started) };
    }
  })();
  const concur = await getConcurClient().ping();
  return {
    status: database.isReachable && concur.isReachable ? 'ok' : 'degraded',
    database: { ...database, kind: env.database.kind },
    concur: { ...concur, isSandbox: env.concur.isSandbox },
  };
}
