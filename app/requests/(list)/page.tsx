import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { DecidedHere } from '@/components/decisions/decided-here';
import { requestsQuery } from '@/components/requests/requests-query';
import { RequestsTable } from '@/components/requests/requests-table';
import { requirePagePermission } from '@/lib/auth/session';
import { decidedHereInput, listDecidedHere } from '@/lib/requests/decided-here';
import { readRequestListUrl } from '@/lib/requests/schemas';

export const metadata: Metadata = { title: 'Requests' };

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { permissions } = await requirePagePermission('requests.read');
  const params = await searchParams;
  const { location, notice } = readRequestListUrl(params);
  const queryClient = new QueryClient();
  const [decided] = await Promise.all([
    listDecidedHere(location, decidedHereInput.parse(params)),
    queryClient.prefetchQuery(requestsQuery(location)),
  ]);
  return (
    <div className="grid gap-10">
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RequestsTable
          location={location}
          notice={notice}
          canDecide={permissions.has('requests.decide')}
          canPoll={permissions.has('concur.poll')}
        />
      </HydrationBoundary>
      {decided && <DecidedHere {...decided} />}
    </div>
  );
}
