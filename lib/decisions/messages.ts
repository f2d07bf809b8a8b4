import type { DecideResult } from './decide';
import type { DecisionCode } from './schemas';

/** What each outcome code means, in the words staff see on buttons, confirmations and history. */
export const outcomeLabels: Record<DecisionCode, string> = {
  CRSUC: 'Connected',
  CREU1: 'Loyalty account not found',
  CREU2: 'Loyalty account does not match',
  CREU3: 'Loyalty account needs attention',
  CRRET: 'Retry later',
};

function sentMessage(code: DecisionCode): string {
  if (code === 'CRSUC') return 'Connected. Concur emails the traveller that the connection is made.';
  if (code === 'CRRET') return 'Sent back for retry: Concur queues the request again in about an hour.';
  return `Failed with ${code} (${outcomeLabels[code]}). Concur emails the traveller to check their loyalty details.`;
}

export type DecisionNotice = { tone: 'success' | 'warning' | 'error'; message: string };

/** The agent's answer after deciding: what happened, and what to do if it did not go through. */
export function describeDecideResult(result: Extract<DecideResult, { kind: 'recorded' }>, code: DecisionCode) {
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
