import { z } from 'zod';

/** Our model of a Concur connection request. Wire field names never leave lib/concur. */

/**
 * A connection request id as Concur issues them: a GUID in API v3.2
 * (`444f5142-2e5a-4ab9-9aad-da916af6fcd7`), 28 letters and digits in v3.0
 * (`nVkXk0j3Yzk4LosUofRwPOvndJDo`). Letters, digits and `-` only, so an id can never be `.` or
 * `..`, hold a `/` or an escape: it always names one item of the collection. Browser-safe.
 */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a Concur connection request id');

/**
 * Where a page starts in Concur's queue: a whole number, as Concur's NextPage gives it since
 * 2023 (`offset=10`) and the sandbox does. No sign, exponent or leading zero; nine digits at
 * most, as many as the sandbox takes and well within Concur's `int`.
 */
export const concurOffsetSchema = z.string().regex(/^(?:0|[1-9]\d{0,8})$/, 'not a Concur page offset');

export const connectionRequestStatuses = ['Pending', 'Processing', 'Connected', 'Failed', 'Retry'] as const;
export type ConnectionRequestStatus = (typeof connectionRequestStatuses)[number];

export type ConnectionRequest = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** Absent when the supplier's agreement with Concur does not use loyalty numbers. */
  loyaltyNumber: string | null;
  status: ConnectionRequestStatus;
  /**
   * The outcome code Concur wrote in the status field instead of a status (the v3.2 swagger
   * lists CRSUC, CREU1-3 … as its values), or null. In a list the request is still queued, so
   * its status is Pending; the code says what it was last given.
   */
  reportedCode: ConcurOutcomeCode | null;
  /** Secret: exchanged for the traveller's tokens. Never leaves the server. */
  requestToken: string | null;
  /** ISO-8601 UTC. */
  lastModified: string;
  /** Verified emails, in Concur's order, without the empty slots. */
  emails: string[];
  /** The Concur user's UUID (absent before API v3.2). */
  userId: string | null;
};

export type ConnectionRequestPage = {
  items: ConnectionRequest[];
  /** Where the next page starts, taken from Concur's NextPage; null when Concur says there is no more. */
  next: { offset: string; limit: number | null } | null;
};

/** A request awaits the supplier's outcome while Pending, and while Processing (its token being exchanged). */
export function isAwaitingOutcome(status: ConnectionRequestStatus): boolean {
  return status === 'Pending' || status === 'Processing';
}

/**
 * What the supplier PUTs back: a separate vocabulary from the status Concur reports.
 * CRSUC connected; CRRET retry later (requeued after 1 h); CREU1 account not found,
 * CREU2 account does not match, CREU3 account needs attention (the traveller is emailed,
 * requeued after 24 h). These are the codes we send and record.
 */
export const outcomeCodes = ['CRSUC', 'CREU1', 'CREU2', 'CREU3', 'CRRET'] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];

/** The outcomes that fail a request: Concur emails the traveller to check their loyalty details. */
export const failureCodes = ['CREU1', 'CREU2', 'CREU3'] as const satisfies readonly OutcomeCode[];
export type FailureCode = (typeof failureCodes)[number];

/** CRPA1/CRPA2: legacy codes Concur still lists and accepts; we never choose them. */
export const legacyOutcomeCodes = ['CRPA1', 'CRPA2'] as const;
export type LegacyOutcomeCode = (typeof legacyOutcomeCodes)[number];
/** Every code Concur's PUT takes. */
export const concurOutcomeCodes = [...outcomeCodes, ...legacyOutcomeCodes] as const;
export type ConcurOutcomeCode = (typeof concurOutcomeCodes)[number];

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && (failureCodes as readonly string[]).includes(value);
}

/** The status an applied outcome leaves a request in, so a lost answer can be checked by reading it back. */
export const statusAfterOutcome: Record<ConcurOutcomeCode, ConnectionRequestStatus> = {
  CRSUC: 'Connected',
  CRRET: 'Retry',
  CRPA1: 'Retry',
  CRPA2: 'Retry',
  CREU1: 'Failed',
  CREU2: 'Failed',
  CREU3: 'Failed',
};

/** What each code means, in Concur's words, lower-case to sit inside a sentence. */
export const outcomeMeanings: Record<ConcurOutcomeCode, string> = {
  CRSUC: 'connected',
  CRRET: 'retry later',
  CREU1: 'account not found',
  CREU2: 'account does not match',
  CREU3: 'account needs attention',
  CRPA1: 'retry (legacy code)',
  CRPA2: 'retry (legacy code)',
};

export type CreatedConnectionRequest = { id: string; uri: string | null };
