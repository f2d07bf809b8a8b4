import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { type AuditAction, isAuditAction } from './describe';

/** Audit details are small flat facts (ids, codes, reasons), never personal data or secrets. */
export const auditDetailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const auditEventInput = z.object({
  actor: z.string().min(1).nullable(),
  action: z.custom<AuditAction>(isAuditAction, 'not an action of the audit catalogue (lib/audit/describe.ts)'),
  subjectType: z.string().min(1).max(64).nullable().default(null),
  subjectId: z.string().min(1).max(200).nullable().default(null),
  detail: auditDetailSchema.default({}),
});

export type AuditEventInput = z.input<typeof auditEventInput>;

export type AuditEvent = {
  id: string;
  occurredAt: string;
  actor: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: z.infer<typeof auditDetailSchema>;
};

export async function recordAuditEvent(db: Db, input: AuditEventInput, now = new Date()): Promise<AuditEvent> {
  const event = auditEventInput.parse(input);
  const row = {
    id: randomUUID(),
    occurred_at: now.toISOString(),
    actor: event.actor,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    detail: JSON.stringify(event.detail),
  };
  await db.insertInto('audit_event').values(row).execute();
  return { ...event, id: row.id, occurredAt: row.occurred_at };
}

/** Newest first. */
export async function listAuditEvents(
  db: Db,
  filter: { subjectType?: string; subjectId?: string; limit?: number } = {},
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: auditDetailSchema.parse(JSON.parse(row.detail)),
  }));
}
