import autocannon from 'autocannon';
import type { SignedIn } from './lib/browser';
import type { Section } from './lib/report';
import { type Summary, summarize } from './lib/stats';

/**
 * 3. Load: 50 signed-in sessions (one per connection, each its own agent) asking for
 * `/requests` as fast as it answers for 30 s, against the same page asked one at a time.
 */

export const LOAD_SESSIONS = 50;
const LOAD_SECONDS = 30;
const REST_REQUESTS = 40;

type Run = {
  latency: Summary;
  requestsPerSecond: number;
  sent: number;
  ok: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

function run(
  url: string,
  sessions: readonly SignedIn[],
  options: { connections: number } & ({ duration: number } | { amount: number }),
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let nextSession = 0;
    const instance = autocannon(
      {
        url,
        ...options,
        timeout: 30,
        setupClient: (client) => {
          const session = sessions[nextSession % sessions.length];
          nextSession += 1;
          client.setHeaders({ cookie: session?.header ?? '' });
        },
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          latency: summarize(times),
          requestsPerSecond: result['2xx'] / result.duration,
          sent: result.requests.sent,
          ok: result['2xx'],
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode === 200) times.push(ms);
    });
  });
}

export async function measureLoad(options: { baseUrl: string; sessions: readonly SignedIn[] }): Promise<Section> {
  const { baseUrl, sessions } = options;
  const url = `${baseUrl}/requests`;
  const [first] = sessions;
  if (!first) throw new Error('no signed-in session for the load test');
  await run(url, [first], { connections: 1, amount: 5 });
  const rest = await run(url, [first], { connections: 1, amount: REST_REQUESTS });
  const load = await run(url, sessions.slice(0, LOAD_SESSIONS), { connections: LOAD_SESSIONS, duration: LOAD_SECONDS });
  const failures = load.errors + load.non2xx;
  return {
    id: 'load',
    title: `3. Load: ${LOAD_SESSIONS} signed-in sessions on /requests for ${LOAD_SECONDS} s (autocannon)`,
    baseline: `/requests at rest: one session, one request at a time (${REST_REQUESTS} requests)`,
    rows: [
      { label: 'requests/s (2xx)', baseline: rest.requestsPerSecond, figure: load.requestsPerSecond, unit: 'req/s' },
      { label: 'latency p50 (vs p50 at rest)', baseline: rest.latency.p50, figure: load.latency.p50, unit: 'ms' },
      { label: 'latency p95 (vs p50 at rest)', baseline: rest.latency.p50, figure: load.latency.p95, unit: 'ms' },
      { label: 'latency p99 (vs p50 at rest)', baseline: rest.latency.p50, figure: load.latency.p99, unit: 'ms' },
      { label: 'errors + non-2xx answers', baseline: rest.errors + rest.non2xx, figure: failures, unit: 'count' },
    ],
    notes: [
      `${load.ok.toLocaleString('en')} answered 200 of ${load.sent.toLocaleString('en')} sent; ${load.timeouts} timed out`,
      '/requests reads the ledger the poller keeps: the sessions load the dashboard and its database, not Concur',
    ],
    data: { rest, load, connections: LOAD_SESSIONS, seconds: LOAD_SECONDS },
  };
}
