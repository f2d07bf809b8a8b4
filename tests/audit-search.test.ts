import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAuditEvent } from '@/lib/audit/store';
import { createAuth, migrateAuth } from '@/lib/auth/better-auth';
import type { Db } from '@/lib/db';
import { parseEnv } from '@/lib/env';
import { permissionsOf } from '@/lib/roles';
import { addStaff } from '@/lib/staff/store';
import { testDatabases } from '@/tests/support/databases';

// The marker throws outside a React server bundle; the queries under test run on a real database.
vi.mock('server-only', () => ({}));
const { auditEventBatches, scopeAuditFilter, searchAuditEvents } = await import('@/lib/audit/search');

const REQUEST = 'b65b5215-dd36-43d0-a178-39356630320e';
const OTHER_REQUEST = '444f5142-2e5a-4ab9-9aad-da916af6fcd7';
const at = (iso: string) => new Date(iso);
const everything = { offset: 0, limit: 1000 };

describe.each(testDatabases('audit-search'))('searching the audit log on $name', (database) => {
  let db: Db;
  let agent: { staffId: string; permissions: ReturnType<typeof permissionsOf> };
  let admin: { staffId: string; permissions: ReturnType<typeof permissionsOf> };
  const asAdmin = (filter: Parameters<typeof scopeAuditFilter>[0]) => {
    const scoped = scopeAuditFilter(filter, admin);
    if (!scoped) throw new Error('an admin reads the whole log');
    return scoped;
  };

  beforeAll(async () => {
    db = await database.open();
    // Better Auth shapes its migrations by dialect; only the kind of this URL is read, not the URL.
    const env = parseEnv({
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-audit-search-')),
      DATABASE_URL: database.name === 'PostgreSQL' ? 'postgres://unused@127.0.0.1/unused' : undefined,
    });
    await migrateAuth(db, env);
    const auth = createAuth(db, env, 'a test secret that is long enough to sign cookies');
    const password = 'a long test password 42';
    const agentId = await addStaff(auth, { email: 'ana@example.com', name: 'Ana Lima', role: 'agent', password });
    const adminId = await addStaff(auth, { email: 'ada@example.com', name: 'Ada Admin', role: 'admin', password });
    agent = { staffId: agentId, permissions: permissionsOf('agent') };
    admin = { staffId: adminId, permissions: permissionsOf('admin') };

    const events: [Parameters<typeof recordAuditEvent>[1], string][] = [
      [
        { actor: agentId, action: 'staff.signed-in', subjectType: 'staff', subjectId: agentId },
        '2026-03-01T00:00:00.000Z',
      ],
      [
        { actor: agentId, action: 'request.viewed', subjectType: 'request', subjectId: REQUEST },
        '2026-03-01T09:00:00.000Z',
      ],
      [
        {
          actor: agentId,
          action: 'request.value-revealed',
          subjectType: 'request',
          subjectId: REQUEST,
          detail: { field: 'email2', reason: 'correct-typo' },
        },
        '2026-03-01T09:01:00.000Z',
      ],
      [
        {
          actor: adminId,
          action: 'request.claim-taken-over',
          subjectType: 'request',
          subjectId: REQUEST,
          detail: { fromStaffId: agentId },
        },
        '2026-03-02T10:00:00.000Z',
      ],
      [
        {
          actor: adminId,
          action: 'decision.recorded',
          subjectType: 'request',
          subjectId: REQUEST,
          detail: { decisionId: 'd1', outcomeCode: 'CRSUC', memberId: null },
        },
        '2026-03-02T10:05:00.000Z',
      ],
      [
        { actor: adminId, action: 'request.viewed', subjectType: 'request', subjectId: OTHER_REQUEST },
        '2026-03-02T23:59:59.999Z',
      ],
      [
        {
          actor: adminId,
          action: 'staff.role-changed',
          subjectType: 'staff',
          subjectId: agentId,
          detail: { from: 'viewer', to: 'agent' },
        },
        '2026-03-03T00:00:00.000Z',
      ],
      [
        {
          actor: null,
          action: 'staff.sign-in-failed',
          subjectType: 'staff',
          subjectId: null,
          detail: { reason: 'unknown-account' },
        },
        '2026-03-03T08:00:00.000Z',
      ],
      [
        { actor: 'someone-removed', action: 'staff.signed-out', subjectType: 'staff', subjectId: 'someone-removed' },
        '2026-03-03T09:00:00.000Z',
      ],
    ];
    for (const [event, when] of events) await recordAuditEvent(db, event, at(when));
  });
  afterAll(() => database.close(db));

  it('lists everything newest first, in words, with the names of who did it and whom it was about', async () => {
    const { rows, total } = await searchAuditEvents(db, asAdmin({}), everything);
    expect(total).toBe(9);
    expect(rows.map(({ actorName, what, requestId }) => [actorName, what, requestId])).toEqual([
      ['A former staff member', 'Signed out', null],
      ['Unknown account', 'Failed to sign in', null],
      ['Ada Admin', 'Changed the role of Ana Lima from viewer to agent', null],
      ['Ada Admin', 'Viewed the request', OTHER_REQUEST],
      ['Ada Admin', 'Recorded a decision', REQUEST],
      ['Ada Admin', 'Took over the request from Ana Lima', REQUEST],
      ['Ana Lima', 'Revealed email 2', REQUEST],
      ['Ana Lima', 'Viewed the request', REQUEST],
      ['Ana Lima', 'Signed in', null],
    ]);
    expect(rows[4]?.details).toEqual([{ label: 'Outcome', value: 'CRSUC (connected)' }]);
    expect(rows[6]?.details).toEqual([{ label: 'Reason', value: 'Checking for a typo' }]);
    expect(JSON.stringify(rows)).not.toMatch(/@example\.com/);
  });

  it('filters by who, by category or action, and by request', async () => {
    const whats = async (filter: Parameters<typeof asAdmin>[0]) =>
      (await searchAuditEvents(db, asAdmin(filter), everything)).rows.map((row) => row.what);
    expect(await whats({ actorId: agent.staffId })).toEqual(['Revealed email 2', 'Viewed the request', 'Signed in']);
    expect(await whats({ category: 'sign-in' })).toEqual(['Signed out', 'Failed to sign in', 'Signed in']);
    expect(await whats({ category: 'decisions' })).toEqual([
      'Recorded a decision',
      'Took over the request from Ana Lima',
    ]);
    expect(await whats({ action: 'request.viewed' })).toEqual(['Viewed the request', 'Viewed the request']);
    expect(await whats({ requestId: REQUEST, actorId: agent.staffId, category: 'reveals-and-views' })).toEqual([
      'Revealed email 2',
      'Viewed the request',
    ]);
    expect(await whats({ requestId: 'no-such-request' })).toEqual([]);
  });

  it('takes from and to as whole UTC days, both included', async () => {
    const times = async (filter: Parameters<typeof asAdmin>[0]) =>
      (await searchAuditEvents(db, asAdmin(filter), everything)).rows.map((row) => row.occurredAt);
    expect(await times({ from: '2026-03-02', to: '2026-03-02' })).toEqual([
      '2026-03-02T23:59:59.999Z',
      '2026-03-02T10:05:00.000Z',
      '2026-03-02T10:00:00.000Z',
    ]);
    expect(await times({ to: '2026-03-01' })).toHaveLength(3);
    expect(await times({ from: '2026-03-03' })).toEqual([
      '2026-03-03T09:00:00.000Z',
      '2026-03-03T08:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
    ]);
  });

  it('pages with offset and limit, counting every match', async () => {
    const filter = asAdmin({});
    const first = await searchAuditEvents(db, filter, { offset: 0, limit: 4 });
    const second = await searchAuditEvents(db, filter, { offset: 4, limit: 4 });
    const third = await searchAuditEvents(db, filter, { offset: 8, limit: 4 });
    expect([first.total, second.total, third.total]).toEqual([9, 9, 9]);
    expect([first.rows.length, second.rows.length, third.rows.length]).toEqual([4, 4, 1]);
    const all = (await searchAuditEvents(db, filter, everything)).rows.map((row) => row.id);
    expect([...first.rows, ...second.rows, ...third.rows].map((row) => row.id)).toEqual(all);
  });

  it('keeps an agent to their own events whatever the filter asks for', async () => {
    const asked = { actorId: admin.staffId, requestId: REQUEST };
    const scoped = scopeAuditFilter(asked, agent);
    expect(scoped).toMatchObject({ actorId: agent.staffId, requestId: REQUEST });
    if (!scoped) throw new Error('an agent reads their own log');
    const { rows, total } = await searchAuditEvents(db, scoped, everything);
    expect(total).toBe(2);
    expect(rows.map((row) => row.actorName)).toEqual(['Ana Lima', 'Ana Lima']);

    const unfiltered = scopeAuditFilter({}, agent);
    if (!unfiltered) throw new Error('an agent reads their own log');
    expect(
      (await searchAuditEvents(db, unfiltered, everything)).rows.every((row) => row.actorName === 'Ana Lima'),
    ).toBe(true);
    expect(scopeAuditFilter({}, { staffId: 'v', permissions: permissionsOf('viewer') })).toBeNull();
    expect(scopeAuditFilter(asked, admin)).toMatchObject({ actorId: admin.staffId });
  });

  it('exports in batches that neither repeat nor skip, even as new events arrive', async () => {
    const filter = asAdmin({});
    const exported: string[] = [];
    let isFirstBatch = true;
    for await (const batch of auditEventBatches(db, filter, 2)) {
      exported.push(...batch.map((row) => row.id));
      if (isFirstBatch) {
        // Newer than everything: not part of this export, and it must not shift the rest.
        await recordAuditEvent(db, { actor: admin.staffId, action: 'request.viewed' }, at('2026-03-04T00:00:00Z'));
        isFirstBatch = false;
      }
    }
    const before = (await searchAuditEvents(db, filter, everything)).rows.slice(1).map((row) => row.id);
    expect(exported).toEqual(before);
    expect(new Set(exported).size).toBe(9);
  });
});
