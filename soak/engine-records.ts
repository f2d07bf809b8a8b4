import fs from 'node:fs';
import type { Db } from '@/lib/db';

/** What the engine phase reads of the dashboards' database once the dashboards have stopped. */

export async function readEngineDecisions(db: Db) {
  return db
    .selectFrom('decision')
    .leftJoin('user', 'user.id', 'decision.decided_by')
    .select([
      'decision.id',
      'decision.request_id',
      'decision.outcome_code',
      'decision.sent_code',
      'decision.decided_by',
      'decision.decided_at',
      'user.email as decided_by_email',
      'decision.member_id',
      'decision.send_state',
      'decision.attempts',
      'decision.last_error',
      'decision.next_attempt_at',
      'decision.confirmed_by',
      'decision.sent_at',
      'decision.hold_until',
      'decision.evaluation_id',
      'decision.overrides_decision_id',
      'decision.ended_by',
      'decision.ended_at',
    ])
    .orderBy('decision.decided_at')
    .execute();
}

export async function readConnectionDecisionIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('traveller_connection').select('decision_id').execute();
  return new Set(rows.map((row) => row.decision_id));
}

export async function readMembers(db: Db) {
  const [members, emails] = await Promise.all([
    db.selectFrom('member').select(['id', 'first_name', 'last_name', 'loyalty_number']).execute(),
    db.selectFrom('member_email').select(['member_id', 'email_key']).execute(),
  ]);
  const memberEmails = new Map<string, string[]>();
  for (const row of emails)
    memberEmails.set(row.member_id, [...(memberEmails.get(row.member_id) ?? []), row.email_key]);
  return {
    members: members.map((row) => ({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      loyaltyNumber: row.loyalty_number,
    })),
    memberEmails,
  };
}

/** The matcher's current judgements, by verdict and reason: "connect", "exception: loyalty-only", … */
export async function readJudgements(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('match_evaluation')
    .select(['verdict', 'reason', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('superseded_at', 'is', null)
    .groupBy(['verdict', 'reason'])
    .execute();
  return Object.fromEntries(
    rows.map((row) => [row.reason ? `${row.verdict}: ${row.reason}` : row.verdict, Number(row.n)]),
  );
}

export async function countJudged(db: Db): Promise<number> {
  const row = await db
    .selectFrom('match_evaluation')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('superseded_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type LeaseHolder = { index: number; leases: string[] } | null;

/** The process id in a lease owner, `host:pid:random`. */
const pidOf = (owner: string) => Number(owner.split(':').at(-2));

/** Which dashboard a process is, by the PORT it was started with (Linux: /proc/<pid>/environ). */
function portOf(pid: number): number | null {
  try {
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const port = environ.find((entry) => entry.startsWith('PORT='));
    return port ? Number(port.slice('PORT='.length)) : null;
  } catch {
    return null;
  }
}

/** The dashboard holding the poller's lease (else the matcher's), and every lease it holds; null if none can be told. */
export async function leaseHolder(db: Db, ports: number[]): Promise<LeaseHolder> {
  const rows = await db.selectFrom('job_lease').select(['name', 'owner', 'lease_until']).execute();
  const live = rows.filter((row) => row.owner && row.lease_until && Date.parse(row.lease_until) > Date.now());
  const byName = (name: string) => live.find((row) => row.name === name);
  const holder = byName('concur-poller') ?? byName('auto-matcher');
  if (!holder?.owner) return ports.length === 1 ? { index: 0, leases: [] } : null;
  // Each job names its own owner (`host:pid:random`): the process is what they share.
  const pid = pidOf(holder.owner);
  const index = ports.indexOf(portOf(pid) ?? -1);
  if (index < 0) return null;
  return { index, leases: live.filter((row) => row.owner && pidOf(row.owner) === pid).map((row) => row.name) };
}
