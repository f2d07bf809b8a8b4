import 'server-only';
import { auditDetailSchema } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import type { Permission } from '@/lib/roles';
import { actionsIn, asSentence, describeActor, describeAuditEvent, staffIdsInDetail } from './describe';
import type { AuditFilter, AuditRow } from './schemas';

/** Who is searching: their id and what their role lets them read. */
export type AuditViewer = { staffId: string; permissions: ReadonlySet<Permission> };

declare const scoped: unique symbol;
/** A filter narrowed to what its viewer may read. Only `scopeAuditFilter` makes one. */
export type ScopedAuditFilter = AuditFilter & { readonly [scoped]: true };

/**
 * The one place the audit log is narrowed by role, whatever the URL asked for: admins read
 * everyone's events, agents only their own (the actor is always themselves), others nothing.
 */
export function scopeAuditFilter(filter: AuditFilter, viewer: AuditViewer): ScopedAuditFilter | null {
  if (viewer.permissions.has('audit.read-all')) return filter as ScopedAuditFilter;
  if (viewer.permissions.has('audit.read-own')) return { ...filter, actorId: viewer.staffId } as ScopedAuditFilter;
  return null;
}

export type AuditPage = { rows: AuditRow[]; total: number };

// Details are flat facts; anything else (an older or hand-edited row) is left out rather than failing the page.
const detailSchema = auditDetailSchema.catch({});

function parseDetail(text: string) {
  try {
    return detailSchema.parse(JSON.parse(text));
  } catch {
    return {};
  }
}

const startOfDay = (day: string) => `${day}T00:00:00.000Z`;
const dayAfter = (day: string) => new Date(Date.parse(startOfDay(day)) + 86_400_000).toISOString();

function matching(db: Db, filter: ScopedAuditFilter) {
  let query = db.selectFrom('audit_event');
  if (filter.actorId) query = query.where('audit_event.actor', '=', filter.actorId);
  if (filter.category) query = query.where('audit_event.action', 'in', actionsIn(filter.category));
  if (filter.action) query = query.where('audit_event.action', '=', filter.action);
  if (filter.requestId) {
    query = query
      .where('audit_event.subject_type', '=', 'request')
      .where('audit_event.subject_id', '=', filter.requestId);
  }
  // occurred_at is always toISOString()'s shape, so text order is time order on both databases.
  if (filter.from) query = query.where('audit_event.occurred_at', '>=', startOfDay(filter.from));
  if (filter.to) query = query.where('audit_event.occurred_at', '<', dayAfter(filter.to));
  return query;
}

/** Matching events, newest first, with the names of who did them and whom they were about. */
function withNames(db: Db, filter: ScopedAuditFilter) {
  return matching(db, filter)
    .leftJoin('user as actor_user', 'actor_user.id', 'audit_event.actor')
    .leftJoin('user as subject_user', (join) =>
      join.onRef('subject_user.id', '=', 'audit_event.subject_id').on('audit_event.subject_type', '=', 'staff'),
    )
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.actor',
      'audit_event.action',
      'audit_event.subject_type',
      'audit_event.subject_id',
      'audit_event.detail',
      'actor_user.name as actor_name',
      'subject_user.name as subject_name',
    ])
    .orderBy('audit_event.occurred_at', 'desc')
    .orderBy('audit_event.id', 'desc');
}

type NamedRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Rows in words. Staff named only inside a detail (a claim taken over) are looked up together. */
async function toAuditRows(db: Db, rows: NamedRow[]): Promise<AuditRow[]> {
  const events = rows.map((row) => ({ ...row, detail: parseDetail(row.detail) }));
  const names = new Map<string, string>();
  for (const event of events) {
    if (event.actor && event.actor_name !== null) names.set(event.actor, event.actor_name);
    if (event.subject_id && event.subject_name !== null) names.set(event.subject_id, event.subject_name);
  }
  const unnamed = [...new Set(events.flatMap(staffIdsInDetail))].filter((id) => !names.has(id));
  if (unnamed.length > 0) {
    const found = await db.selectFrom('user').select(['id', 'name']).where('id', 'in', unnamed).execute();
    for (const staff of found) names.set(staff.id, staff.name);
  }
  return events.map((event) => {
    const { summary, details } = describeAuditEvent(
      { action: event.action, detail: event.detail, subjectType: event.subject_type, subjectId: event.subject_id },
      (id) => names.get(id),
    );
    return {
      id: event.id,
      occurredAt: event.occurred_at,
      action: event.action,
      actorName: describeActor(event, event.actor_name ?? undefined),
      what: asSentence(summary),
      requestId: event.subject_type === 'request' ? event.subject_id : null,
      details,
    };
  });
}

/** One page of matching events, newest first, and how many match in all. */
export async function searchAuditEvents(
  db: Db,
  filter: ScopedAuditFilter,
  page: { offset: number; limit: number },
): Promise<AuditPage> {
  const [counted, rows] = await Promise.all([
    matching(db, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst(),
    withNames(db, filter).limit(page.limit).offset(page.offset).execute(),
  ]);
  return { rows: await toAuditRows(db, rows), total: Number(counted?.n ?? 0) };
}

/**
 * Every matching event, newest first, `batchSize` at a time: for an export that must not hold
 * the whole log in memory. Each batch continues after the last row of the one before, so events
 * recorded meanwhile neither repeat nor shift rows out of the export.
 */
export async function* auditEventBatches(
  db: Db,
  filter: ScopedAuditFilter,
  batchSize = 500,
): AsyncGenerator<AuditRow[]> {
  let after: { occurredAt: string; id: string } | null = null;
  while (true) {
    let query = withNames(db, filter);
    if (after) {
      const { occurredAt, id } = after;
      query = query.where((eb) =>
        eb.or([
          eb('audit_event.occurred_at', '<', occurredAt),
          eb.and([eb('audit_event.occurred_at', '=', occurredAt), eb('audit_event.id', '<', id)]),
        ]),
      );
    }
    const rows = await query.limit(batchSize).execute();
    if (rows.length > 0) yield await toAuditRows(db, rows);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = { occurredAt: last.occurred_at, id: last.id };
  }
}

/** Staff the "who" filter offers: everyone who has an account, by name. */
export async function listAuditActors(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('user').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
