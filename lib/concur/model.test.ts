import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateBacklog, generateSeedRequests } from '@/sandbox/seed';
import { concurOffsetSchema, requestIdSchema } from './model';

describe('a Concur connection request id', () => {
  it.each([
    // Concur's own examples: v3.2 GUIDs, and a v3.0 id.
    '444f5142-2e5a-4ab9-9aad-da916af6fcd7',
    'B65B5215-DD36-43D0-A178-39356630320E',
    'nVkXk0j3Yzk4LosUofRwPOvndJDo',
    'nonexistent-id',
  ])('accepts %s', (id) => {
    expect(requestIdSchema.safeParse(id).success).toBe(true);
  });

  it('accepts every id the sandbox issues', () => {
    const ids = [
      ...generateSeedRequests().map((request) => request.id),
      ...generateBacklog(50, new Date()).map((request) => request.id),
      randomUUID(),
    ];
    for (const id of ids) expect(requestIdSchema.safeParse(id).success, id).toBe(true);
  });

  it.each([
    '.',
    '..',
    '...',
    '%2e%2e',
    '%2E%2E',
    '../etc/passwd',
    'a.b',
    'a_b',
    'a/b',
    'a%2Fb',
    'a b',
    ' abc',
    '',
    '<script>',
    'ü',
    'x'.repeat(65),
  ])('refuses %j', (id) => {
    expect(requestIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('a Concur page offset', () => {
  it.each(['0', '2', '10', '130', '999999999'])('accepts %s, as NextPage gives it', (offset) => {
    expect(concurOffsetSchema.safeParse(offset).success).toBe(true);
  });

  it.each(['abc', '-3', '1e9', '1.5', '+5', '05', '0x10', ' 10', '1000000000', '..', ''])('refuses %j', (offset) => {
    expect(concurOffsetSchema.safeParse(offset).success).toBe(false);
  });
});
