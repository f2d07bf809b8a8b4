import { describe, expect, it, vi } from 'vitest';
import { ConcurError } from '@/lib/concur/errors';

// The marker throws outside a React server bundle; the wording under test is plain code.
vi.mock('server-only', () => ({}));
const { userMessage } = await import('./user-messages');

const failure = (kind: ConcurError['kind'], status: number | null = null) =>
  new ConcurError({ kind, status, message: 'internal detail', concurMessage: 'Concur internal detail' });

describe('userMessage', () => {
  it('says what to do for each kind of failure, never quoting Concur', () => {
    const messages = [
      userMessage(failure('unreachable')),
      userMessage(failure('malformed')),
      userMessage(failure('http', 401)),
      userMessage(failure('http', 500)),
      userMessage(failure('config')),
    ];
    expect(messages[0]).toMatch(/^Could not reach Concur\. Try again in a minute/);
    expect(messages[2]).toMatch(/administrator needs to check the Concur app settings/);
    for (const message of messages) expect(message).not.toContain('internal detail');
  });

  it('tells a screen that asks again by itself that waiting is enough', () => {
    expect(userMessage(failure('unreachable'), { retriesItself: true })).toMatch(/will try again by itself/);
  });
});
