import type { Generated } from 'kysely';
import type { ConcurOutcomeCode, ConnectionRequestStatus, OutcomeCode } from '@/lib/concur/model';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and JSON is text, so one set of
 * migrations and queries behaves the same on SQLite and PostgreSQL.
 */
export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor: string | null;
  /** An AuditAction of lib/audit's catalogue (checked when recorded); a later version's may be read back. */
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON object; never personal data or secrets. */
  detail: string;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/** A sign-in attempt reserved before its password was checked; a success deletes its rows. */
export interface SignInAttemptTable {
  attempt_id: string;
  /** `account:<email>` or `address:<ip>`. */
  key: string;
  attempted_at: string;
}

/** The one audit event that counts a lockout's refusals for one key and window. */
export interface SignInLockNoticeTable {
  key: string;
  audit_event_id: string;
  since: string;
  refused: number;
}

/** Better Auth's own tables (its migrations create them), as far as our queries read them. */
export interface StaffUserTable {
  id: string;
  name: string;
  email: string;
  role: string | null;
  banned: number | boolean | null;
  twoFactorEnabled: number | boolean | null;
  createdAt: string | Date;
}

export interface StaffSessionTable {
  id: string;
  userId: string;
  createdAt: string | Date;
  /** Our last-activity mark: Better Auth's own refresh is off, so nothing else moves it. */
  updatedAt: string | Date;
  expiresAt: string | Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface MemberTable {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  last_name_key: string;
  loyalty_number: string | null;
  updated_at: string;
}

export interface MemberEmailTable {
  member_id: string;
  email: string;
  email_key: string;
}

/**
 * `held`: an automatic decision waiting out its hold window. `cancelled`, `overridden` and
 * `withdrawn` end a held one unsent, for good (by staff, by a staff decision, by the matcher).
 */
export type DecisionSendState =
  | 'held'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'conflict'
  | 'cancelled'
  | 'overridden'
  | 'withdrawn';

export interface DecisionTable {
  id: string;
  request_id: string;
  based_on_last_modified: string;
  based_on_status: ConnectionRequestStatus;
  concur_user_id: string | null;
  traveller_name: string | null;
  outcome_code: OutcomeCode;
  sent_code: OutcomeCode | null;
  member_id: string | null;
  decided_by: string;
  decided_at: string;
  note: string | null;
  send_state: DecisionSendState;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  correlation_id: string | null;
  sent_at: string | null;
  /** Concur's 204, reading it back by id (CONCUR_GET_BY_ID), or its leaving the queue after a lost answer. */
  confirmed_by: 'response' | 'read-back' | 'absence' | null;
  /** The attempt whose answer was lost, waiting for a poll to show whether it arrived. */
  unconfirmed_since: string | null;
  hold_until: string | null;
  evaluation_id: string | null;
  overrides_decision_id: string | null;
  ended_by: string | null;
  ended_at: string | null;
}

export interface RequestClaimTable {
  request_id: string;
  staff_id: string;
  claimed_at: string;
  expires_at: string;
}

export type TravellerConnectionStatus = 'connected' | 'needs-reconnect' | 'disconnected';

export interface TravellerConnectionTable {
  id: string;
  member_id: string;
  request_id: string;
  decision_id: string;
  concur_user_id: string | null;
  status: TravellerConnectionStatus;
  connected_at: string;
  connected_by: string;
  key_id: string | null;
  /** Sealed with AES-256-GCM under key_id; never the token itself. */
  access_token: string | null;
  refresh_token: string | null;
  access_expires_at: string | null;
  refresh_expires_at: string | null;
  geolocation: string | null;
  updated_at: string;
  ended_at: string | null;
  ended_by: string | null;
}

/** Why a request left Concur's queue: our PUT popped it, or it went without one. */
export type LedgerLeftReason = 'sent' | 'gone';

export interface LedgerRequestTable {
  request_id: string;
  concur_user_id: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  last_name_key: string;
  key_id: string;
  /** Sealed. */
  loyalty_number: string | null;
  loyalty_hash: string | null;
  masked_loyalty: string | null;
  /** Sealed JSON array. */
  emails: string | null;
  /** JSON array of masked emails. */
  masked_emails: string;
  /** Sealed; never logged, never sent to the browser. */
  request_token: string | null;
  token_hash: string | null;
  token_seen_at: string | null;
  reported_status: ConnectionRequestStatus;
  reported_code: ConcurOutcomeCode | null;
  last_modified: string;
  queue_position: number | null;
  first_seen_at: string;
  last_seen_at: string;
  times_seen: number;
  times_returned: Generated<number>;
  left_at: string | null;
  left_reason: LedgerLeftReason | null;
  left_decision_id: string | null;
}

export interface LedgerEmailTable {
  request_id: string;
  slot: number;
  email_hash: string;
}

export type LedgerEventKind = 'arrived' | 'left' | 'returned';

export interface LedgerEventTable {
  id: string;
  request_id: string;
  at: string;
  kind: LedgerEventKind;
  reason: LedgerLeftReason | null;
  decision_id: string | null;
}

export type PollWalk = 'running' | 'clean' | 'shifted' | 'failed';
export type PollTrigger = 'schedule' | 'request';

export interface PollCycleTable {
  id: string;
  owner: string;
  trigger: PollTrigger;
  started_at: string;
  finished_at: string | null;
  walk: PollWalk;
  pages: Generated<number>;
  requests: Generated<number>;
  new_count: Generated<number>;
  returned_count: Generated<number>;
  gone_count: Generated<number>;
  duration_ms: number | null;
  error: string | null;
  correlation_id: string | null;
}

export interface JobLeaseTable {
  name: string;
  owner: string | null;
  lease_until: string | null;
  requested_at: string | null;
  not_before: string | null;
}

export type MatchVerdictKind = 'connect' | 'fail' | 'exception';
export type MatchPolicy = 'off' | 'shadow' | 'auto';

export interface MatchEvaluationTable {
  id: string;
  request_id: string;
  evaluated_at: string;
  basis: string;
  verdict: MatchVerdictKind;
  rule: string | null;
  reason: string | null;
  outcome_code: OutcomeCode | null;
  member_id: string | null;
  evidence: string;
  policy: MatchPolicy;
  members_mark: Generated<string>;
  superseded_at: string | null;
  staff_decision_id: string | null;
  agreement: 'agree' | 'disagree' | null;
}

export interface Database {
  audit_event: AuditEventTable;
  app_setting: AppSettingTable;
  sign_in_attempt: SignInAttemptTable;
  sign_in_lock_notice: SignInLockNoticeTable;
  user: StaffUserTable;
  session: StaffSessionTable;
  member: MemberTable;
  member_email: MemberEmailTable;
  decision: DecisionTable;
  request_claim: RequestClaimTable;
  traveller_connection: TravellerConnectionTable;
  ledger_request: LedgerRequestTable;
  ledger_email: LedgerEmailTable;
  ledger_event: LedgerEventTable;
  poll_cycle: PollCycleTable;
  job_lease: JobLeaseTable;
  match_evaluation: MatchEvaluationTable;
}
