/**
 * Table types. Timestamps are ISO-8601 UTC strings and JSON is text, so one set of
 * migrations and queries behaves the same on SQLite and PostgreSQL.
 */
export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor: string | null;
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

export interface SignInFailureTable {
  /** `account:<email>` or `address:<ip>`. */
  key: string;
  failed_at: string;
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

export interface Database {
  audit_event: AuditEventTable;
  app_setting: AppSettingTable;
  sign_in_failure: SignInFailureTable;
  user: StaffUserTable;
  session: StaffSessionTable;
}
