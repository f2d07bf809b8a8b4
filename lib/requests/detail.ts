import 'server-only';
import { z } from 'zod';
import { type ConnectionRequest, type ConnectionRequestStatus, getConcurClient } from '@/lib/concur';
import { maskEmail, maskLoyaltyNumber } from './mask';

/** The shape of a Concur connection request id; anything else cannot name a request. */
export const requestIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/);

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
 * One connection request, raw, for server code that must see it whole (a reveal). Null when
 * the id is malformed (Concur is not asked) or Concur does not know it.
 */
export async function readConnectionRequest(id: string): Promise<ConnectionRequest | null> {
  const parsed = requestIdSchema.safeParse(id);
  if (!parsed.success) return null;
  return getConcurClient().getConnectionRequest(parsed.data);
}
