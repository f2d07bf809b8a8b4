import { setTimeout as sleep } from 'node:timers/promises';
import type { OutcomeCode } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { AGENT_PASSWORD, OVERRIDE_MIX, OVERRIDE_SHARE } from './config';
import { type Board, type HeldItem, type PersonItem, readBoard } from './engine-board';
import { classifyRefusal, type HeldActions, type OverrideAnswer } from './held-actions';
import { type DecideAnswer, toAnswer } from './journal';
import type { Agent } from './prepare';
import { errorText, type SessionContext, StaffSession } from './session';

/**
 * The engine phase's agents. Auto-match decides most requests; people watch its held decisions
 * and override a share of them within the hold (cancel, another code, another member, or send
 * it now), and decide by hand what it left to them. Each reads the evidence before acting, so
 * some overrides meet a hold that has just ended: a refusal then is the right answer.
 */

export type OverrideKind = keyof typeof OVERRIDE_MIX;

export type OverrideRecord = {
  kind: OverrideKind;
  decisionId: string;
  requestId: string;
  agent: string;
  at: string;
  holdUntil: string | null;
  ms: number;
  /** The code a replacing decision carried (other code, other member). */
  code?: OutcomeCode;
  answer: OverrideAnswer;
};

export type EngineContext = SessionContext & {
  db: Db;
  decideActionId: string;
  held: HeldActions;
  board: () => Promise<Board>;
  overrides: OverrideRecord[];
};

const DECIDE_TIMEOUT_MS = 90_000;
/** Reading a held decision's evidence before overriding it, and an exception's before deciding it. */
const OVERRIDE_THINK_MS = [1000, 4000] as const;
const DECIDE_THINK_MS = [200, 1200] as const;
/** Agents look at the first few items of a list, as a person does at the top of a screen. */
const FIRST_PAGE = 10;

const between = ([low, high]: readonly [number, number]) => low + Math.random() * (high - low);

