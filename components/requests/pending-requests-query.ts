import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { listPendingRequests } from '@/lib/requests/actions';
import type { RequestListInput } from '@/lib/requests/schemas';

/** The one place the Pending list's query key and fetcher live; the page prefetches with it too. */
export function pendingRequestsQuery(input: RequestListInput) {
  return queryOptions({
    queryKey: ['requests', 'Pending', { offset: input.offset ?? null, limit: input.limit }],
    queryFn: () => listPendingRequests(input),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}

export function usePendingRequests(input: RequestListInput) {
  return useQuery(pendingRequestsQuery(input));
}
