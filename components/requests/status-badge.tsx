import { Badge, type BadgeVariant } from '@/components/ui/badge';
import type { RequestRow } from '@/lib/requests/schemas';

const variantByStatus: Record<RequestRow['status'], BadgeVariant> = {
  Pending: 'pending',
  Processing: 'processing',
  Connected: 'connected',
  Failed: 'failed',
  Retry: 'retry',
};

export function StatusBadge({ status }: { status: RequestRow['status'] }) {
  return <Badge variant={variantByStatus[status]}>{status}</Badge>;
}
