import { createDb, type Db } from '@/lib/db';
import { parseEnv } from '@/lib/env';
import { lastNameKey } from '@/lib/members/normalise';
import { openPreparedDatabase } from '@/lib/startup';
import { type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { latencyTraveller } from './lib/matcher-members';
import { writeRecords } from './lib/member-db';
import { randomSource } from './lib/members-data';
import type { Section } from './lib/report';
import { stackEnv } from './lib/stack';
import { percentile, since } from './lib/stats';

/**
 * 9a. How long a request waits for the matcher under auto with no hold: from the moment it is
 * added at the sandbox to the moment the sandbox records its CRSUC, one request at a time, each
 * added at a random point of the poll interval. Against the poll interval itself, as the stack
 * polled during the samples. A stack of its own: under auto its matcher would decide the other
 * sections' requests.
 */

export const LATENCY_POLL_SECONDS = 5;
const SAMPLES = 20;
/** The first added requests share the stack's start with its first polls and passes. */
const WARMUP = 2;
const CHECK_MS = 25;
const TIMEOUT_MS = 60_000;

/** The bench's stack, polling every LATENCY_POLL_SECONDS, its matcher under auto with a hold of 0. */
export function matcherStackEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...stackEnv(dataDir),
    CONCUR_POLL_SECONDS: String(LATENCY_POLL_SECONDS),
    AUTO_MATCH: 'auto',
    AUTO_MATCH_HOLD_MINUTES: '0',
  };
}

const travellers = Array.from({ length: WARMUP + SAMPLES }, (_, n) => latencyTraveller(n));

/**
 * The travellers' members, written before the dashboard starts: it seeds the demo members only
 * into an empty directory, so these are the only members and none shares a key with another.
 */
export async function seedLatencyMembers(env: NodeJS.ProcessEnv): Promise<void> {
  const { db } = await openPreparedDatabase(parseEnv(env));
  try {
    await writeRecords(
      db,
      travellers.map(({ member }) => member),
    );
  } finally {
    await db.destroy();
  }
}

