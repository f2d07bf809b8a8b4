import { setTimeout as sleep } from 'node:timers/promises';
import { type OutcomeCode, outcomeCodes } from '@/lib/concur/model';
import { type ActionCall, CookieJar, callServerAction, formDataArgs } from '@/scripts/lib/server-action';
import { AGENT_PASSWORD } from './config';
import { type DecideAnswer, type Journal, refusalKind } from './journal';
import { type Agent, memberIdFor } from './prepare';

/**
 * Simulated agents: each lists the Pending queue, picks a request nobody has decided, sometimes
 * opens it first (which claims it), and decides it. Several agents often pick the same request
 * at once; a clear refusal is a correct answer to that race. Calls go round-robin to the
 * dashboard instances, as a load balancer would send them.
 */

type Row = {
  id: string;
  status: string;
  lastModified: string;
  fullMatchMemberId: string | null;
  activity: { decided: { sendState: string } | null; reviewingBy: string | null };
};

type ListAnswer = { ok: true; rows: Row[]; nextOffset: string | null } | { ok: false };

/** The server actions the agents call, by `file#export`: their ids come from the build. */
export const AGENT_ACTIONS = [
  'lib/auth/actions.ts#signIn',
  'lib/requests/actions.ts#listRequests',
  'lib/decisions/actions.ts#decideRequest',
  'lib/decisions/actions.ts#resendDecision',
] as const;
export type ActionName = (typeof AGENT_ACTIONS)[number];

export type AgentContext = {
  /** The load tool's round-robin over the dashboard instances. */
  nextInstance: () => string;
  instanceCount: number;
  actionIds: Record<ActionName, string>;
  journal: Journal;
  /** True once the agents should stop whatever is left. */
  isOver: () => boolean;
};

const DECIDE_TIMEOUT_MS = 90_000;
const LIST_TIMEOUT_MS = 60_000;
/** This share of picks opens the request page first, claiming it as an agent reviewing it would. */
const OPEN_FIRST_SHARE = 0.3;

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

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}

function pickCode(): OutcomeCode {
  const roll = Math.random();
  if (roll < 0.6) return 'CRSUC';
  // The other four codes (CREU1-3, CRRET), 10 % each.
  const others = outcomeCodes.filter((code) => code !== 'CRSUC');
  return others[Math.floor((roll - 0.6) / 0.1)] ?? 'CRRET';
}

