/** Our model of a Concur connection request. Wire field names never leave lib/concur. */

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

/**
 * What the supplier PUTs back: a separate vocabulary from the status Concur reports.
 * CRSUC connected; CRRET retry later (requeued after 1 h); CREU1 account not found,
 * CREU2 account does not match, CREU3 account needs attention (the traveller is emailed,
 * requeued after 24 h). CRPA1/CRPA2 are legacy codes Concur still lists.
 */
export const outcomeCodes = ['CRSUC', 'CRRET', 'CREU1', 'CREU2', 'CREU3'] as const;
export const legacyOutcomeCodes = ['CRPA1', 'CRPA2'] as const;
export type OutcomeCode = (typeof outcomeCodes)[number] | (typeof legacyOutcomeCodes)[number];

/** The status an applied outcome leaves a request in, so a lost answer can be checked by reading it back. */
export const statusAfterOutcome: Record<OutcomeCode, ConnectionRequestStatus> = {
  CRSUC: 'Connected',
  CRRET: 'Retry',
  CRPA1: 'Retry',
  CRPA2: 'Retry',
  CREU1: 'Failed',
  CREU2: 'Failed',
  CREU3: 'Failed',
};

export type CreatedConnectionRequest = { id: string; uri: string | null };
