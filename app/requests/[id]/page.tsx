import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConcurErrorState } from '@/components/request-detail/concur-error-state';
import { RequestDetailView } from '@/components/request-detail/request-detail-view';
import { requirePagePermission } from '@/lib/auth/session';
import { fetchRequestDetail } from '@/lib/requests/detail';
import { recordViewAndListHistory } from '@/lib/requests/history';

export const metadata: Metadata = { title: 'Connection request' };

export default async function RequestDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, permissions } = await requirePagePermission('requests.read');
  const { id } = await params;
  const result = await fetchRequestDetail(id);
  if (!result.ok) {
    if (result.reason === 'not-found') notFound();
    return <ConcurErrorState message={result.message} correlationId={result.correlationId} />;
  }
  const history = await recordViewAndListHistory({ staffId: staff.id, requestId: result.detail.id });
  return <RequestDetailView detail={result.detail} history={history} canReveal={permissions.has('requests.reveal')} />;
}
