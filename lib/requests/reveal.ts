'use server';

import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/store';
import { refuse, staffAction } from '@/lib/auth/action';
import { ConcurError, type ConnectionRequest } from '@/lib/concur';
import { requestIdSchema } from '@/lib/concur/model';
import { readConnectionRequest } from '@/lib/concur/read-request';
import { logConcurFailure, userMessage } from '@/lib/concur/user-messages';
import { getDb } from '@/lib/db';
import { auditFieldName, type RevealField, revealReasons } from '@/lib/masking/reveal-reasons';

const revealValueInput = z.object({
  requestId: requestIdSchema,
  field: z.union([z.literal('loyaltyNumber'), z.object({ email: z.number().int().min(0).max(4) })]),
  reason: z.enum(revealReasons, { error: 'Choose why you need to see it.' }),
});

/** Read afresh rather than trusting the page: the value may have changed or gone since it loaded. */
async function readForReveal(requestId: string): Promise<ConnectionRequest> {
  let request: ConnectionRequest | null;
  try {
    request = await readConnectionRequest(requestId);
  } catch (error) {
    if (!(error instanceof ConcurError)) throw error;
    logConcurFailure('requests.reveal.failed', error, 'reading a connection request to reveal a value failed');
    const reference = error.correlationId ? ` Reference for your administrator: ${error.correlationId}.` : '';
    refuse(`Nothing was revealed. ${userMessage(error)}${reference}`);
  }
  if (!request) refuse('No connection request with this ID. It may have been removed by Concur.');
  return request;
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
          ? 'This request has no loyalty number. Reload the page to see it as Concur has it now.'
          : 'This request has no such email any more. Reload the page to see it as Concur has it now.',
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
