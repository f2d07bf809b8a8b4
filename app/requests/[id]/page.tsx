import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { RequestDetailSkeleton } from '@/components/request-detail/request-detail-skeleton';
import { RequestDetailView } from '@/components/request-detail/request-detail-view';
import { requirePagePermission } from '@/lib/auth/session';
import { requestIdSchema } from '@/lib/concur/model';
import { readLedgerRequest } from '@/lib/requests/detail';
import { loadRequestReview } from '@/lib/requests/review';
import type { Permission } from '@/lib/roles';

export const metadata: Metadata = { title: 'Connection request' };

/**
 * The id is checked and our ledger of Concur's queue asked whether a poll has seen the request
 * before anything streams, so an unknown one answers 404 rather than a 200 shell; the rest of
 * the review loads behind the skeleton (the route has no loading.tsx, which would stream at once).
 */
export default async function RequestDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, permissions } = await requirePagePermission('requests.read');
  const id = requestIdSchema.safeParse((await params).id);
  if (!id.success || !(await readLedgerRequest(id.data))) notFound();
  return (
    <Suspense fallback={<RequestDetailSkeleton />}>
      <RequestReview id={id.data} staff={staff} permissions={permissions} />
    </Suspense>
  );
}

/** Reads the request the ledger already gave the page (once per render), then our own records about it. */
async function RequestReview({
  id,
  staff,
  permissions,
}: {
  id: string;
  staff: { id: string };
  permissions: ReadonlySet<Permission>;
}) {
  const result = await loadRequestReview(id, staff, permissions);
  if (!result.ok) notFound();
  return (
    <RequestDetailView
      detail={result.detail}
      review={result.review}
      canReveal={permissions.has('requests.reveal')}
      canDecide={permissions.has('requests.decide')}
      canOpenMembers={permissions.has('members.read')}
    />
  );
}
