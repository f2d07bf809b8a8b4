import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { requestsQuery } from '@/components/requests/requests-query';
import { RequestsTable } from '@/components/requests/requests-table';
import { requirePagePermission } from '@/lib/auth/session';
import { requestListInput } from '@/lib/requests/schemas';

export const metadata: Metadata = { title: 'Requests' };

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission('requests.read');
  const input = requestListInput.parse(await searchParams);
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(requestsQuery(input));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RequestsTable location={input} />
    </HydrationBoundary>
  );
}
