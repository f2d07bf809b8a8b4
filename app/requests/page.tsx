import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { DecidedHere } from '@/components/decisions/decided-here';
import { requestsQuery } from '@/components/requests/requests-query';
import { RequestsTable } from '@/components/requests/requests-table';
import { requirePagePermission } from '@/lib/auth/session';
import { decidedHereInput, listDecidedHere } from '@/lib/decisions/decided-here';
import { requestListInput } from '@/lib/requests/schemas';

export const metadata: Metadata = { title: 'Requests' };

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { permissions } = await requirePagePermission('requests.read');
  const params = await searchParams;
  const input = requestListInput.parse(params);
  const queryClient = new QueryClient();
  const [decided] = await Promise.all([
    listDecidedHere(input, decidedHereInput.parse(params)),
    queryClient.prefetchQuery(requestsQuery(input)),
  ]);
  return (
    <div className="grid gap-10">
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RequestsTable location={input} canDecide={permissions.has('requests.decide')} />
      </HydrationBoundary>
      {decided && <DecidedHere {...decided} />}
    </div>
  );
}
