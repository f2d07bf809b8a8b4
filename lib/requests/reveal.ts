'use server';

import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/store';
import { refuse, staffAction } from '@/lib/auth/action';
import { type ConnectionRequest, requestIdSchema } from '@/lib/concur/model';
import { loadKeyring } from '@/lib/connections/keyring';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getLedgerEntry } from '@/lib/ledger/store';
import { auditFieldName, type RevealField, revealReasons } from '@/lib/masking/reveal-reasons';

const revealValueInput = z.object({
  requestId: requestIdSchema,
  field: z.union([z.literal('loyaltyNumber'), z.object({ email: z.number().int().min(0).max(4) })]),
  reason: z.enum(revealReasons, { error: 'Choose why you need to see it.' }),
});

/** Read afresh rather than trusting the page: a poll may have changed the value since it loaded. */
async function readForReveal(requestId: string): Promise<ConnectionRequest> {
  const entry = await getLedgerEntry(await getDb(), loadKeyring(getEnv()), requestId);
  if (!entry) refuse("No connection request with this ID has been seen in Concur's queue.");
  return entry.request;
}

function pickValue(request: ConnectionRequest, field: RevealField): string | null {
  return field === 'loyaltyNumber' ? request.loyaltyNumber : (request.emails[field.email] ?? null);
}

/**
 * Shows one masked value of a connection request in full, for a stated reason. The audit event
 * names the field and the reason, never the value, and is written before the value is returned.
 */
export const revealRequestValue = staffAction({
  permission: 'requests.reveal',
  input: revealValueInput,
  handler: async ({ requestId, field, reason }, { staff }) => {
    const request = await readForReveal(requestId);
    const value = pickValue(request, field);
    if (!value) {
      refuse(
        field === 'loyaltyNumber'
          ? 'This request has no loyalty number. Reload the page to see it as the last poll of Concur found it.'
          : 'This request has no such email any more. Reload the page to see it as the last poll of Concur found it.',
      );
    }
    await recordAuditEvent(await getDb(), {
      actor: staff.id,
      action: 'request.value-revealed',
      subjectType: 'request',
      subjectId: request.id,
      detail: { field: auditFieldName(field), reason },
    });
    return { value };
  },
});
