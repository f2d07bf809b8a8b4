import 'server-only';
import { getDb } from '@/lib/db';
import { log } from '@/lib/log';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from './csv';
import { AUDIT_PAGE_SIZE, type AuditRow, type AuditSearchInput, auditFilterOf } from './schemas';
import { type AuditViewer, auditEventBatches, listAuditActors, scopeAuditFilter, searchAuditEvents } from './search';

export type AuditLogView = {
  rows: AuditRow[];
  total: number;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pageCount: number;
  /** The "who" choices; null when the viewer reads only their own events. */
  actors: { id: string; name: string }[] | null;
};

/** Everything the audit page shows, for the staff member viewing it. */
export async function loadAuditLog(viewer: AuditViewer, input: AuditSearchInput): Promise<AuditLogView> {
  const filter = scopeAuditFilter(auditFilterOf(input), viewer);
  // The page required the permission first; reaching here without it is a bug.
  if (!filter) throw new Error('this staff member may not read the audit log');
  const db = await getDb();
  const canReadAll = viewer.permissions.has('audit.read-all');
  const offsetOf = (page: number) => (page - 1) * AUDIT_PAGE_SIZE;
  const [found, actors] = await Promise.all([
    searchAuditEvents(db, filter, { offset: offsetOf(input.page), limit: AUDIT_PAGE_SIZE }),
    canReadAll ? listAuditActors(db) : null,
  ]);
  const pageCount = Math.max(1, Math.ceil(found.total / AUDIT_PAGE_SIZE));
  // A stale bookmark past the end: the last page rather than an empty one.
  if (input.page > pageCount) {
    const last = await searchAuditEvents(db, filter, { offset: offsetOf(pageCount), limit: AUDIT_PAGE_SIZE });
    return { ...last, page: pageCount, pageCount, actors };
  }
  return { ...found, page: input.page, pageCount, actors };
}

/** Rows read from the database at a time while exporting. */
const EXPORT_BATCH_SIZE = 500;

/**
 * The CSV of every event the filter matches, as the viewer may read them, written batch by
 * batch as the download is read. Starts with a byte-order mark so spreadsheets read UTF-8 names.
 * Null when the viewer's role reads no audit events at all.
 */
export function exportAuditCsv(viewer: AuditViewer, input: AuditSearchInput): ReadableStream<Uint8Array> | null {
  const filter = scopeAuditFilter(auditFilterOf(input), viewer);
  if (!filter) return null;
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<AuditRow[]> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_CSV_HEADER)}`));
    },
    async pull(controller) {
      try {
        batches ??= auditEventBatches(await getDb(), filter, EXPORT_BATCH_SIZE);
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map(auditCsvLine).join('')));
      } catch (error) {
        const err = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        log.error({ event: 'audit.export.failed', err }, 'the audit export failed part way');
        controller.error(new Error('the audit export failed'));
      }
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
