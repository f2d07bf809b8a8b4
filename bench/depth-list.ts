import type { SandboxControl } from '@/scripts/lib/sandbox-control';
import { type DashboardClient, LIST_PATH, timedSandboxGet } from './lib/http';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { summarize } from './lib/stats';
import { isActionList } from './proxy-overhead';

/**
 * 5a. Depth of the queue: with 100,000 Pending requests in the sandbox, the page at offset 0
 * against the one at offset 99,990, through the dashboard's server action and from the sandbox.
 */

export const BACKLOG = 100_000;
const DEEP_OFFSET = String(BACKLOG - 10);

const hasRows = (body: string) => isActionList(body) && body.includes('"rows":[{');

export async function measureListDepth(options: {
  dashboard: DashboardClient;
  sandbox: SandboxControl;
  listActionId: string;
}): Promise<Section> {
  const { dashboard, sandbox, listActionId } = options;
  const loaded = (await sandbox.reset({ backlog: BACKLOG })).requests;
  if (loaded !== BACKLOG) throw new Error(`the sandbox loaded ${loaded} requests, not ${BACKLOG}`);
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
    title: `5a. Depth: a page of 10 with ${BACKLOG.toLocaleString('en')} Pending requests in the sandbox`,
    baseline: 'the same page at offset 0',
    rows: [
      {
        label: `dashboard action, offset ${DEEP_OFFSET}, p50`,
        baseline: stats.dashboardFirst.p50,
        figure: stats.dashboardDeep.p50,
        unit: 'ms',
      },
      {
        label: `dashboard action, offset ${DEEP_OFFSET}, p95`,
        baseline: stats.dashboardFirst.p95,
        figure: stats.dashboardDeep.p95,
        unit: 'ms',
      },
      {
        label: `sandbox GET, offset ${DEEP_OFFSET}, p50`,
        baseline: stats.sandboxFirst.p50,
        figure: stats.sandboxDeep.p50,
        unit: 'ms',
      },
      {
        label: `sandbox GET, offset ${DEEP_OFFSET}, p95`,
        baseline: stats.sandboxFirst.p95,
        figure: stats.sandboxDeep.p95,
        unit: 'ms',
      },
    ],
    notes: [],
    data: { backlog: BACKLOG, deepOffset: DEEP_OFFSET, ...stats },
  };
}
