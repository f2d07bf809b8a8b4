import { describe, expect, it } from 'vitest';
import { bulkConnectInput, decideInput, requestRefInput } from './schemas';

const loaded = { status: 'Pending', lastModified: '2026-01-02T03:04:05' };
const GUID = '444f5142-2e5a-4ab9-9aad-da916af6fcd7';

describe('the request id in a decision, a claim or a bulk connect', () => {
  const inputs = (requestId: string) => [
    decideInput.safeParse({ outcomeCode: 'CRSUC', memberId: 'M1', requestId, loaded }),
    decideInput.safeParse({ outcomeCode: 'CREU1', requestId, loaded }),
    requestRefInput.safeParse({ requestId }),
    bulkConnectInput.safeParse({ requestId, memberId: 'M1', loaded }),
  ];

  it('is a Concur id', () => {
    for (const parsed of inputs(GUID)) expect(parsed.success).toBe(true);
  });

  it.each(['.', '..', '%2e%2e', '../common', 'a.b'])('is never %j', (requestId) => {
    for (const parsed of inputs(requestId)) expect(parsed.success).toBe(false);
  });
});
