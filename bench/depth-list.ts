import type { SandboxControl } from '@/scripts/lib/sandbox-control';
import { type DashboardClient, LIST_PATH, timedSandboxGet } from './lib/http';
import { pollNow } from './lib/ledger';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { summarize } from './lib/stats';
import { isActionList } from './proxy-overhead';

/**
 * 5a. Depth of the queue: with 100,000 Pending requests in the sandbox, once the dashboard's
 * poller has walked them into its ledger, the page at offset 0 against the one at offset 99,990:
 * through the dashboard's server action (which reads the ledger) and from the sandbox's own GET.
 */

export const BACKLOG = 100_000;
const DEEP_OFFSET = String(BACKLOG - 10);
/**
 * The walk of 100,000 is far slower than section 8's 10,000 in about 20 s suggests: each page is
 * an OFFSET further into the queue, and on 2 cores it took about 15 minutes.
 */
const POLL_TIMEOUT_MS = 40 * 60_000;

const hasRows = (body: string) => isActionList(body) && body.includes('"rows":[{');

export async function measureListDepth(options: {
  dashboard: DashboardClient;
  sandbox: SandboxControl;
  listActionId: string;
  env: NodeJS.ProcessEnv;
  progress: (message: string) => void;
}): Promise<Section> {
  const { dashboard, sandbox, listActionId, env, progress } = options;
  const loaded = (await sandbox.reset({ backlog: BACKLOG })).requests;
  if (loaded !== BACKLOG) throw new Error(`the sandbox loaded ${loaded} requests, not ${BACKLOG}`);
  progress(`asking the dashboard's poller to walk the ${BACKLOG.toLocaleString('en')} into its ledger`);
  const poll = await pollNow(env, { timeoutMs: POLL_TIMEOUT_MS, progress });
  if (poll.queued !== BACKLOG) {
    throw new Error(`after the poll the ledger holds ${poll.queued} Pending requests, not ${BACKLOG}`);
  }
  // Since the reset: the poll's GETs alone.
  const pollCalls = (await sandbox.calls()).list;
  const action = (offset: string | undefined) => async () =>
    (await dashboard.action(listActionId, { status: 'Pending', limit: 10, offset }, hasRows)).ms;
  const direct = (offset: string) => async () =>
    (await timedSandboxGet(sandbox, `${LIST_PATH}?limit=10&offset=${offset}`)).ms;
  const samples = await sampleInTurns(
    {
      dashboardFirst: action(undefined),
      dashboardDeep: action(DEEP_OFFSET),
      sandboxFirst: direct('0'),
      sandboxDeep: direct(DEEP_OFFSET),
    },
    { warmup: 3, rounds: 30 },
  );
  const stats = Object.fromEntries(Object.entries(samples).map(([arm, ms]) => [arm, summarize(ms)])) as Record<
    keyof typeof samples,
    ReturnType<typeof summarize>
  >;
  return {
    id: 'depth-list',
    title: `5a. Depth: a page of 10 with ${BACKLOG.toLocaleString('en')} Pending requests, polled into the ledger`,
    baseline: 'the same page at offset 0',
    rows: [
      {
        label: `dashboard action (reads the ledger), offset ${DEEP_OFFSET}, p50`,
        baseline: stats.dashboardFirst.p50,
        figure: stats.dashboardDeep.p50,
        unit: 'ms',
      },
      {
        label: `dashboard action (reads the ledger), offset ${DEEP_OFFSET}, p95`,
        baseline: stats.dashboardFirst.p95,
        figure: stats.dashboardDeep.p95,
        unit: 'ms',
      },
      {
        label: `sandbox GET (Concur's own paging), offset ${DEEP_OFFSET}, p50`,
        baseline: stats.sandboxFirst.p50,
        figure: stats.sandboxDeep.p50,
        unit: 'ms',
      },
      {
        label: `sandbox GET (Concur's own paging), offset ${DEEP_OFFSET}, p95`,
        baseline: stats.sandboxFirst.p95,
        figure: stats.sandboxDeep.p95,
        unit: 'ms',
      },
    ],
    notes: [
      `the poll that put the backlog in the ledger, asked for after the reset: ${poll.seconds.toFixed(1)} s (${(poll.seconds / 60).toFixed(1)} min of the run), ${poll.pages.toLocaleString('en')} list GETs, ${Math.round(poll.requests / poll.seconds)} requests/s; the sandbox's own handling of its ${pollCalls.count.toLocaleString('en')} list GETs: ${(pollCalls.ms / 1000).toFixed(1)} s`,
      'dashboard rows: the list action pages the ledger (no Concur call); sandbox rows: the same page from its Concur API',
    ],
    data: { backlog: BACKLOG, deepOffset: DEEP_OFFSET, poll: { ...poll, sandboxList: pollCalls }, ...stats },
  };
}
