import { claimHeldByOther, releaseClaim } from './claims';
import { type DeliverDeps, type DeliveryResult, deliverDecision, newSender } from './deliver';
import type { DecideInput } from './schemas';
import { type DecisionRow, DecisionTaken, OverrideTooLate, recordDecision } from './store';

/**
 * A staff member's decision, from the click to Concur: checked against claims and the member
 * directory, recorded (never lost), then delivered once. The caller turns the result into words.
 */

export type DecideDeps = DeliverDeps & {
  /** The member directory's lookup by id: a connection needs a member that exists. */
  findMember: (memberId: string) => Promise<{ id: string } | null>;
};

export type DecideResult =
  | { kind: 'claimed'; by: string }
  | { kind: 'taken'; existing: DecisionRow | undefined }
  | { kind: 'no-member' }
  /** The held decision to override went (its hold ended) or was ended by someone else first. */
  | { kind: 'too-late'; current: DecisionRow | undefined }
  | { kind: 'recorded'; decisionId: string; delivery: DeliveryResult };

export async function decide(deps: DecideDeps, staffId: string, input: DecideInput): Promise<DecideResult> {
  const claim = await claimHeldByOther(deps.db, input.requestId, staffId, deps.now?.());
  if (claim) return { kind: 'claimed', by: claim.staffName };
  const memberId = input.outcomeCode === 'CRSUC' ? input.memberId : null;
  if (memberId && !(await deps.findMember(memberId))) return { kind: 'no-member' };

  let decision: DecisionRow;
  const sender = newSender(deps.owner);
  try {
    decision = await recordDecision(
      deps.db,
      {
        requestId: input.requestId,
        basedOn: input.loaded,
        outcomeCode: input.outcomeCode,
        memberId,
        decidedBy: staffId,
        note: input.note,
        overridesDecisionId: input.overridesDecisionId ?? null,
      },
      { owner: sender, ms: deps.leaseMs },
      deps.now?.(),
    );
  } catch (error) {
    if (error instanceof DecisionTaken) return { kind: 'taken', existing: error.existing };
    if (error instanceof OverrideTooLate) return { kind: 'too-late', current: error.current };
    throw error;
  }
  // Recorded: from here the decision survives whatever happens to this call.
  await releaseClaim(deps.db, input.requestId, staffId);
  const delivery = await deliverDecision(deps, decision.id, sender);
  return { kind: 'recorded', decisionId: decision.id, delivery };
}