function isOpen(row: Row): boolean {
  return (
    row.status === 'Pending' &&
    (row.activity.decided === null || row.activity.decided.sendState === 'conflict') &&
    row.activity.reviewingBy === null
  );
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

export class SimulatedAgent {
  private readonly jar = new CookieJar();

  constructor(
    readonly account: Agent,
    private readonly ctx: AgentContext,
  ) {}

  /** Signs in on the next instance; during a restart, tries again for up to a minute. */
  async signIn(): Promise<void> {
    const { nextInstance, actionIds } = this.ctx;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await signInOverHttp(nextInstance(), actionIds['lib/auth/actions.ts#signIn'], this.jar, {
          email: this.account.email,
          password: AGENT_PASSWORD,
        });
        this.ctx.journal.counts.signIns += 1;
        return;
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(2000);
      }
    }
  }

  /** An action call that waits out a restart: a refused connection goes to the next instance. */
  private async call(name: ActionName, input: unknown, timeoutMs: number): Promise<ActionCall & { instance: string }> {
    for (;;) {
      const instance = this.ctx.nextInstance();
      try {
        const answer = await callServerAction(`${instance}/requests`, this.ctx.actionIds[name], [input], {
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

  private async list(offset: string | undefined): Promise<ListAnswer> {
    try {
      const { result } = await this.call(
        'lib/requests/actions.ts#listRequests',
        { status: 'Pending', limit: 10, offset },
        LIST_TIMEOUT_MS,
      );
      const answer = result as { ok: boolean; data?: { ok: boolean; rows?: Row[]; nextOffset?: string | null } };
      if (answer?.ok && answer.data?.ok && answer.data.rows) {
        this.ctx.journal.counts.listOk += 1;
        return { ok: true, rows: answer.data.rows, nextOffset: answer.data.nextOffset ?? null };
      }
      if (answer?.ok) this.ctx.journal.counts.listConcurUnavailable += 1;
      else if ((answer as { code?: string })?.code === 'unauthenticated') await this.signIn();
      return { ok: false };
    } catch {
      return { ok: false };
    }
  }

  /** The first page with a request nobody decided, front of the queue first; null when none is left. */
  private async findWork(): Promise<Row | null | 'unavailable'> {
    let offset: string | undefined;
    for (;;) {
      const page = await this.list(offset);
      if (!page.ok) return 'unavailable';
      const open = page.rows.filter(isOpen);
      if (open.length > 0) return open[Math.floor(Math.random() * open.length)] ?? null;
      if (!page.nextOffset || page.rows.length === 0) return null;
      offset = page.nextOffset;
    }
  }

  /** Opens the request's page, as an agent reviewing it does (which claims it). */
  private async open(requestId: string): Promise<void> {
    const instance = this.ctx.nextInstance();
    try {
      const response = await fetch(`${instance}/requests/${encodeURIComponent(requestId)}`, {
        headers: { Cookie: this.jar.header() },
        signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      });
      await response.text();
      if (response.ok) this.ctx.journal.counts.pagesOpened += 1;
    } catch {
      // Not being able to open it is no reason not to decide from the list.
    }
  }

  private async decide(row: Row): Promise<void> {
    const outcomeCode = pickCode();
    const input = {
      requestId: row.id,
      outcomeCode,
      ...(outcomeCode === 'CRSUC' ? { memberId: row.fullMatchMemberId ?? memberIdFor(row.id) } : {}),
      loaded: { status: row.status, lastModified: row.lastModified },
      note: 'soak',
    };
    const started = performance.now();
    const at = new Date().toISOString();
    let answer: DecideAnswer;
    let instance = '';
    try {
      const call = await this.call('lib/decisions/actions.ts#decideRequest', input, DECIDE_TIMEOUT_MS);
      instance = call.instance;
      answer = toAnswer(call.result, call.status);
    } catch (error) {
      answer = { kind: 'no-answer', error: errorText(error) };
    }
    this.ctx.journal.attempts.push({
      agent: this.account.email,
      instance,
      requestId: row.id,
      outcomeCode,
      at,
      ms: Math.round(performance.now() - started),
      answer,
    });
    if (answer.kind === 'recorded') this.ctx.journal.recordedRequests.add(row.id);
    if (answer.kind === 'refused' && answer.reason === 'unauthenticated') await this.signIn();
  }

  /** An operator's "Send again" on a failed decision; the answer in a few words for the report. */
  async resend(decisionId: string): Promise<string> {
    try {
      const { result } = await this.call('lib/decisions/actions.ts#resendDecision', { decisionId }, DECIDE_TIMEOUT_MS);
      const answer = result as { ok: true; data: { tone: string } } | { ok: false; error: string } | undefined;
      if (!answer) return 'no answer';
      return answer.ok ? answer.data.tone : `refused: ${answer.error}`;
    } catch (error) {
      return `no answer: ${errorText(error)}`;
    }
  }

  /** Works until nothing is left to decide (three empty scans in a row) or the soak is over. */
  async work(): Promise<void> {
    let emptyScans = 0;
    while (!this.ctx.isOver()) {
      const row = await this.findWork();
      if (row === 'unavailable') {
        await sleep(1000);
        continue;
      }
      if (row === null) {
        emptyScans += 1;
        if (emptyScans >= 3) return;
        await sleep(2000);
        continue;
      }
      emptyScans = 0;
      if (Math.random() < OPEN_FIRST_SHARE) await this.open(row.id);
      await this.decide(row);
      await sleep(50 + Math.random() * 250);
    }
  }
}

function toAnswer(result: unknown, status: number): DecideAnswer {
  const answer = result as
    | { ok: true; data: { decisionId: string; tone: string; message: string } }
    | { ok: false; code: string; error: string }
    | undefined;
  if (!answer) return { kind: 'no-answer', error: `HTTP ${status} without an action result` };
  if (answer.ok) return { kind: 'recorded', ...answer.data };
  return { kind: 'refused', reason: refusalKind(answer.code, answer.error), message: answer.error };
}
