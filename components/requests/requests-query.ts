import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { listRequests } from '@/lib/requests/actions';
import type { RequestListInput, RequestListResult } from '@/lib/requests/schemas';

type PageKey = Pick<RequestListInput, 'status' | 'offset' | 'limit'>;

async function fetchPage(page: PageKey): Promise<RequestListResult> {
  const result = await listRequests(page);
  if (result.ok) return result.data;
  // The session ended (idle timeout, signed out elsewhere, account disabled): sign in again.
  if (result.code === 'unauthenticated' && typeof window !== 'undefined') window.location.assign('/sign-in');
  return { ok: false, message: result.error, correlationId: null };
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
