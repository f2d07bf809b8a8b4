import { describe, expect, it, vi } from 'vitest';
import type { ConnectionRequest } from '@/lib/concur';
import type { LedgerEntry } from '@/lib/ledger/store';
import { maskEmail } from '@/lib/masking/mask';

// The marker throws outside a React server bundle; the mapping under test is plain code.
vi.mock('server-only', () => ({}));
const { statusOf, toRequestDetail } = await import('./detail');

const request: ConnectionRequest = {
  id: 'b65b5215-dd36-43d0-a178-39356630320e',
  firstName: 'Zoë',
  middleName: 'Ann',
  lastName: "O'Brien-Núñez",
  loyaltyNumber: '0012345678',
  status: 'Pending',
  reportedCode: null,
  requestToken: 'secret-request-token-123',
  lastModified: '2026-01-02T03:04:05Z',
  emails: ['zoe.obrien@example.com', 'z.o@work.example.org', 'zoe@example.de'],
  userId: 'a1b2c3d4-0000-4000-8000-000000000001',
};

/** As the ledger opens it for the server: the token asked for, to show it never goes further. */
const entryOf = (changes: Partial<ConnectionRequest> = {}, left: LedgerEntry['left'] = null): LedgerEntry => ({
  request: { ...request, ...changes },
  firstSeenAt: '2026-01-02T03:05:00.000Z',
  lastSeenAt: '2026-01-03T10:00:00.000Z',
  timesSeen: 42,
  timesReturned: 1,
  tokenSeenAt: '2026-01-03T09:00:00.000Z',
  queuePosition: 7,
  left,
});

describe('toRequestDetail', () => {
  it('keeps the names and ids, masks the loyalty number and every email by slot', () => {
    expect(toRequestDetail(entryOf(), 'Pending')).toEqual({
      id: request.id,
      firstName: 'Zoë',
      middleName: 'Ann',
      lastName: "O'Brien-Núñez",
      maskedLoyaltyNumber: '•••5678',
      emails: [
        { slot: 0, masked: 'z•••@e•••.com' },
        { slot: 1, masked: 'z•••@w•••.org' },
        { slot: 2, masked: 'z•••@e•••.de' },
      ],
      status: 'Pending',
      lastModified: '2026-01-02T03:04:05Z',
      userId: request.userId,
      firstSeenAt: '2026-01-02T03:05:00.000Z',
      lastSeenAt: '2026-01-03T10:00:00.000Z',
      timesSeen: 42,
      timesReturned: 1,
      queue: { state: 'queued' },
    });
  });

  it('says when and how the request left the queue, never which decision or when its token came', () => {
    const left = { at: '2026-01-04T08:00:00.000Z', reason: 'sent' as const, decisionId: 'd-1' };
    const detail = toRequestDetail(entryOf({}, left), 'Connected');
    expect(detail.queue).toEqual({ state: 'left', at: '2026-01-04T08:00:00.000Z', reason: 'sent' });
    expect(detail.status).toBe('Connected');
    expect(JSON.stringify(detail)).not.toContain('d-1');
    expect(JSON.stringify(detail)).not.toContain('09:00:00');
  });

  it('never carries the request token or a raw email or loyalty number, in any field', () => {
    const serialized = JSON.stringify(toRequestDetail(entryOf(), 'Pending'));
    expect(serialized).not.toMatch(/requestToken|token/i);
    for (const secret of [request.requestToken, request.loyaltyNumber, ...request.emails]) {
      expect(serialized).not.toContain(secret);
    }
    expect(serialized).not.toContain('12345678');
  });

  it('masks each email the way the list does, including odd ones', () => {
    const emails = ['a@b.co.uk', 'not-an-email', 'x@localhost', 'émile@exämple.de', 'five@example.com'];
    const detail = toRequestDetail(entryOf({ emails }), 'Pending');
    expect(detail.emails).toEqual(emails.map((email, slot) => ({ slot, masked: maskEmail(email) })));
    for (const email of emails) expect(JSON.stringify(detail)).not.toContain(email);
  });

  it('says none where Concur sent no loyalty number, emails, middle name or user id', () => {
    const detail = toRequestDetail(
      entryOf({ loyaltyNumber: null, emails: [], middleName: null, userId: null, requestToken: null }),
      'Pending',
    );
    expect(detail).toMatchObject({ maskedLoyaltyNumber: null, emails: [], middleName: null, userId: null });
  });
});

describe('statusOf', () => {
  it('is what the poll saw while the request is queued', () => {
    expect(statusOf(entryOf(), null)).toBe('Pending');
  });

  it('is where the code our PUT sent leads, once it took the request out of the queue', () => {
    const left = { at: '2026-01-04T08:00:00.000Z', reason: 'sent' as const, decisionId: 'd-1' };
    expect(statusOf(entryOf({}, left), 'CRSUC')).toBe('Connected');
    expect(statusOf(entryOf({}, left), 'CREU1')).toBe('Failed');
    expect(statusOf(entryOf({}, left), 'CRRET')).toBe('Retry');
  });

  it('stays the last one seen when the request left without a decision of ours', () => {
    const left = { at: '2026-01-04T08:00:00.000Z', reason: 'gone' as const, decisionId: null };
    expect(statusOf(entryOf({}, left), null)).toBe('Pending');
  });
});
