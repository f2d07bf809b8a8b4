import { describe, expect, it, vi } from 'vitest';
import type { ConnectionRequest } from '@/lib/concur';
import { maskEmail } from '@/lib/masking/mask';

// The marker throws outside a React server bundle; the mapping under test is plain code.
vi.mock('server-only', () => ({}));
const { toRequestDetail } = await import('./detail');

const request: ConnectionRequest = {
  id: 'b65b5215-dd36-43d0-a178-39356630320e',
  firstName: 'Zoë',
  middleName: 'Ann',
  lastName: "O'Brien-Núñez",
  loyaltyNumber: '0012345678',
  status: 'Pending',
  requestToken: 'secret-request-token-123',
  lastModified: '2026-01-02T03:04:05Z',
  emails: ['zoe.obrien@example.com', 'z.o@work.example.org', 'zoe@example.de'],
  userId: 'a1b2c3d4-0000-4000-8000-000000000001',
};

describe('toRequestDetail', () => {
  it('keeps the names and ids, masks the loyalty number and every email by slot', () => {
    expect(toRequestDetail(request)).toEqual({
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
    });
  });

  it('never carries the request token or a raw email or loyalty number, in any field', () => {
    const serialized = JSON.stringify(toRequestDetail(request));
    expect(serialized).not.toMatch(/requestToken|token/i);
    for (const secret of [request.requestToken, request.loyaltyNumber, ...request.emails]) {
      expect(serialized).not.toContain(secret);
    }
    expect(serialized).not.toContain('12345678');
  });

  it('masks each email the way the list does, including odd ones', () => {
    const emails = ['a@b.co.uk', 'not-an-email', 'x@localhost', 'émile@exämple.de', 'five@example.com'];
    const detail = toRequestDetail({ ...request, emails });
    expect(detail.emails).toEqual(emails.map((email, slot) => ({ slot, masked: maskEmail(email) })));
    for (const email of emails) expect(JSON.stringify(detail)).not.toContain(email);
  });

  it('says none where Concur sent no loyalty number, emails, middle name or user id', () => {
    const detail = toRequestDetail({
      ...request,
      loyaltyNumber: null,
      emails: [],
      middleName: null,
      userId: null,
      requestToken: null,
    });
    expect(detail).toMatchObject({ maskedLoyaltyNumber: null, emails: [], middleName: null, userId: null });
  });
});
