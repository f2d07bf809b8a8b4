import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { settle } from '@/components/actions/settle';
import { listRequests } from '@/lib/requests/actions';
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

/** The one place the list's query key and fetcher live; the page prefetches with it too. */
export function requestsQuery({ status, offset, limit }: PageKey) {
  return queryOptions({
    queryKey: ['requests', status, { offset: offset ?? null, limit }],
    queryFn: () => fetchPage({ status, offset, limit }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}

export function useRequests(page: PageKey) {
  return useQuery(requestsQuery(page));
}
