import 'server-only';
import { ConcurError, type ConnectionRequest, type ConnectionRequestStatus } from '@/lib/concur';
import { readConnectionRequest } from '@/lib/concur/read-request';
import { logConcurFailure, userMessage } from '@/lib/concur/user-messages';
import { maskEmail, maskLoyaltyNumber } from '@/lib/masking/mask';

/**
 * What the browser may see of one connection request. Names are shown because staff match on
 * them; the loyalty number and emails only masked; the request token never, in any form.
 */
export type RequestDetail = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  maskedLoyaltyNumber: string | null;
  /** `slot` is the email's place among the request's emails, which a reveal names. */
  emails: { slot: number; masked: string }[];
  status: ConnectionRequestStatus;
  lastModified: string;
  /** The Concur user's UUID; absent before API v3.2. */
  userId: string | null;
};

export type RequestDetailResult =
  | { ok: true; detail: RequestDetail }
  | { ok: false; reason: 'not-found' }
  | {
      ok: false;
      reason: 'concur';
      /** What the user can do about it; the cause is in the server log under `correlationId`. */
      message: string;
      correlationId: string | null;
    };

/** Field by field, so a field added to ConnectionRequest never reaches the browser unnoticed. */
export function toRequestDetail(request: ConnectionRequest): RequestDetail {
  return {
    id: request.id,
    firstName: request.firstName,
    middleName: request.middleName,
    lastName: request.lastName,
    maskedLoyaltyNumber: request.loyaltyNumber ? maskLoyaltyNumber(request.loyaltyNumber) : null,
    emails: request.emails.map((email, slot) => ({ slot, masked: maskEmail(email) })),
    status: request.status,
    lastModified: request.lastModified,
    userId: request.userId,
  };
}

/**
 * Whether Concur has the request, asked before a page commits to its answer: a page that
 * already streams cannot turn its 200 into a 404 any more.
 */
export async function findConnectionRequest(
  id: string,
): Promise<{ ok: true; request: ConnectionRequest } | Exclude<RequestDetailResult, { ok: true }>> {
  try {
    const request = await readConnectionRequest(id);
    return request ? { ok: true, request } : { ok: false, reason: 'not-found' };
  } catch (error) {
    if (!(error instanceof ConcurError)) throw error;
    logConcurFailure('requests.detail.failed', error, 'reading a connection request failed');
    return { ok: false, reason: 'concur', message: userMessage(error), correlationId: error.correlationId };
  }
}
