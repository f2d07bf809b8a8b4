import 'server-only';
import { cache } from 'react';
import {
  type ConnectionRequestStatus,
  type OutcomeCode,
  requestIdSchema,
  statusAfterOutcome,
} from '@/lib/concur/model';
import { loadKeyring } from '@/lib/connections/keyring';
import { getDb } from '@/lib/db';
import type { LedgerLeftReason } from '@/lib/db/types';
import { getEnv } from '@/lib/env';
import { getLedgerEntry, type LedgerEntry } from '@/lib/ledger/store';
import { maskEmail, maskLoyaltyNumber } from '@/lib/masking/mask';

/** Where the request stands in Concur's queue, as our polls saw it. */
export type RequestQueueState = { state: 'queued' } | { state: 'left'; at: string; reason: LedgerLeftReason };

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
  /** Pending while queued; after our PUT, the status its code led to; once gone, the last one seen. */
  status: ConnectionRequestStatus;
  lastModified: string;
  /** The Concur user's UUID; absent before API v3.2. */
  userId: string | null;
  /** When a poll first and last saw it in Concur's queue. */
  firstSeenAt: string;
  lastSeenAt: string;
  timesSeen: number;
  /** How often it came back to the queue after leaving it (a requeue). */
  timesReturned: number;
  queue: RequestQueueState;
};

/**
 * A request's status from our records: Concur reports Pending while it is queued, and once our
 * PUT took it out, the code we sent says where it went. One that left without a PUT of ours
 * keeps the last status a poll saw.
 */
export function statusOf(entry: LedgerEntry, sentCode: OutcomeCode | null): ConnectionRequestStatus {
  if (entry.left?.reason === 'sent' && sentCode) return statusAfterOutcome[sentCode];
  return entry.request.status;
}

/** Field by field, so a field added to the ledger never reaches the browser unnoticed. */
export function toRequestDetail(entry: LedgerEntry, status: ConnectionRequestStatus): RequestDetail {
  const { request, left } = entry;
  return {
    id: request.id,
    firstName: request.firstName,
    middleName: request.middleName,
    lastName: request.lastName,
    maskedLoyaltyNumber: request.loyaltyNumber ? maskLoyaltyNumber(request.loyaltyNumber) : null,
    emails: request.emails.map((email, slot) => ({ slot, masked: maskEmail(email) })),
    status,
    lastModified: request.lastModified,
    userId: request.userId,
    firstSeenAt: entry.firstSeenAt,
    lastSeenAt: entry.lastSeenAt,
    timesSeen: entry.timesSeen,
    timesReturned: entry.timesReturned,
    queue: left ? { state: 'left', at: left.at, reason: left.reason } : { state: 'queued' },
  };
}

/** The code our PUT sent (a connect may have become a retry), for a request it took out of the queue. */
async function sentCodeOf(decisionId: string | null): Promise<OutcomeCode | null> {
  if (!decisionId) return null;
  const db = await getDb();
  const row = await db
    .selectFrom('decision')
    .select(['sent_code', 'outcome_code'])
    .where('id', '=', decisionId)
    .executeTakeFirst();
  return row ? (row.sent_code ?? row.outcome_code) : null;
}

/**
 * One request as our ledger has it, opened on the server (never its request token), with the
 * detail the browser may see. Null when the id is malformed or no poll has seen it. Read once
 * per page render, however many parts of the page ask, and before the page streams: a page
 * that already streams cannot turn its 200 into a 404 any more.
 */
export const readLedgerRequest = cache(
  async (id: string): Promise<{ entry: LedgerEntry; detail: RequestDetail } | null> => {
    const parsed = requestIdSchema.safeParse(id);
    if (!parsed.success) return null;
    const entry = await getLedgerEntry(await getDb(), loadKeyring(getEnv()), parsed.data);
    if (!entry) return null;
    const sentCode = entry.left?.reason === 'sent' ? await sentCodeOf(entry.left.decisionId) : null;
    return { entry, detail: toRequestDetail(entry, statusOf(entry, sentCode)) };
  },
);
