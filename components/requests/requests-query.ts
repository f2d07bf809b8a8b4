import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { settle } from '@/components/actions/settle';
import { listRequests } from '@/lib/requests/actions';
import { isPollUnderway, POLL_CHECK_MS } from '@/lib/requests/poll-follow';
import type { RequestListInput, RequestListResult } from '@/lib/requests/schemas';

type PageKey = Pick<RequestListInput, 'status' | 'offset' | 'limit'>;

async function fetchPage(page: PageKey): Promise<RequestListResult> {
  // Not the hook: a query's fetcher, but the same handling of a session that ended.
  const settled = await settle(listRequests, page);
  if (settled.kind === 'done') return settled.data;
  if (settled.kind === 'signed-out') return { ok: false, message: settled.error, correlationId: null };
  // No answer: thrown, so the query tries again by itself and keeps showing its last answer.
  if (settled.failure.code === 'unanswered') throw new Error(settled.failure.error);
  return { ok: false, message: settled.failure.error, correlationId: null };
}

/** The list reads our ledger, never Concur: reading it this often costs Concur nothing. */
const LIST_REFETCH_MS = 30_000;

/**
 * The one place the list's query key and fetcher live; the page prefetches with it too, and
 * `useRequests` reads with it. While a poll is on its way the list is read every second, so
 * what it brings shows as it lands.
 */
export function requestsQuery({ status, offset, limit }: PageKey) {
  return queryOptions({
    queryKey: ['requests', status, { offset: offset ?? null, limit }],
    queryFn: () => fetchPage({ status, offset, limit }),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.ok && isPollUnderway(data.poll) ? POLL_CHECK_MS : LIST_REFETCH_MS;
    },
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}
