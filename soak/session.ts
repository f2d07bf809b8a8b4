import { setTimeout as sleep } from 'node:timers/promises';
import { type ActionCall, CookieJar, callServerAction, formDataArgs } from '@/scripts/lib/server-action';
import type { Journal } from './journal';

/**
 * One staff member's browser session against the dashboards, as every simulated person in the
 * soak holds it: signed in through the sign-in form's action, and server actions called over
 * HTTP round-robin across the instances, as a load balancer would send them. A call that finds
 * no dashboard listening (a restart) goes to the next instance; nothing else is sent twice.
 */

export type SessionContext = {
  /** The load tool's round-robin over the dashboard instances. */
  nextInstance: () => string;
  instanceCount: number;
  signInActionId: string;
  journal: Journal;
  /** True once the people should stop whatever is left. */
  isOver: () => boolean;
};

export function roundRobin(instances: string[]): () => string {
  let turn = 0;
  return () => {
    turn = (turn + 1) % instances.length;
    return instances[turn] ?? '';
  };
}

/** True when the call never reached a dashboard (none listening): safe to send again. */
function isNotSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}

/** The sign-in form's action, `signIn(previousState, formData)`, called as the form calls it. */
async function signInOverHttp(
  baseUrl: string,
  actionId: string,
  jar: CookieJar,
  credentials: { email: string; password: string },
): Promise<void> {
  const args = formDataArgs([{ step: 'password', error: null }], credentials);
  const answer = await callServerAction(`${baseUrl}/sign-in`, actionId, args, { cookies: jar, timeoutMs: 30_000 });
  if (!answer.redirect || jar.size === 0) {
    throw new Error(`sign-in as ${credentials.email} failed: HTTP ${answer.status} ${JSON.stringify(answer.result)}`);
  }
}

export class StaffSession {
  private readonly jar = new CookieJar();

  constructor(
    private readonly credentials: { email: string; password: string },
    private readonly ctx: SessionContext,
  ) {}

  get cookieHeader(): string {
    return this.jar.header();
  }

  /** Signs in on the next instance; during a restart, tries again for up to a minute. */
  async signIn(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await signInOverHttp(this.ctx.nextInstance(), this.ctx.signInActionId, this.jar, this.credentials);
        this.ctx.journal.counts.signIns += 1;
        return;
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(2000);
      }
    }
  }

  /** An action call that waits out a restart: a refused connection goes to the next instance. */
  async call(actionId: string, input: unknown, timeoutMs: number): Promise<ActionCall & { instance: string }> {
    for (;;) {
      const instance = this.ctx.nextInstance();
      try {
        const answer = await callServerAction(`${instance}/requests`, actionId, [input], {
          cookies: this.jar,
          timeoutMs,
        });
        if (answer.status >= 500 && answer.result === undefined) throw new Error(`HTTP ${answer.status}`);
        return { ...answer, instance };
      } catch (error) {
        if (!isNotSent(error) || this.ctx.isOver()) throw error;
        this.ctx.journal.counts.unreachable += 1;
        await sleep(this.ctx.instanceCount > 1 ? 50 : 1000);
      }
    }
  }
}

/** Signs every session in, a few at a time: password hashing is deliberately slow. */
export async function signInAll(sessions: { signIn: () => Promise<void> }[]): Promise<void> {
  for (let i = 0; i < sessions.length; i += 5) {
    await Promise.all(sessions.slice(i, i + 5).map((session) => session.signIn()));
  }
}

/** An operator's "Send again" on a failed decision (resendDecision); the answer in a few words for the report. */
export async function resendDecision(session: StaffSession, actionId: string, decisionId: string): Promise<string> {
  try {
    const { result } = await session.call(actionId, { decisionId }, 90_000);
    const answer = result as { ok: true; data: { tone: string } } | { ok: false; error: string } | undefined;
    if (!answer) return 'no answer';
    return answer.ok ? answer.data.tone : `refused: ${answer.error}`;
  } catch (error) {
    return `no answer: ${errorText(error)}`;
  }
}
