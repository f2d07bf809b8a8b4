import { describe, expect, it } from 'vitest';
import { generateSeedRequests } from './seed';

describe('sandbox demo data', () => {
  const requests = generateSeedRequests();

  it('is the same on every run', () => {
    expect(generateSeedRequests()).toEqual(requests);
  });

  it('covers every status, about 250 requests, unique ids', () => {
    expect(requests.length).toBeGreaterThanOrEqual(240);
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    expect(new Set(requests.map((r) => r.status))).toEqual(
      new Set(['Pending', 'Processing', 'Connected', 'Failed', 'Retry']),
    );
  });

  it('has the names, numbers and emails that break naive matching', () => {
    const lastNames = requests.map((r) => r.lastName);
    expect(lastNames.some((n) => /[^\u0020-\u007e]/.test(n))).toBe(true);
    expect(lastNames.some((n) => n.includes('-'))).toBe(true);
    expect(lastNames.some((n) => n.includes("'"))).toBe(true);
    expect(requests.some((r) => r.loyaltyNumber === null)).toBe(true);
    expect(requests.some((r) => r.loyaltyNumber?.startsWith('0'))).toBe(true);
    const emailCounts = new Set(requests.map((r) => r.emails.length));
    expect(emailCounts).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });
});
