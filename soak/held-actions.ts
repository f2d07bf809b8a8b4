import pino from 'pino';
import { createConcurClient } from '@/lib/concur/client';
import { loadKeyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import { type DeliverDeps, deliverDecision, newSender } from '@/lib/decisions/deliver';
import { LEASE_MS } from '@/lib/decisions/production-delivery';
import { parseEnv } from '@/lib/env';
import { endHeld, sendHeldEarly } from '@/lib/matcher/hold';
import { serverActionsInBuild } from '@/scripts/lib/action-manifest';
import { sendStateOf } from './engine-board';
import { errorText, type StaffSession } from './session';

/**
 * Cancel and send-now on a held automatic decision, as staff do them. Through the server
 * actions (lib/matcher/actions.ts) when the production build has them; a build tree-shakes an
 * action no screen calls, and until a screen offers these two buttons the build has neither, so
 * the soak then does in its own process exactly what each action's handler does once the
 * session is checked: the same compare-and-set on the decision row, the same delivery. The
 * report says which way they went.
 */

export type OverrideAnswer =
  | { kind: 'done'; message: string }
  /** No longer held: its hold ended and it went (`sending`, `sent`, `failed`). */
  | { kind: 'too-late'; state: string }
  /** No longer held: a colleague cancelled or overrode it first. */
  | { kind: 'colleague-first'; state: string }
  | { kind: 'refused'; message: string }
  | { kind: 'no-answer'; error: string };

export type HeldActions = {
  via: 'server action' | 'in-process';
  cancel: (session: StaffSession, staffEmail: string, decisionId: string) => Promise<OverrideAnswer>;
  sendNow: (session: StaffSession, staffEmail: string, decisionId: string) => Promise<OverrideAnswer>;
};

const CANCEL = 'lib/matcher/actions.ts#cancelHeldDecision';
const SEND_NOW = 'lib/matcher/actions.ts#sendHeldDecisionNow';
const CALL_TIMEOUT_MS = 90_000;

/** A refused override in the soak's words: too late, a colleague first, or something else. */
export async function classifyRefusal(db: Db, decisionId: string, message: string): Promise<OverrideAnswer> {
  const state = (await sendStateOf(db, decisionId)) ?? 'unknown';
  if (state === 'cancelled' || state === 'overridden' || state === 'withdrawn')
    return { kind: 'colleague-first', state };
  if (state === 'held') return { kind: 'refused', message };
  return { kind: 'too-late', state };
}

function overHttp(db: Db, ids: { cancel: string; sendNow: string }): HeldActions {
  const call = async (session: StaffSession, actionId: string, decisionId: string): Promise<OverrideAnswer> => {
    try {
      const { result, status } = await session.call(actionId, { decisionId }, CALL_TIMEOUT_MS);
      const answer = result as { ok: true; data: { message: string } } | { ok: false; error: string } | undefined;
      if (!answer) return { kind: 'no-answer', error: `HTTP ${status} without an action result` };
      if (answer.ok) return { kind: 'done', message: answer.data.message };
      return /no longer held/i.test(answer.error)
        ? classifyRefusal(db, decisionId, answer.error)
        : { kind: 'refused', message: answer.error };
    } catch (error) {
      return { kind: 'no-answer', error: errorText(error) };
    }
  };
  return {
    via: 'server action',
    cancel: (session, _email, decisionId) => call(session, ids.cancel, decisionId),
    sendNow: (session, _email, decisionId) => call(session, ids.sendNow, decisionId),
  };
}

/** The soak's process as one more sender, configured as a dashboard is (same database, sandbox, keys). */
function inProcess(db: Db, dashboardEnv: NodeJS.ProcessEnv): HeldActions {
  const env = parseEnv(dashboardEnv);
  const deps: DeliverDeps = {
    db,
    concur: createConcurClient(env.concur, { logger: pino({ level: 'silent' }) }),
    logger: pino({ level: 'silent' }),
    owner: `soak-staff:${process.pid}`,
    leaseMs: LEASE_MS,
    keyring: () => loadKeyring(env),
    isGetByIdAllowed: env.concur.isGetByIdAllowed,
  };
  const staffIds = new Map<string, string>();
  const staffId = async (email: string) => {
    const known = staffIds.get(email);
    if (known) return known;
    const row = await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    staffIds.set(email, row.id);
    return row.id;
  };
  const refusedOrError = async (decisionId: string, work: () => Promise<OverrideAnswer | null>) => {
    try {
      return (await work()) ?? (await classifyRefusal(db, decisionId, 'no longer held'));
    } catch (error) {
      return { kind: 'no-answer', error: errorText(error) } satisfies OverrideAnswer;
    }
  };
  return {
    via: 'in-process',
    cancel: (_session, email, decisionId) =>
      refusedOrError(decisionId, async () => {
        const isCancelled = await endHeld(db, decisionId, {
          state: 'cancelled',
          by: await staffId(email),
          reason: null,
        });
        return isCancelled ? { kind: 'done', message: 'cancelled' } : null;
      }),
    sendNow: (_session, email, decisionId) =>
      refusedOrError(decisionId, async () => {
        const lease = { owner: newSender(deps.owner), ms: deps.leaseMs };
        if (!(await sendHeldEarly(db, decisionId, await staffId(email), lease))) return null;
        const delivery = await deliverDecision(deps, decisionId, lease.owner);
        return { kind: 'done', message: `sent now: ${delivery.state}` };
      }),
  };
}

/** The held-decision actions the people use: the build's server actions, or their handlers in process. */
export function heldActions(db: Db, dashboardEnv: NodeJS.ProcessEnv): HeldActions {
  const built = new Map(serverActionsInBuild().map((entry) => [entry.name, entry.id]));
  const cancel = built.get(CANCEL);
  const sendNow = built.get(SEND_NOW);
  return cancel && sendNow ? overHttp(db, { cancel, sendNow }) : inProcess(db, dashboardEnv);
}