/** One board for all agents, read again once it is a second old (each screen refreshes on its own). */
export function sharedBoard(db: Db, maxAgeMs = 1000): () => Promise<Board> {
  let latest: Board | null = null;
  let reading: Promise<Board> | null = null;
  return async () => {
    if (latest && Date.now() - latest.readAt < maxAgeMs) return latest;
    reading ??= readBoard(db)
      .then((board) => {
        latest = board;
        return board;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };
}

/**
 * Which held decisions a person overrides, and how: each rolled once, the first time anyone sees
 * it, so the share holds however often the board is read.
 */
export class OverridePlan {
  private readonly fates = new Map<string, OverrideKind | null>();
  private readonly taken = new Set<string>();

  fateOf(decisionId: string): OverrideKind | null {
    if (!this.fates.has(decisionId)) this.fates.set(decisionId, Math.random() < OVERRIDE_SHARE ? rollKind() : null);
    return this.fates.get(decisionId) ?? null;
  }

  /** A marked held decision nobody has taken up yet, taken; null when there is none. */
  take(held: HeldItem[]): { item: HeldItem; kind: OverrideKind } | null {
    const open = held.filter((item) => this.fateOf(item.decisionId) && !this.taken.has(item.decisionId));
    const item = open[Math.floor(Math.random() * open.length)];
    const kind = item ? this.fateOf(item.decisionId) : null;
    if (!item || !kind) return null;
    this.taken.add(item.decisionId);
    return { item, kind };
  }

  get marked(): number {
    return [...this.fates.values()].filter(Boolean).length;
  }
}

function rollKind(): OverrideKind {
  let roll = Math.random();
  for (const [kind, share] of Object.entries(OVERRIDE_MIX) as [OverrideKind, number][]) {
    if (roll < share) return kind;
    roll -= share;
  }
  return 'cancel';
}

/** What a person decides for a request left to them, from the candidates the page shows. */
function choiceFor(item: PersonItem): { outcomeCode: OutcomeCode; memberId?: string } {
  const roll = Math.random();
  if (roll < 0.1) return { outcomeCode: 'CRRET' };
  const named = item.candidates.find((candidate) => candidate.label.startsWith('+LAST +'));
  if (named) return roll < 0.2 ? { outcomeCode: 'CREU3' } : { outcomeCode: 'CRSUC', memberId: named.memberId };
  const partial = item.candidates.some((candidate) => /only: last name differs/.test(candidate.label));
  return { outcomeCode: partial ? 'CREU2' : 'CREU1' };
}

/** Requests an agent is acting on right now: the others look past them, as a "being reviewed" mark makes them. */
const inFlight = new Set<string>();

export class EngineAgent {
  private readonly session: StaffSession;

  constructor(
    readonly account: Agent,
    private readonly ctx: EngineContext,
    private readonly plan: OverridePlan,
  ) {
    this.session = new StaffSession({ email: account.email, password: AGENT_PASSWORD }, ctx);
  }

  signIn(): Promise<void> {
    return this.session.signIn();
  }

  /** decideRequest, journalled as the decide phase journals it. */
  private async decide(input: Record<string, unknown> & { requestId: string; outcomeCode: OutcomeCode }) {
    const started = performance.now();
    const at = new Date().toISOString();
    let answer: DecideAnswer;
    let instance = '';
    try {
      const call = await this.session.call(this.ctx.decideActionId, { ...input, note: 'soak' }, DECIDE_TIMEOUT_MS);
      instance = call.instance;
      answer = toAnswer(call.result, call.status);
    } catch (error) {
      answer = { kind: 'no-answer', error: errorText(error) };
    }
    const ms = Math.round(performance.now() - started);
    const { requestId, outcomeCode } = input;
    this.ctx.journal.attempts.push({ agent: this.account.email, instance, requestId, outcomeCode, at, ms, answer });
    if (answer.kind === 'recorded') this.ctx.journal.recordedRequests.add(requestId);
    if (answer.kind === 'refused' && answer.reason === 'unauthenticated') await this.signIn();
    return answer;
  }

  private async replace(item: HeldItem, kind: 'connect-other' | 'fail-instead') {
    const other = item.candidates.find((candidate) => candidate.memberId !== item.memberId);
    const replacement: { outcomeCode: OutcomeCode; memberId?: string } =
      kind === 'connect-other' && other
        ? { outcomeCode: 'CRSUC', memberId: other.memberId }
        : { outcomeCode: Math.random() < 0.5 ? 'CREU1' : 'CRRET' };
    const answer = await this.decide({
      requestId: item.requestId,
      ...replacement,
      loaded: item.loaded,
      overridesDecisionId: item.decisionId,
    });
    return { code: replacement.outcomeCode, answer: await this.asOverride(item, answer) };
  }

  private async asOverride(item: HeldItem, answer: DecideAnswer): Promise<OverrideAnswer> {
    if (answer.kind === 'recorded') return { kind: 'done', message: answer.message };
    if (answer.kind === 'no-answer') return answer;
    return /too late|already cancelled or overridden/i.test(answer.message)
      ? classifyRefusal(this.ctx.db, item.decisionId, answer.message)
      : { kind: 'refused', message: answer.message };
  }

  private async override(item: HeldItem, kind: OverrideKind): Promise<void> {
    await sleep(between(OVERRIDE_THINK_MS));
    const started = performance.now();
    const at = new Date().toISOString();
    const { email } = this.account;
    const { code, answer } =
      kind === 'cancel'
        ? { code: undefined, answer: await this.ctx.held.cancel(this.session, email, item.decisionId) }
        : kind === 'send-now'
          ? { code: undefined, answer: await this.ctx.held.sendNow(this.session, email, item.decisionId) }
          : await this.replace(item, kind);
    this.ctx.overrides.push({
      kind,
      decisionId: item.decisionId,
      requestId: item.requestId,
      agent: email,
      at,
      holdUntil: item.holdUntil,
      ms: Math.round(performance.now() - started),
      code,
      answer,
    });
  }

  private async decideByHand(item: PersonItem): Promise<void> {
    await sleep(between(DECIDE_THINK_MS));
    await this.decide({ requestId: item.requestId, ...choiceFor(item), loaded: item.loaded });
  }

  private pickForPerson(board: Board): PersonItem | null {
    const open = board.forPeople.filter((item) => !inFlight.has(item.requestId)).slice(0, FIRST_PAGE);
    return open[Math.floor(Math.random() * open.length)] ?? null;
  }

  /** Works until nothing is held, nothing is waiting for the matcher and nothing for a person (three looks in a row). */
  async work(): Promise<void> {
    let idleLooks = 0;
    while (!this.ctx.isOver()) {
      const board = await this.ctx.board().catch(() => null);
      if (!board) {
        await sleep(1000);
        continue;
      }
      const override = this.plan.take(board.held);
      const item = override ? null : this.pickForPerson(board);
      const requestId = override?.item.requestId ?? item?.requestId;
      if (requestId) {
        idleLooks = 0;
        inFlight.add(requestId);
        try {
          if (override) await this.override(override.item, override.kind);
          else if (item) await this.decideByHand(item);
        } finally {
          inFlight.delete(requestId);
        }
        continue;
      }
      const isQuiet = board.held.length === 0 && board.uncovered === 0 && board.forPeople.length === 0;
      idleLooks = isQuiet ? idleLooks + 1 : 0;
      if (idleLooks >= 3) return;
      await sleep(1000);
    }
  }
}
