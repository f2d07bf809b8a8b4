'use server';

import { refuse, staffAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { getLedgerEntry } from '@/lib/ledger/store';
import { isFullMatch } from '@/lib/members/candidates';
import { createDbMemberDirectory } from '@/lib/members/directory';
import { takeOverRequest } from './claims';
import { type DecideResult, decide } from './decide';
import { deliverDecision } from './deliver';
import { type DecisionNotice, describeDecideResult, outcomeLabels } from './messages';
import { deliverDeps } from './production-delivery';
import { bulkConnectInput, decideInput, decisionRefInput, requestRefInput } from './schemas';
import { getDecision, requestResend } from './store';

function refuseUnrecorded(result: Exclude<DecideResult, { kind: 'recorded' }>): never {
  switch (result.kind) {
    case 'claimed':
      refuse(`${result.by} is reviewing this request. Take it over first if you need to decide it now.`);
      break;
    case 'no-member':
      refuse('That member is not in the directory any more. Reload the page and choose again.');
      break;
    case 'too-late':
      refuse(
        result.current?.send_state === 'sending' || result.current?.send_state === 'sent'
          ? "Too late to override: Auto-match's decision is already on its way to Concur. Reload to see it."
          : "Auto-match's decision was already cancelled or overridden by someone else. Reload to see where it stands.",
      );
      break;
    case 'taken': {
      if (result.existing?.send_state === 'held') {
        refuse('Auto-match holds a decision on this request. Reload the page, then override it if it is wrong.');
      }
      const code = result.existing?.outcome_code;
      refuse(
        code && code in outcomeLabels
          ? `Someone already decided this request (${code}, ${outcomeLabels[code as keyof typeof outcomeLabels]}). Reload to see it.`
          : 'Someone already decided this request. Reload to see it.',
      );
    }
  }
}

/**
 * Connect, fail or retry one connection request. The decision is recorded before Concur is
 * called, so an answer that never comes loses nothing: the outbox sends it later.
 */
export const decideRequest = staffAction({
  permission: 'requests.decide',
  input: decideInput,
  handler: async (input, { staff }): Promise<DecisionNotice & { decisionId: string }> => {
    const deps = await deliverDeps();
    const directory = createDbMemberDirectory(deps.db);
    const result = await decide({ ...deps, findMember: (id) => directory.get(id) }, staff.id, input);
    if (result.kind !== 'recorded') refuseUnrecorded(result);
    return { decisionId: result.decisionId, ...describeDecideResult(result, input.outcomeCode) };
  },
});

/**
 * One request of a bulk connect: only a full `+LAST +LOYALTY` match with the member named, on
 * the request as the latest poll of Concur's queue has it. Each is its own decision, so closing
 * the page midway leaves the ones already sent sent and the rest untouched.
 */
export const connectFullMatch = staffAction({
  permission: 'requests.decide',
  input: bulkConnectInput,
  handler: async (input, { staff }): Promise<DecisionNotice & { decisionId: string }> => {
    const deps = await deliverDeps();
    const entry = await getLedgerEntry(deps.db, deps.keyring(), input.requestId);
    if (!entry) refuse("Not sent: this request has not been seen in Concur's queue. Reload the list.");
    if (entry.left) {
      refuse("Not sent: this request has left Concur's queue since the list was loaded. Reload the list.");
    }
    const { request } = entry;
    const directory = createDbMemberDirectory(deps.db);
    if (!(await isFullMatch(directory, request, input.memberId))) {
      refuse('The member is no longer a full last name and loyalty number match. Open the request to decide it.');
    }
    const decision = {
      ...input,
      outcomeCode: 'CRSUC' as const,
      note: 'Bulk connect: full last name and loyalty number match',
    };
    const result = await decide({ ...deps, findMember: (id) => directory.get(id) }, staff.id, decision);
    if (result.kind !== 'recorded') refuseUnrecorded(result);
    return { decisionId: result.decisionId, ...describeDecideResult(result, 'CRSUC') };
  },
});

/** Takes over a request another agent is reviewing; audited with whom it was taken from. */
export const takeOverReview = staffAction({
  permission: 'requests.decide',
  input: requestRefInput,
  handler: async ({ requestId }, { staff }) => {
    await takeOverRequest(await getDb(), requestId, staff.id);
    return { requestId };
  },
});

/** Sends a failed decision again now, instead of waiting for the outbox's next try. */
export const resendDecision = staffAction({
  permission: 'requests.decide',
  input: decisionRefInput,
  handler: async ({ decisionId }, { staff }): Promise<DecisionNotice> => {
    const deps = await deliverDeps();
    if (!(await requestResend(deps.db, decisionId, staff.id))) {
      refuse('This decision is not waiting to be sent again. Reload the page to see where it stands.');
    }
    const delivery = await deliverDecision(deps, decisionId);
    const decision = await getDecision(deps.db, decisionId);
    if (!decision) refuse('This decision no longer exists. Reload the page.');
    return describeDecideResult(
      { kind: 'recorded', decisionId, delivery },
      decision.outcome_code as keyof typeof outcomeLabels,
    );
  },
});
