import type { ConnectionRequest } from '@/lib/concur/model';
import { lastNameFirst } from '@/lib/display-name';
import { maskLoyaltyNumber } from '@/lib/masking/mask';
import type { RequestActivity, RequestRow } from './schemas';

const noActivity: RequestActivity = { decided: null, reviewingBy: null, openedBy: null };

export function toRequestRow(
  request: ConnectionRequest,
  activity: RequestActivity = noActivity,
  fullMatchMemberId: string | null = null,
): RequestRow {
  return {
    id: request.id,
    displayName: lastNameFirst(request),
    maskedLoyaltyNumber: request.loyaltyNumber ? maskLoyaltyNumber(request.loyaltyNumber) : null,
    emailCount: request.emails.length,
    lastModified: request.lastModified,
    status: request.status,
    activity,
    fullMatchMemberId,
  };
}
