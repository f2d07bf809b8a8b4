import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConcurErrorState } from '@/components/request-detail/concur-error-state';
import { RequestDetailView } from '@/components/request-detail/request-detail-view';
import { requirePagePermission } from '@/lib/auth/session';
import { loadRequestReview } from '@/lib/decisions/review';

export const metadata: Metadata = { title: 'Connection request' };

export default async function RequestDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, permissions } = await requirePagePermission('requests.read');
  const { id } = await params;
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
