import type { ConnectionRequestStatus } from '@/lib/concur/model';
import { lastNameFirst } from '@/lib/display-name';
import type { LedgerRow } from '@/lib/ledger/store';
import type { MatcherSummary } from './matcher-summary';
import type { RequestActivity, RequestRow } from './schemas';

const noActivity: RequestActivity = { decided: null, reviewingBy: null, openedBy: null };

/** What our records add to a ledger row: each part left out where the tab has none. */
export type RowRecords = {
  activity?: RequestActivity;
  fullMatchMemberId?: string | null;
  matcher?: MatcherSummary | null;
};

/** The emails' masked forms are kept beside the sealed ones, so a list opens nothing sealed. */
function countEmails(maskedEmails: string): number {
  const masked: unknown = JSON.parse(maskedEmails);
  return Array.isArray(masked) ? masked.length : 0;
}

/** A ledger row as the list shows it, in the status its tab gives it. */
export function toRequestRow(row: LedgerRow, status: ConnectionRequestStatus, records: RowRecords = {}): RequestRow {
  return {
    id: row.request_id,
    displayName: lastNameFirst({ firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name }),
    maskedLoyaltyNumber: row.masked_loyalty,
    emailCount: countEmails(row.masked_emails),
    lastModified: row.last_modified,
    status,
    activity: records.activity ?? noActivity,
    fullMatchMemberId: records.fullMatchMemberId ?? null,
    matcher: records.matcher ?? null,
  };
}
