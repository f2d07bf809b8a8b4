import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { listPendingRequests } from '@/lib/requests/actions';
import type { RequestListInput, RequestListResult } from '@/lib/requests/schemas';

async function fetchPage(input: RequestListInput): Promise<RequestListResult> {
  const result = await listPendingRequests(input);
  if (result.ok) return result.data;
  // The session ended (idle timeout, signed out elsewhere, account disabled): sign in again.
  if (result.code === 'unauthenticated' && typeof window !== 'undefined') window.location.assign('/sign-in');
  return { ok: false, message: result.error, correlationId: null };
}

/** The one place the Pending list's query key and fetcher live; the page prefetches with it too. */
export function pendingRequestsQuery(input: RequestListInput) {
  return queryOptions({
    queryKey: ['requests', 'Pending', { offset: input.offset ?? null, limit: input.limit }],
    queryFn: () => fetchPage(input),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}

export function usePendingRequests(input: RequestListInput) {
  return useQuery(pendingRequestsQuery(input));
}
