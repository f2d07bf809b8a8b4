import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ConcurErrorState } from '@/components/request-detail/concur-error-state';
import { RequestDetailSkeleton } from '@/components/request-detail/request-detail-skeleton';
import { RequestDetailView } from '@/components/request-detail/request-detail-view';
import { requirePagePermission } from '@/lib/auth/session';
import { requestIdSchema } from '@/lib/concur/model';
import { findConnectionRequest } from '@/lib/requests/detail';
import { loadRequestReview } from '@/lib/requests/review';
import type { Permission } from '@/lib/roles';

export const metadata: Metadata = { title: 'Connection request' };

/**
 * The id is checked and Concur asked whether it has the request before anything streams, so an
 * unknown one answers 404 rather than a 200 shell; the rest of the review loads behind the
 * skeleton (the route has no loading.tsx, which would stream at once).
 */
export default async function RequestDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, permissions } = await requirePagePermission('requests.read');
  const id = requestIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const found = await findConnectionRequest(id.data);
  if (!found.ok) {
    if (found.reason === 'not-found') notFound();
    return <ConcurErrorState message={found.message} correlationId={found.correlationId} />;
  }
  return (
    <Suspense fallback={<RequestDetailSkeleton />}>
      <RequestReview id={id.data} staff={staff} permissions={permissions} />
    </Suspense>
  );
}

/** Reads the request Concur already gave the page (once per render), then our own records about it. */
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
  if (!result.ok) {
    if (result.reason === 'not-found') notFound();
    return <ConcurErrorState message={result.message} correlationId={result.correlationId} />;
  }
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
