import { Badge, type BadgeVariant } from '@/components/ui/badge';
import type { TravellerConnectionStatus } from '@/lib/connections/queries';

const statuses: Record<TravellerConnectionStatus, { label: string; variant: BadgeVariant }> = {
  connected: { label: 'Connected', variant: 'connected' },
  'needs-reconnect': { label: 'Needs reconnect', variant: 'pending' },
  disconnected: { label: 'Disconnected', variant: 'outline' },
};

export function ConnectionStatusBadge({ status }: { status: TravellerConnectionStatus }) {
  return <Badge variant={statuses[status].variant}>{statuses[status].label}</Badge>;
}
