import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionRequest } from '@/lib/concur/model';
import { defaultRetryPolicy } from '@/lib/concur/retry';
import type { Db } from '@/lib/db';
import { type Env, parseEnv } from '@/lib/env';
import { importMembersCsv } from '@/lib/members/import';
import { addStaff } from '@/lib/staff/store';
import { openPreparedDatabase } from '@/lib/startup';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { AGENT_PASSWORD, CONCUR_TIMEOUT_MS, FIRST_POLL_LIMIT_MS } from './config';

/**
 * Before the agents start: the backlog as Concur lists it, members that match it, and the
 * agents' accounts, written to the database the dashboards will use; then, the dashboards up,
 * their first poll of the backlog into the ledger, which is all the agents' screens show.
 */

export type Agent = { email: string; name: string };

export function agentAccounts(count: number): Agent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return { email: `agent${n}@soak.test`, name: `Soak Agent ${n}` };
  });
}

/** Every Pending request, read through our own Concur client before any fault is armed. */
export async function readBacklog(sandboxUrl: string): Promise<ConnectionRequest[]> {
  const client = sandboxClient(sandboxUrl, { timeoutMs: CONCUR_TIMEOUT_MS, deps: { retry: defaultRetryPolicy } });
  const requests: ConnectionRequest[] = [];
  let offset: string | undefined;
  do {
    const page = await client.listConnectionRequests({ limit: 10, offset });
    requests.push(...page.items);
    offset = page.items.length > 0 ? page.next?.offset : undefined;
  } while (offset);
  return requests;
}

/** The member each request should be connected to: the same last name, loyalty number and emails. */
export function memberIdFor(requestId: string): string {
  return `SOAK-${requestId}`.slice(0, 64);
}

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Each request's exact member, for the decide phase: the agents connect to these. */
export function writeMembersCsv(requests: ConnectionRequest[], csvFile: string): void {
  const lines = ['member_id,first_name,middle_name,last_name,loyalty_number,emails'];
  for (const r of requests) {
    lines.push(
      [
        memberIdFor(r.id),
        r.firstName || 'Member',
        r.middleName ?? '',
        r.lastName,
        r.loyaltyNumber ?? '',
        r.emails.join(';'),
      ]
        .map(csvField)
        .join(','),
    );
  }
  fs.writeFileSync(csvFile, `${lines.join('\n')}\n`);
}

export type Staff = Agent & { role: 'agent' | 'admin' };

/**
 * Staff and the members CSV in the database the dashboards will open (same DATA_DIR or
 * DATABASE_URL); `then` does whatever else must be there before they start, with the staff ids.
 */
export async function seedDashboardDatabase(
  dashboardEnv: NodeJS.ProcessEnv,
  staff: Staff[],
  csvFile: string,
  then?: (db: Db, staffIds: Map<string, string>) => Promise<void>,
): Promise<{ members: number }> {
  const env: Env = parseEnv(dashboardEnv);
  const { db, auth } = await openPreparedDatabase(env);
  try {
    const staffIds = new Map<string, string>();
    for (const person of staff)
      staffIds.set(person.email, await addStaff(auth, { ...person, password: AGENT_PASSWORD }));
    const imported = await importMembersCsv(db, csvFile);
    if (!imported.ok) throw new Error(`member import refused the soak's CSV: ${JSON.stringify(imported.problems)}`);
    await then?.(db, staffIds);
    return { members: imported.total };
  } finally {
    await db.destroy();
  }
}

/** Waits for the dashboards' first clean poll, and checks that it put exactly the backlog in the ledger's queue. */
export async function awaitFirstPoll(db: Db, requestIds: string[]): Promise<void> {
  const deadline = Date.now() + FIRST_POLL_LIMIT_MS;
  for (;;) {
    const clean = await db.selectFrom('poll_cycle').select('id').where('walk', '=', 'clean').executeTakeFirst();
    if (clean) break;
    if (Date.now() > deadline) {
      throw new Error(`no clean poll within ${FIRST_POLL_LIMIT_MS / 1000} s: is the dashboards' poller running?`);
    }
    await sleep(500);
  }
  const queued = await db.selectFrom('ledger_request').select('request_id').where('left_at', 'is', null).execute();
  const held = new Set(queued.map((row) => row.request_id));
  const missing = requestIds.filter((id) => !held.has(id)).length;
  if (missing > 0 || held.size !== requestIds.length) {
    throw new Error(
      `the first poll left ${held.size} requests in the ledger's queue, ${missing} of the ${requestIds.length} Pending missing`,
    );
  }
}
