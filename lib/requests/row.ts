import type { ConnectionRequest } from '@/lib/concur/model';
import { maskLoyaltyNumber } from './mask';
import type { RequestRow } from './schemas';

export function toRequestRow(request: ConnectionRequest, openedBy: RequestRow['openedBy'] = null): RequestRow {
  const given = [request.firstName, request.middleName].filter(Boolean).join(' ');
  return {
    id: request.id,
    displayName: given ? `${request.lastName}, ${given}` : request.lastName,
    maskedLoyaltyNumber: request.loyaltyNumber ? maskLoyaltyNumber(request.loyaltyNumber) : null,
    emailCount: request.emails.length,
    lastModified: request.lastModified,
    status: request.status,
    openedBy,
  };
}
