import { isFailureCode, type OutcomeCode, outcomeCodes, outcomeMeanings } from '@/lib/concur/model';
import type { DecideResult } from './decide';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What each outcome code means, in the words staff see on buttons, confirmations and history:
 * Concur's meaning, with the failures saying whose account it is ("Loyalty account not found").
 */
export const outcomeLabels = Object.fromEntries(
  outcomeCodes.map((code) => [
    code,
    capitalised(isFailureCode(code) ? `loyalty ${outcomeMeanings[code]}` : outcomeMeanings[code]),
  ]),
) as Record<OutcomeCode, string>;

/** What Concur does for the traveller once the code is sent, said before and after sending. */
export function travellerEffect(code: OutcomeCode): string {
  if (code === 'CRSUC') return 'Concur emails the traveller that their account is connected.';
  if (code === 'CRRET') return 'The traveller is not emailed. Concur queues the request again in about an hour.';
  return 'Concur emails the traveller to check the loyalty details they gave.';
}

function sentMessage(code: OutcomeCode): string {
  if (code === 'CRSUC') return `Connected. ${travellerEffect(code)}`;
  if (code === 'CRRET') return `Sent back for retry. ${travellerEffect(code)}`;
  return `Failed with ${code} (${outcomeLabels[code]}). ${travellerEffect(code)}`;
}

export type DecisionNotice = { tone: 'success' | 'warning' | 'error'; message: string };

/** The agent's answer after deciding: what happened, and what to do if it did not go through. */
export function describeDecideResult(result: Extract<DecideResult, { kind: 'recorded' }>, code: OutcomeCode) {
  const { delivery } = result;
  switch (delivery.state) {
    case 'sent':
      if (delivery.sentInstead === 'CRRET') {
        return {
          tone: 'warning',
          message:
            'Not connected yet: the request token had expired or was already used, so CRRET was sent instead. Concur returns the request with a new token in about an hour; connect it then.',
        } satisfies DecisionNotice;
      }
      return { tone: 'success', message: sentMessage(code) } satisfies DecisionNotice;
    case 'failed':
      return {
        tone: 'warning',
        message: `Your decision is saved, but Concur has not confirmed it yet. ${delivery.error}`,
      } satisfies DecisionNotice;
    case 'conflict':
      return {
        tone: 'error',
        message: `${delivery.error} Look at the request again before deciding.`,
      } satisfies DecisionNotice;
    case 'busy':
      return {
        tone: 'success',
        message: 'Your decision is saved and is being sent to Concur.',
      } satisfies DecisionNotice;
  }
}
