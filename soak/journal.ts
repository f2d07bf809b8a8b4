import type { OutcomeCode } from '@/lib/concur/model';

/** What the agents were told, call by call: the soak's record of the dashboard's promises. */

export type RefusalKind = 'taken' | 'reviewing' | 'unauthenticated' | 'invalid' | 'other';

export type DecideAnswer =
  | { kind: 'recorded'; decisionId: string; tone: string; message: string }
  | { kind: 'refused'; reason: RefusalKind; message: string }
  /** The connection failed after the call went out: the agent cannot know whether it was saved. */
  | { kind: 'no-answer'; error: string };

export type DecideAttempt = {
  agent: string;
  instance: string;
  requestId: string;
  outcomeCode: OutcomeCode;
  at: string;
  ms: number;
  answer: DecideAnswer;
};

export type Journal = {
  attempts: DecideAttempt[];
  /** Requests an agent was told are recorded: the restarts are timed on this. */
  recordedRequests: Set<string>;
  counts: {
    listOk: number;
    /** The dashboard answered that Concur could not be reached (it says so rather than show an empty list). */
    listConcurUnavailable: number;
    /** Calls that found no dashboard listening (a restart): tried again, never counted as decisions. */
    unreachable: number;
    pagesOpened: number;
    signIns: number;
  };
};

export function newJournal(): Journal {
  return {
    attempts: [],
    recordedRequests: new Set(),
    counts: { listOk: 0, listConcurUnavailable: 0, unreachable: 0, pagesOpened: 0, signIns: 0 },
  };
}

/** A refusal's kind from the words the action uses (the contract the agent reads on screen). */
export function refusalKind(code: string, error: string): RefusalKind {
  if (code === 'unauthenticated') return 'unauthenticated';
  if (code === 'invalid') return 'invalid';
  if (/already decided/i.test(error)) return 'taken';
  if (/is reviewing this request/i.test(error)) return 'reviewing';
  return 'other';
}

/** What a decide call's answer means for the journal: recorded, refused (and why), or nothing usable. */
export function toAnswer(result: unknown, status: number): DecideAnswer {
  const answer = result as
    | { ok: true; data: { decisionId: string; tone: string; message: string } }
    | { ok: false; code: string; error: string }
    | undefined;
  if (!answer) return { kind: 'no-answer', error: `HTTP ${status} without an action result` };
  if (answer.ok) return { kind: 'recorded', ...answer.data };
  return { kind: 'refused', reason: refusalKind(answer.code, answer.error), message: answer.error };
}
