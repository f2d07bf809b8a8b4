import { z } from 'zod';
import { requestIdSchema as requestId } from '@/lib/concur/model';
import { REQUEST_STATUSES } from '@/lib/requests/schemas';

/** The outcome codes staff choose from; the legacy CRPA* codes are Concur's, not ours to send. */
export const decisionCodes = ['CRSUC', 'CREU1', 'CREU2', 'CREU3', 'CRRET'] as const;
export type DecisionCode = (typeof decisionCodes)[number];
export const failureCodes = ['CREU1', 'CREU2', 'CREU3'] as const;

export const memberIdSchema = z.string().trim().min(1).max(64);

/** The request as the agent saw it when deciding: a difference from Concur's now is a conflict. */
const loadedRequest = z.object({
  status: z.enum(REQUEST_STATUSES),
  lastModified: z.string().min(1).max(40),
});

const common = {
  requestId,
  loaded: loadedRequest,
  note: z
    .string()
    .trim()
    .max(500, 'Keep the note under 500 characters.')
    .optional()
    .transform((note) => note || null),
};

export const decideInput = z.discriminatedUnion('outcomeCode', [
  z.object({ outcomeCode: z.literal('CRSUC'), memberId: memberIdSchema, ...common }),
  z.object({ outcomeCode: z.enum(['CREU1', 'CREU2', 'CREU3', 'CRRET']), ...common }),
]);
export type DecideInput = z.infer<typeof decideInput>;

export const requestRefInput = z.object({ requestId });
export const decisionRefInput = z.object({ decisionId: z.uuid() });

export const bulkConnectInput = z.object({ requestId, memberId: memberIdSchema, loaded: loadedRequest });
export type BulkConnectInput = z.infer<typeof bulkConnectInput>;
