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

export interface Database {
  audit_event: AuditEventTable;
}
