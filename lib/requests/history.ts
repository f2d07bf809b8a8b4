import 'server-only';
import { describeActor, describeAuditEvent } from '@/lib/audit/describe';
import { type AuditEvent, listAuditEvents, recordAuditEvent } from '@/lib/audit/store';
import { type Db, getDb } from '@/lib/db';
import type { LedgerEventKind, LedgerLeftReason } from '@/lib/db/types';

/** Reloading the detail within this window records no new view, so reloads do not flood the log. */
export const VIEW_RECORD_INTERVAL_MS = 10 * 60_000;
const HISTORY_LIMIT = 50;

/** One line of a request's history, in words, for the browser: no ids but the event's own. */
export type RequestHistoryEntry = {
  id: string;
  occurredAt: string;
  /** The staff member's name as it is now. */
  actorName: string;
  /** What they did, lower-case, to follow the name: "viewed the request". */
  summary: string;
  /** The reason given for a reveal, as its label. */
  reason: string | null;
};

type RequestEvent = Pick<AuditEvent, 'action' | 'detail'>;

/** The history's words for an event, from the audit log's own (lib/audit/describe), with any reason given. */
export function describeRequestEvent(event: RequestEvent): { summary: string; reason: string | null } {
  const { summary, details } = describeAuditEvent({ ...event, subjectType: 'request' });
  // A decision's outcome belongs in its line: "recorded a decision: CRSUC Connected".
  const outcome = details.find((line) => line.label === 'Outcome')?.value;
  return {
    summary: outcome ? `${summary}: ${outcome}` : summary,
    reason: details.find((line) => line.label === 'Reason')?.value ?? null,
  };
}

/** Records that a staff member opened a request, unless they already did within the interval. */
export async function recordRequestView(
  db: Db,
  view: { staffId: string; requestId: string },
  now = new Date(),
): Promise<boolean> {
  const since = new Date(now.getTime() - VIEW_RECORD_INTERVAL_MS).toISOString();
  const recent = await db
    .selectFrom('audit_event')
    .select('id')
    .where('subject_type', '=', 'request')
    .where('subject_id', '=', view.requestId)
    .where('action', '=', 'request.viewed')
    .where('actor', '=', view.staffId)
    .where('occurred_at', '>', since)
    .limit(1)
    .executeTakeFirst();
  if (recent) return false;
  await recordAuditEvent(
    db,
    { actor: view.staffId, action: 'request.viewed', subjectType: 'request', subjectId: view.requestId },
    now,
  );
  return true;
}

async function staffNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('user').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The request's own events from our records, newest first, with who did them. */
export async function listRequestHistory(db: Db, requestId: string): Promise<RequestHistoryEntry[]> {
  const events = await listAuditEvents(db, { subjectType: 'request', subjectId: requestId, limit: HISTORY_LIMIT });
  const actorIds = [...new Set(events.flatMap((event) => (event.actor ? [event.actor] : [])))];
  const names = await staffNames(db, actorIds);
  return events.map((event) => ({
    id: event.id,
    occurredAt: event.occurredAt,
    actorName: describeActor(event, event.actor ? names.get(event.actor) : undefined),
    ...describeRequestEvent(event),
  }));
}

/** Opening the detail: the view is recorded first, so the history shown includes it. */
export async function recordViewAndListHistory(view: {
  staffId: string;
  requestId: string;
}): Promise<RequestHistoryEntry[]> {
  const db = await getDb();
  await recordRequestView(db, view);
  return listRequestHistory(db, view.requestId);
}

/** One event of the request in Concur's queue, as the ledger keeps it. */
export type QueueEvent = { at: string; kind: LedgerEventKind; reason: LedgerLeftReason | null };

/** What the ledger saw happen to the request in Concur's queue, in the history's words. */
export function describeQueueEvent(event: Pick<QueueEvent, 'kind' | 'reason'>): string {
  switch (event.kind) {
    case 'arrived':
      return 'had the request (first seen by a poll)';
    case 'returned':
      return 'had the request again (it came back to the queue)';
    case 'left':
      return event.reason === 'sent'
        ? 'let the request go: our decision was sent'
        : 'no longer had the request, without a decision of ours';
  }
}

/** Our records' history and the queue's, newest first, as one list. */
export function withQueueEvents(history: RequestHistoryEntry[], events: QueueEvent[]): RequestHistoryEntry[] {
  const fromQueue = events.map((event, index) => ({
    id: `queue-${index}`,
    occurredAt: event.at,
    actorName: "Concur's queue",
    summary: describeQueueEvent(event),
    reason: null,
  }));
  return [...history, ...fromQueue]
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0))
    .slice(0, HISTORY_LIMIT);
}
