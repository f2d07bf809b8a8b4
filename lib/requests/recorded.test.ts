import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionRequest, OutcomeCode } from '@/lib/concur/model';
import { newEncryptionKey } from '@/lib/connections/crypto';
import type { Db } from '@/lib/db';
import type { DecisionSendState } from '@/lib/db/types';
import { markGone, markSent, recordSeen } from '@/lib/ledger/record';
import { testDatabases } from '@/tests/support/databases';

// The marker throws outside a React server bundle; the queries under test run on a real database.
vi.mock('server-only', () => ({}));
const { recordedPage } = await import('./recorded');

const key = newEncryptionKey();
const keyring = { current: key, byId: new Map([[key.id, key]]) };

function pending(lastName: string): ConnectionRequest {
  return {
    id: randomUUID(),
    firstName: 'Test',
    middleName: null,
    lastName,
    loyaltyNumber: '123456789012',
    status: 'Pending',
    reportedCode: null,
    requestToken: `token-${lastName}`,
    lastModified: '2026-03-01T08:00:00.000Z',
    emails: [`${lastName.toLowerCase()}@example.org`],
    userId: randomUUID(),
  };
}

describe.each(testDatabases('requests-recorded'))('the tabs from our own records on $name', (database) => {
  let db: Db;
  const ids = (page: Awaited<ReturnType<typeof recordedPage>>) => page.rows.map((row) => row.last_name);

  /** Seen by a poll, then decided here, as the decision outbox would leave it. */
  async function decided(
    lastName: string,
    decision: { code: OutcomeCode; sentCode?: OutcomeCode; state: DecisionSendState; at: string },
  ) {
    const request = pending(lastName);
    await recordSeen(db, keyring, { items: [request], fetchedAt: '2026-03-01T09:00:00.000Z', firstPosition: 0 });
    const decisionId = randomUUID();
    await db
      .insertInto('decision')
      .values({
        id: decisionId,
        request_id: request.id,
        based_on_last_modified: request.lastModified,
        based_on_status: 'Pending',
        concur_user_id: null,
        traveller_name: null,
        outcome_code: decision.code,
        sent_code: decision.sentCode ?? null,
        member_id: null,
        decided_by: 'agent-1',
        decided_at: decision.at,
        note: null,
        send_state: decision.state,
        attempts: 1,
        next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        correlation_id: null,
        sent_at: decision.state === 'sent' ? decision.at : null,
        confirmed_by: null,
        unconfirmed_since: null,
      })
      .execute();
    if (decision.state === 'sent') await markSent(db, request.id, decisionId, decision.at);
    return request;
  }

  beforeAll(async () => {
    db = await database.open();
    await decided('Sending', { code: 'CRSUC', state: 'sending', at: '2026-03-01T09:01:00.000Z' });
    await decided('Failing', { code: 'CREU1', state: 'failed', at: '2026-03-01T09:02:00.000Z' });
    await decided('Conflict', { code: 'CREU1', state: 'conflict', at: '2026-03-01T09:03:00.000Z' });
    await decided('Connected', { code: 'CRSUC', state: 'sent', at: '2026-03-01T09:04:00.000Z' });
    await decided('RetriedInstead', {
      code: 'CRSUC',
      sentCode: 'CRRET',
      state: 'sent',
      at: '2026-03-01T09:05:00.000Z',
    });
    await decided('FailedFirst', { code: 'CREU2', state: 'sent', at: '2026-03-01T09:06:00.000Z' });
    await decided('FailedLater', { code: 'CREU3', state: 'sent', at: '2026-03-01T09:07:00.000Z' });
    await recordSeen(db, keyring, {
      items: [pending('Elsewhere')],
      fetchedAt: '2026-03-01T09:00:00.000Z',
      firstPosition: 0,
    });
  });
  afterAll(() => database.close(db));

  it('shows as Processing the queued requests with a decision of ours on its way', async () => {
    const page = await recordedPage(db, 'Processing', { offset: 0, limit: 10 });
    expect(ids(page)).toEqual(['Failing', 'Sending']);
    expect(page.total).toBe(2);
  });

  it('shows a request our PUT took out of the queue under the status its code led to, newest first', async () => {
    expect(ids(await recordedPage(db, 'Connected', { offset: 0, limit: 10 }))).toEqual(['Connected']);
    // A connect whose token had expired was sent as CRRET: Concur retries it.
    expect(ids(await recordedPage(db, 'Retry', { offset: 0, limit: 10 }))).toEqual(['RetriedInstead']);
    expect(ids(await recordedPage(db, 'Failed', { offset: 0, limit: 10 }))).toEqual(['FailedLater', 'FailedFirst']);
  });

  it('pages, with the whole tab counted on every page', async () => {
    const first = await recordedPage(db, 'Failed', { offset: 0, limit: 1 });
    const second = await recordedPage(db, 'Failed', { offset: 1, limit: 1 });
    expect([ids(first), first.hasMore, first.total]).toEqual([['FailedLater'], true, 2]);
    expect([ids(second), second.hasMore, second.total]).toEqual([['FailedFirst'], false, 2]);
  });

  it('shows nowhere a request that left the queue without a decision of ours', async () => {
    await markGone(db, '2026-03-01T10:00:00.000Z');
    for (const status of ['Processing', 'Connected', 'Failed', 'Retry'] as const) {
      expect(ids(await recordedPage(db, status, { offset: 0, limit: 10 })), status).not.toContain('Elsewhere');
    }
  });
});