/** Exactly one member per traveller's last name, loyalty number and email, and nobody else. */
async function checkDirectory(db: Db): Promise<void> {
  const count = async (column: 'last_name_key' | 'loyalty_number', value: string) =>
    Number(
      (
        await db
          .selectFrom('member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(column, '=', value)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const all = Number(
    (
      await db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (all !== travellers.length) throw new Error(`the directory holds ${all} members, not the ${travellers.length}`);
  for (const { traveller } of travellers) {
    const byName = await count('last_name_key', lastNameKey(traveller.lastName));
    const byNumber = await count('loyalty_number', traveller.loyaltyNumber ?? '');
    if (byName !== 1 || byNumber !== 1) throw new Error(`${traveller.lastName}: not exactly one member`);
  }
}

/** Milliseconds from `addedAt` (epoch ms) to an ISO time the dashboard wrote; null when it did not. */
const after = (addedAt: number, iso: string | null | undefined) => (iso ? Date.parse(iso) - addedAt : null);

type Sample = { totalMs: number; ledgerMs: number | null; judgedMs: number | null; decidedMs: number | null };

async function waitForCrsuc(control: SandboxControl, id: string, started: number): Promise<void> {
  for (;;) {
    const { outcomes } = await control.request(id);
    if (outcomes.some((outcome) => outcome.code === 'CRSUC')) return;
    if (outcomes.length > 0) {
      throw new Error(`request ${id} got ${outcomes.map((outcome) => outcome.code).join(', ')}, not CRSUC`);
    }
    if (since(started) > TIMEOUT_MS) throw new Error(`no CRSUC for ${id} within ${TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
  }
}

async function sampleOne(control: SandboxControl, db: Db, n: number): Promise<Sample> {
  const traveller = travellers[n]?.traveller;
  if (!traveller) throw new Error(`no traveller ${n}`);
  const addedAt = Date.now();
  const started = performance.now();
  const [added] = (await control.addRequests([traveller])).requests;
  if (!added) throw new Error('the sandbox added no request');
  await waitForCrsuc(control, added.id, started);
  const totalMs = since(started);
  const seen = await db
    .selectFrom('ledger_request')
    .select('first_seen_at')
    .where('request_id', '=', added.id)
    .executeTakeFirst();
  const judged = await db
    .selectFrom('match_evaluation')
    .select((eb) => eb.fn.min('evaluated_at').as('at'))
    .where('request_id', '=', added.id)
    .executeTakeFirst();
  const decided = await db
    .selectFrom('decision')
    .select('decided_at')
    .where('request_id', '=', added.id)
    .executeTakeFirst();
  return {
    totalMs,
    ledgerMs: after(addedAt, seen?.first_seen_at),
    judgedMs: after(addedAt, judged?.at),
    decidedMs: after(addedAt, decided?.decided_at),
  };
}

/** The poller's cycles since `since` (ISO): the mean time between their starts, and their mean walk. */
async function pollsSince(db: Db, sinceIso: string) {
  const cycles = await db
    .selectFrom('poll_cycle')
    .select(['started_at', 'duration_ms'])
    .where('started_at', '>=', sinceIso)
    .where('walk', '=', 'clean')
    .orderBy('started_at')
    .execute();
  const starts = cycles.map((cycle) => Date.parse(cycle.started_at));
  const gaps = starts.slice(1).map((start, i) => start - (starts[i] ?? start));
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    cycles: cycles.length,
    intervalMs: mean(gaps),
    walkMs: mean(cycles.map((cycle) => cycle.duration_ms ?? 0)),
  };
}

const p50 = (values: readonly (number | null)[]) =>
  percentile(
    values.filter((value) => value !== null),
    50,
  ) / 1000;

const between = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);

/** The p50 of each step a request went through, in seconds. */
function stepMedians(samples: readonly Sample[]) {
  return {
    poll: p50(samples.map((sample) => sample.ledgerMs)),
    tick: p50(samples.map((sample) => between(sample.ledgerMs, sample.judgedMs))),
    hold: p50(samples.map((sample) => between(sample.judgedMs, sample.decidedMs))),
    send: p50(samples.map((sample) => between(sample.decidedMs, sample.totalMs))),
  };
}

/** One request at a time, each after a random pause; the warm-up ones left out. */
async function takeSamples(control: SandboxControl, db: Db, progress: (message: string) => void) {
  const random = randomSource(20_261_201);
  const samples: Sample[] = [];
  let firstAddedAt = '';
  for (let n = 0; n < WARMUP + SAMPLES; n += 1) {
    // Up to two intervals: the add lands at any point of the poll's cycle, not at one fixed
    // distance from the poll that carried the request before.
    await new Promise((resolve) => setTimeout(resolve, random() * 2 * LATENCY_POLL_SECONDS * 1000));
    if (n === WARMUP) firstAddedAt = new Date().toISOString();
    const sample = await sampleOne(control, db, n);
    if (n >= WARMUP) samples.push(sample);
    if ((n + 1) % 5 === 0) progress(`9a: ${n + 1} of ${WARMUP + SAMPLES} requests connected`);
  }
  return { samples, firstAddedAt };
}

export async function measureMatcherLatency(options: {
  env: NodeJS.ProcessEnv;
  sandboxUrl: string;
  progress: (message: string) => void;
}): Promise<Section> {
  const db = createDb(parseEnv(options.env).database);
  try {
    await checkDirectory(db);
    const { samples, firstAddedAt } = await takeSamples(sandboxControl(options.sandboxUrl), db, options.progress);
    const polls = await pollsSince(db, firstAddedAt);
    const total = samples.map((sample) => sample.totalMs / 1000);
    const interval = polls.intervalMs / 1000;
    const steps = stepMedians(samples);
    const walk = polls.walkMs / 1000;
    const expected = interval / 2 + walk + 0.5 + steps.send;
    const row = (label: string, figure: number) => ({ label, baseline: interval, figure, unit: 's' as const });
    return {
      id: 'matcher-latency',
      title: `9a. Matcher under auto, hold 0: from a request added at the sandbox to its CRSUC there (${SAMPLES} requests, one at a time)`,
      baseline: `the poll interval as the dashboard kept it during the samples (CONCUR_POLL_SECONDS=${LATENCY_POLL_SECONDS}, mean time between ${polls.cycles} poll starts)`,
      rows: [
        row('request added → CRSUC at the sandbox, p50', percentile(total, 50)),
        row('request added → CRSUC at the sandbox, p90', percentile(total, 90)),
        row('request added → CRSUC at the sandbox, max', Math.max(...total)),
        row('of which added → in the ledger (the poll), p50', steps.poll),
      ],
      notes: [
        `expected about ${expected.toFixed(1)} s on average: half the interval (the wait for the next poll) + the poll's walk (${walk.toFixed(2)} s on average) + half a matcher tick (of 1 s) + the send`,
        `p50 of each step: added → in the ledger ${steps.poll.toFixed(2)} s; → judged ${steps.tick.toFixed(2)} s (the matcher's tick); → decided ${(steps.hold * 1000).toFixed(0)} ms; → CRSUC at the sandbox ${(steps.send * 1000).toFixed(0)} ms (exchange, vault, PUT, and up to ${CHECK_MS} ms until the bench asked); times in between by the dashboard's clock`,
        `mean from the add to CRSUC ${(total.reduce((sum, value) => sum + value, 0) / total.length).toFixed(2)} s; each request added a random 0 to ${2 * LATENCY_POLL_SECONDS} s after the last one's CRSUC; ${WARMUP} more before them not counted`,
        "the stack's only members are these travellers' (one each, nothing shared), so the demo queue is left to people",
      ],
      data: { samples, polls, steps, pollSeconds: LATENCY_POLL_SECONDS },
    };
  } finally {
    await db.destroy();
  }
}
