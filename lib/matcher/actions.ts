'use server';

import { z } from 'zod';
import { refuse, staffAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { deliverDecision, newSender } from '@/lib/decisions/deliver';
import { describeDecideResult, type outcomeLabels } from '@/lib/decisions/messages';
import { deliverDeps } from '@/lib/decisions/production-delivery';
import { getDecision } from '@/lib/decisions/store';
import { getEnv } from '@/lib/env';
import { changeMatcherSettings, setMatcherPaused } from './admin';
import { endHeld, sendHeldEarly } from './hold';
import { MAX_HOLD_MS, matchPolicies } from './settings';

/** What staff do to the matcher: admins set it up and pause it; agents override its held decisions. */

const settingsInput = z.object({
  policy: z.enum(matchPolicies, { error: 'Choose off, shadow or auto.' }),
  holdMinutes: z.coerce
    .number({ error: 'Enter the hold in minutes, from 0 to 1440.' })
    .min(0, { error: 'Enter the hold in minutes, from 0 to 1440.' })
    .max(MAX_HOLD_MS / 60_000, { error: 'Enter the hold in minutes, from 0 to 1440.' }),
  isEmailRuleOn: z.boolean(),
  isAutoFailOn: z.boolean(),
});

export const saveMatcherSettings = staffAction({
  permission: 'settings.manage',
  input: settingsInput,
  handler: async (input, { staff }) => {
    const { settings, withdrawn } = await changeMatcherSettings(await getDb(), getEnv(), staff.id, {
      policy: input.policy,
      holdMs: Math.round(input.holdMinutes * 60_000),
      isEmailRuleOn: input.isEmailRuleOn,
      isAutoFailOn: input.isAutoFailOn,
    });
    return { policy: settings.policy, holdMs: settings.holdMs, withdrawn };
  },
});

export const setAutoMatchPaused = staffAction({
  permission: 'settings.manage',
  input: z.object({ isPaused: z.boolean() }),
  handler: async ({ isPaused }, { staff }) => {
    await setMatcherPaused(await getDb(), staff.id, isPaused);
    return { isPaused };
  },
});

const heldInput = z.object({ decisionId: z.uuid() });

const TOO_LATE =
  'Auto-match’s decision is no longer held: its hold ended and it went, or someone acted on it first. Reload to see where it stands.';

/** Cancels a held automatic decision: it is never sent, and the request waits for a person. */
export const cancelHeldDecision = staffAction({
  permission: 'requests.decide',
  input: heldInput,
  handler: async ({ decisionId }, { staff }) => {
    const isCancelled = await endHeld(await getDb(), decisionId, { state: 'cancelled', by: staff.id, reason: null });
    if (!isCancelled) refuse(TOO_LATE);
    return { message: 'Cancelled. Nothing goes to Concur; the request now waits for a person.' };
  },
});

/** Sends a held automatic decision now, without waiting for its hold to end. */
export const sendHeldDecisionNow = staffAction({
  permission: 'requests.decide',
  input: heldInput,
  handler: async ({ decisionId }, { staff }) => {
    const deps = await deliverDeps();
    const sender = newSender(deps.owner);
    if (!(await sendHeldEarly(deps.db, decisionId, staff.id, { owner: sender, ms: deps.leaseMs }))) {
      refuse(TOO_LATE);
    }
    const delivery = await deliverDecision(deps, decisionId, sender);
    const decision = await getDecision(deps.db, decisionId);
    if (!decision) refuse('This decision no longer exists. Reload the page.');
    return describeDecideResult(
      { kind: 'recorded', decisionId, delivery },
      decision.outcome_code as keyof typeof outcomeLabels,
    );
  },
});
