import type { OutcomeCode } from '@/lib/concur/model';
import type { MatchVerdictKind } from '@/lib/db/types';

/**
 * A person's decision against what the matcher judged of the same request: agreement counts
 * only where a rule decided (an exception leaves the choice to people by design).
 */
export function agreementOf(
  judged: { verdict: MatchVerdictKind; member_id: string | null; outcome_code: OutcomeCode | null },
  decision: { outcomeCode: OutcomeCode; memberId: string | null },
): 'agree' | 'disagree' | null {
  if (judged.verdict === 'exception') return null;
  const isSame =
    decision.outcomeCode === judged.outcome_code &&
    (judged.verdict !== 'connect' || decision.memberId === judged.member_id);
  return isSame ? 'agree' : 'disagree';
}
