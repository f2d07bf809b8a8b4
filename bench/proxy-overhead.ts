import type { SandboxControl } from '@/scripts/lib/sandbox-control';
import { type DashboardClient, LIST_PATH, timedSandboxGet } from './lib/http';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { summarize } from './lib/stats';

/**
 * 1. What the dashboard's reads cost against Concur's: the list of 10 Pending requests through
 * its server action and one request's detail page, both read from the ledger (no Concur call),
 * against the sandbox GET of the same called directly. Once a proxy's overhead, now a comparison.
 */

export const isActionList = (body: string) => body.includes('"ok":true') && body.includes('"rows":[');
export const isDetailPage = (body: string) => body.includes('Member candidates');

export async function measureProxyOverhead(options: {
  dashboard: DashboardClient;
  sandbox: SandboxControl;
  listActionId: string;
  requestId: string;
}): Promise<Section> {
  const { dashboard, sandbox, listActionId, requestId } = options;
  const samples = await sampleInTurns(
    {
      sandboxList: async () => (await timedSandboxGet(sandbox, `${LIST_PATH}?limit=10`)).ms,
      dashboardList: async () =>
        (await dashboard.action(listActionId, { status: 'Pending', limit: 10 }, isActionList)).ms,
      sandboxDetail: async () => (await timedSandboxGet(sandbox, `${LIST_PATH}${requestId}`)).ms,
      dashboardDetail: async () => (await dashboard.page(`/requests/${requestId}`, isDetailPage)).ms,
    },
    { warmup: 5, rounds: 50 },
  );
  const list = { sandbox: summarize(samples.sandboxList), dashboard: summarize(samples.dashboardList) };
  const detail = { sandbox: summarize(samples.sandboxDetail), dashboard: summarize(samples.dashboardDetail) };
  return {
    id: 'proxy-overhead',
    title: '1. Dashboard reads from its ledger against the Concur GET (signed in, over HTTP, whole response)',
    baseline: 'the same sandbox GET called directly (v3.2 JSON, app token)',
    rows: [
      {
        label: 'list of 10 Pending (server action, reads the ledger), p50',
        baseline: list.sandbox.p50,
        figure: list.dashboard.p50,
        unit: 'ms',
      },
      {
        label: 'list of 10 Pending (server action, reads the ledger), p95',
        baseline: list.sandbox.p95,
        figure: list.dashboard.p95,
        unit: 'ms',
      },
      {
        label: 'one detail (/requests/[id] page, reads the ledger), p50',
        baseline: detail.sandbox.p50,
        figure: detail.dashboard.p50,
        unit: 'ms',
      },
      {
        label: 'one detail (/requests/[id] page, reads the ledger), p95',
        baseline: detail.sandbox.p95,
        figure: detail.dashboard.p95,
        unit: 'ms',
      },
    ],
    notes: ['the dashboard calls no Concur API for either: its figure is its own work, not overhead on the GET'],
    data: { requestId, list, detail },
  };
}
