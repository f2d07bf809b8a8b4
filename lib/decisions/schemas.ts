import { z } from 'zod';
import { connectionRequestStatuses, failureCodes, requestIdSchema as requestId } from '@/lib/concur/model';
import { memberIdSchema } from '@/lib/members/member-id';

/** The request as the agent saw it when deciding: a difference from Concur's now is a conflict. */
const loadedRequest = z.object({
  status: z.enum(connectionRequestStatuses),
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
  /** The matcher's held decision this replaces, as the page showed it. */
  overridesDecisionId: z.uuid().optional(),
};

export const decideInput = z.discriminatedUnion('outcomeCode', [
  z.object({ outcomeCode: z.literal('CRSUC'), memberId: memberIdSchema, ...common }),
  z.object({ outcomeCode: z.enum([...failureCodes, 'CRRET']), ...common }),
]);
export type DecideInput = z.infer<typeof decideInput>;

export const requestRefInput = z.object({ requestId });
export const decisionRefInput = z.object({ decisionId: z.uuid() });

export const bulkConnectInput = z.object({ requestId, memberId: memberIdSchema, loaded: loadedRequest });
export type BulkConnectInput = z.infer<typeof bulkConnectInput>;
