import { Badge, type BadgeVariant } from '@/components/ui/badge';
import type { DecisionSendState } from '@/lib/decisions/queries';

const states: Record<DecisionSendState, { label: string; variant: BadgeVariant }> = {
  held: { label: 'Held by Auto-match', variant: 'pending' },
  cancelled: { label: 'Cancelled, not sent', variant: 'outline' },
  overridden: { label: 'Overridden, not sent', variant: 'outline' },
  withdrawn: { label: 'Withdrawn, not sent', variant: 'outline' },
  sending: { label: 'Sending', variant: 'processing' },
  sent: { label: 'Sent', variant: 'connected' },
  failed: { label: 'Not confirmed yet', variant: 'pending' },
  conflict: { label: 'Not sent: request changed', variant: 'outline' },
};

/** Where a decision stands with Concur, in words (the colour only repeats them). */
export function SendStateBadge({ state }: { state: DecisionSendState }) {
  return <Badge variant={states[state].variant}>{states[state].label}</Badge>;
}
