import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAuditEvent } from '@/lib/audit/store';
import { createAuth, migrateAuth } from '@/lib/auth/better-auth';
import type { Db } from '@/lib/db';
import { parseEnv } from '@/lib/env';
import { addStaff } from '@/lib/staff/store';
import { testDatabases } from '@/tests/support/databases';

// The marker throws outside a React server bundle; the queries under test run on a real database.
vi.mock('server-only', () => ({}));
const { describeRequestEvent, listRequestHistory, recordRequestView, VIEW_RECORD_INTERVAL_MS, withQueueEvents } =
  await import('./history');

describe('describeRequestEvent', () => {
  it('words views and reveals, with the reason as its label and never a value', () => {
    expect(describeRequestEvent({ action: 'request.viewed', detail: {} })).toEqual({
      summary: 'viewed the request',
      reason: null,
    });
    expect(
      describeRequestEvent({ action: 'request.value-revealed', detail: { field: 'email2', reason: 'correct-typo' } }),
    ).toEqual({ summary: 'revealed email 2', reason: 'Checking for a typo' });
    expect(
      describeRequestEvent({
        action: 'request.value-revealed',
        detail: { field: 'loyaltyNumber', reason: 'match-member' },
      }),
    ).toEqual({ summary: 'revealed the loyalty number', reason: 'Matching the request to a member' });
  });

  it('names a decision’s outcome in its line', () => {
    expect(
      describeRequestEvent({ action: 'decision.recorded', detail: { decisionId: 'd1', outcomeCode: 'CREU2' } }),
    ).toEqual({ summary: 'recorded a decision: CREU2 (account does not match)', reason: null });
  });

  it('shows any other action by its name', () => {
    expect(describeRequestEvent({ action: 'request.decided', detail: { outcome: 'CRSUC' } })).toEqual({
      summary: 'request.decided',
      reason: null,
    });
  });
});

describe('withQueueEvents', () => {
  it('puts what the polls saw in Concur’s queue among our own events, newest first', () => {
    const viewed = {
      id: 'e1',
      occurredAt: '2026-03-01T10:00:00.000Z',
      actorName: 'Ana Lima',
      summary: 'viewed the request',
      reason: null,
    };
    const history = withQueueEvents(
      [viewed],
      [
        { at: '2026-03-01T09:00:00.000Z', kind: 'arrived', reason: null },
        { at: '2026-03-01T11:00:00.000Z', kind: 'left', reason: 'sent' },
        { at: '2026-03-01T12:00:00.000Z', kind: 'returned', reason: null },
        { at: '2026-03-01T13:00:00.000Z', kind: 'left', reason: 'gone' },
      ],
    );
    expect(history.map(({ actorName, summary }) => `${actorName} ${summary}`)).toEqual([
      "Concur's queue no longer had the request, without a decision of ours",
      "Concur's queue had the request again (it came back to the queue)",
      "Concur's queue let the request go: our decision was sent",
      'Ana Lima viewed the request',
      "Concur's queue had the request (first seen by a poll)",
    ]);
    expect(new Set(history.map((entry) => entry.id)).size).toBe(history.length);
  });
});

describe.each(testDatabases('request-history'))('request history on $name', (database) => {
  let db: Db;
  let agentId: string;
  const requestId = 'b65b5215-dd36-43d0-a178-39356630320e';

  beforeAll(async () => {
    db = await database.open();
    // Better Auth shapes its migrations by dialect; only the kind of this URL is read, not the URL.
    const env = parseEnv({
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-history-')),
      DATABASE_URL: database.name === 'PostgreSQL' ? 'postgres://unused@127.0.0.1/unused' : undefined,
    });
    await migrateAuth(db, env);
    const auth = createAuth(db, env, 'a test secret that is long enough to sign cookies');
    agentId = await addStaff(auth, {
      email: 'ana@example.com',
      name: 'Ana Lima',
      role: 'agent',
      password: 'a long test password 42',
    });
  });
  afterAll(() => database.close(db));

  it('records one view per staff member and request within the interval', async () => {
    const start = new Date('2026-03-01T09:00:00Z');
    const later = (ms: number) => new Date(start.getTime() + ms);
    expect(await recordRequestView(db, { staffId: agentId, requestId }, start)).toBe(true);
    expect(await recordRequestView(db, { staffId: agentId, requestId }, later(60_000))).toBe(false);
    expect(await recordRequestView(db, { staffId: agentId, requestId: 'another-request' }, later(60_000))).toBe(true);
    expect(await recordRequestView(db, { staffId: 'someone-else', requestId }, later(60_000))).toBe(true);
    expect(await recordRequestView(db, { staffId: agentId, requestId }, later(VIEW_RECORD_INTERVAL_MS + 1))).toBe(true);

    const views = await db
      .selectFrom('audit_event')
      .select('actor')
      .where('action', '=', 'request.viewed')
      .where('subject_id', '=', requestId)
      .execute();
    expect(views.map((view) => view.actor).sort()).toEqual([agentId, agentId, 'someone-else'].sort());
  });

  it('lists the request’s own events newest first, with names and words', async () => {
    await recordAuditEvent(
      db,
      {
        actor: agentId,
        action: 'request.value-revealed',
        subjectType: 'request',
        subjectId: requestId,
        detail: { field: 'loyaltyNumber', reason: 'traveller-called' },
      },
      new Date('2026-03-01T10:00:00Z'),
    );
    // A later version's action, which this version cannot record, read back from the table.
    await db
      .insertInto('audit_event')
      .values({
        id: randomUUID(),
        occurred_at: '2026-03-01T11:00:00.000Z',
        actor: null,
        action: 'request.requeued',
        subject_type: 'request',
        subject_id: requestId,
        detail: '{}',
      })
      .execute();

    const history = await listRequestHistory(db, requestId);
    expect(history.map(({ actorName, summary, reason }) => [actorName, summary, reason])).toEqual([
      ['Connection Desk', 'request.requeued', null],
      ['Ana Lima', 'revealed the loyalty number', 'The traveller contacted us'],
      ['Ana Lima', 'viewed the request', null],
      ['A former staff member', 'viewed the request', null],
      ['Ana Lima', 'viewed the request', null],
    ]);
    expect(history[0]?.occurredAt).toBe('2026-03-01T11:00:00.000Z');
  });
});
