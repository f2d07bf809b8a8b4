import type { Database } from './db';
import { type NotificationKind, OUTCOME_CODES, type OutcomeCode } from './lifecycle';

/** Read side of the outcome history and traveller notifications that PUTs record, for assertions and soak stats. */

export type OutcomeRecord = { code: OutcomeCode; at: number };
export type NotificationRecord = { kind: NotificationKind; code: OutcomeCode; at: number };

export type History = ReturnType<typeof createHistory>;

export function createHistory(db: Database) {
  const outcomes = db.prepare<[string], OutcomeRecord>(
    'select code, at from outcome where request_id = ? order by seq',
  );
  const notifications = db.prepare<[string], NotificationRecord>(
    'select kind, code, at from notification where request_id = ? order by seq',
  );
  const outcomeCounts = db.prepare<[], { code: OutcomeCode; n: number }>(
    'select code, count(*) as n from outcome group by code',
  );
  const notificationCounts = db.prepare<[], { kind: NotificationKind; n: number }>(
    'select kind, count(*) as n from notification group by kind',
  );
  const lastOutcome = db.prepare<[string], { code: OutcomeCode }>(
    'select code from outcome where request_id = ? order by seq desc limit 1',
  );

  return {
    of(requestId: string): { outcomes: OutcomeRecord[]; notifications: NotificationRecord[] } {
      return { outcomes: outcomes.all(requestId), notifications: notifications.all(requestId) };
    },

    /** The code of the latest outcome PUT for this request, or null if none was. */
    lastCode: (requestId: string): OutcomeCode | null => lastOutcome.get(requestId)?.code ?? null,

    totals() {
      const byCode = Object.fromEntries(OUTCOME_CODES.map((code) => [code, 0])) as Record<OutcomeCode, number>;
      for (const row of outcomeCounts.all()) byCode[row.code] = row.n;
      const byKind: Record<NotificationKind, number> = { connected: 0, failed: 0 };
      for (const row of notificationCounts.all()) byKind[row.kind] = row.n;
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      return {
        outcomes: { total: sum(Object.values(byCode)), byCode },
        notifications: { total: byKind.connected + byKind.failed, ...byKind },
      };
    },
  };
}
