import type { ConnectionRequestStatus, OutcomeCode } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import type { DecisionSendState } from '@/lib/db/types';
import { evidenceOf } from '@/lib/matcher/evaluations';
import { MATCHER_KEYS, pauseSchema } from '@/lib/matcher/settings';

/**
 * What the engine phase's people see to act on, read from the dashboards' database as the
 * request list and the matcher's screens read it: the matcher's held decisions (which staff may
 * override until they go) and the requests left to a person (an exception, an automatic
 * decision cancelled or overridden, a decision that met a changed request). One reader refreshes
 * this board for all twenty agents, as each agent's list refreshes on its own screen.
 */

type Candidate = { memberId: string; label: string };

/** The request as the agent's screen shows it: what a decision is based on. */
export type Loaded = { status: ConnectionRequestStatus; lastModified: string };

export type HeldItem = {
  decisionId: string;
  requestId: string;
  outcomeCode: OutcomeCode;
  memberId: string | null;
  holdUntil: string | null;
  loaded: Loaded;
  candidates: Candidate[];
};

export type PersonItem = {
  requestId: string;
  loaded: Loaded;
  /** The matcher's reason, or how its decision ended (`cancelled`, `overridden`, `conflict`). */
  reason: string;
  candidates: Candidate[];
};

export type Board = {
  held: HeldItem[];
  forPeople: PersonItem[];
  /** A rule covers them but the matcher holds nothing yet (it is paused, or has not got to them). */
  uncovered: number;
  /** Requests with a decision on its way (sending, failed) or sent. */
  going: number;
  readAt: number;
};

const OPEN: DecisionSendState[] = ['held', 'sending', 'failed', 'sent'];

async function readHeld(db: Db): Promise<HeldItem[]> {
  const rows = await db
    .selectFrom('decision')
    .leftJoin('match_evaluation', 'match_evaluation.id', 'decision.evaluation_id')
    .select([
      'decision.id',
      'decision.request_id',
      'decision.outcome_code',
      'decision.member_id',
      'decision.hold_until',
      'decision.based_on_status',
      'decision.based_on_last_modified',
      'match_evaluation.evidence',
    ])
    .where('decision.send_state', '=', 'held')
    .execute();
  return rows.map((row) => ({
    decisionId: row.id,
    requestId: row.request_id,
    outcomeCode: row.outcome_code,
    memberId: row.member_id,
    holdUntil: row.hold_until,
    loaded: { status: row.based_on_status, lastModified: row.based_on_last_modified },
    candidates: evidenceOf({ evidence: row.evidence ?? '' }).candidates,
  }));
}

/** Queued, judged, nothing of ours open or sent, and either an exception or the matcher turned down. */
async function readForPeople(db: Db): Promise<PersonItem[]> {
  const rows = await db
    .selectFrom('ledger_request')
    .innerJoin('match_evaluation', (join) =>
      join
        .onRef('match_evaluation.request_id', '=', 'ledger_request.request_id')
        .on('match_evaluation.superseded_at', 'is', null),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('decision')
          .select(['request_id', (e) => e.fn.max('send_state').as('ended')])
          .where('send_state', 'in', ['cancelled', 'overridden', 'conflict'])
          .groupBy('request_id')
          .as('ended'),
      (join) => join.onRef('ended.request_id', '=', 'ledger_request.request_id'),
    )
    .select([
      'ledger_request.request_id',
      'ledger_request.reported_status',
      'ledger_request.last_modified',
      'match_evaluation.verdict',
      'match_evaluation.reason',
      'match_evaluation.evidence',
      'ended.ended',
    ])
    .where('ledger_request.left_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('decision')
            .select('decision.id')
            .whereRef('decision.request_id', '=', 'ledger_request.request_id')
            .where('decision.send_state', 'in', OPEN),
        ),
      ),
    )
    .where((eb) => eb.or([eb('match_evaluation.verdict', '=', 'exception'), eb('ended.ended', 'is not', null)]))
    .orderBy('ledger_request.first_seen_at')
    .execute();
  return rows.map((row) => ({
    requestId: row.request_id,
    loaded: { status: row.reported_status, lastModified: row.last_modified },
    reason: row.verdict === 'exception' ? (row.reason ?? 'exception') : String(row.ended),
    candidates: evidenceOf({ evidence: row.evidence }).candidates,
  }));
}

/** What the matcher would still hold a decision for: its own rule for that (pass.ts), read from outside. */
async function countUncovered(db: Db): Promise<number> {
  const row = await db
    .selectFrom('match_evaluation')
    .innerJoin('ledger_request', 'ledger_request.request_id', 'match_evaluation.request_id')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('match_evaluation.superseded_at', 'is', null)
    .where('match_evaluation.verdict', 'in', ['connect', 'fail'])
    .where('ledger_request.left_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('decision')
            .select('decision.id')
            .where((eb) =>
              eb.or([
                eb('decision.evaluation_id', '=', eb.ref('match_evaluation.id')),
                eb.and([
                  eb('decision.request_id', '=', eb.ref('match_evaluation.request_id')),
                  eb('decision.send_state', 'in', ['held', 'sending', 'failed']),
                ]),
                eb.and([
                  eb('decision.request_id', '=', eb.ref('match_evaluation.request_id')),
                  eb('decision.send_state', 'in', ['cancelled', 'overridden']),
                  eb('decision.based_on_last_modified', '=', eb.ref('ledger_request.last_modified')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Requests with a decision on its way or sent: the restarts are timed on this. */
export async function countGoing(db: Db): Promise<number> {
  const row = await db
    .selectFrom('decision')
    .select((eb) => eb.fn.count<number | string | bigint>('request_id').distinct().as('n'))
    .where('send_state', 'in', ['sending', 'failed', 'sent'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function readBoard(db: Db): Promise<Board> {
  const [held, forPeople, uncovered, going] = await Promise.all([
    readHeld(db),
    readForPeople(db),
    countUncovered(db),
    countGoing(db),
  ]);
  return { held, forPeople, uncovered, going, readAt: Date.now() };
}

/** Where a held decision stands now: after a refused override, whether its hold ended or a colleague came first. */
export async function sendStateOf(db: Db, decisionId: string): Promise<DecisionSendState | null> {
  const row = await db.selectFrom('decision').select('send_state').where('id', '=', decisionId).executeTakeFirst();
  return row?.send_state ?? null;
}

/** Whether the matcher is paused now, and whether it paused itself (an unreadable pause is a person's). */
export async function readPause(db: Db): Promise<{ isSelf: boolean; reason: string } | null> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', MATCHER_KEYS.pause)
    .executeTakeFirst();
  if (!row) return null;
  let stored: unknown = null;
  try {
    stored = JSON.parse(row.value);
  } catch {
    // Left as null: the schema below refuses it.
  }
  const pause = pauseSchema.safeParse(stored);
  return pause.success
    ? { isSelf: pause.data.isSelf, reason: pause.data.reason }
    : { isSelf: false, reason: row.value };
}
