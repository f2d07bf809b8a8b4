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
