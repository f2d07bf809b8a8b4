import { setTimeout as sleep } from 'node:timers/promises';
import { type OutcomeCode, outcomeCodes } from '@/lib/concur/model';
import { AGENT_PASSWORD } from './config';
import { type DecideAnswer, type Journal, toAnswer } from './journal';
import { type Agent, memberIdFor } from './prepare';
import { errorText, resendDecision, type SessionContext, StaffSession } from './session';

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

export type AgentContext = Omit<SessionContext, 'signInActionId'> & {
  actionIds: Record<ActionName, string>;
  journal: Journal;
};

const DECIDE_TIMEOUT_MS = 90_000;
const LIST_TIMEOUT_MS = 60_000;
/** This share of picks opens the request page first, claiming it as an agent reviewing it would. */
const OPEN_FIRST_SHARE = 0.3;

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

export class SimulatedAgent {
  private readonly session: StaffSession;

  constructor(
    readonly account: Agent,
    private readonly ctx: AgentContext,
  ) {
    this.session = new StaffSession(
      { email: account.email, password: AGENT_PASSWORD },
      { ...ctx, signInActionId: ctx.actionIds['lib/auth/actions.ts#signIn'] },
    );
  }

  signIn(): Promise<void> {
    return this.session.signIn();
  }

  private call(name: ActionName, input: unknown, timeoutMs: number) {
    return this.session.call(this.ctx.actionIds[name], input, timeoutMs);
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
        headers: { Cookie: this.session.cookieHeader },
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
  resend(decisionId: string): Promise<string> {
    return resendDecision(this.session, this.ctx.actionIds['lib/decisions/actions.ts#resendDecision'], decisionId);
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
