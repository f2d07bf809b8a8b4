import type { Db } from '@/lib/db';

/**
 * Jobs that must run on one instance at a time (the poller; later the scheduled token refresh)
 * hold a lease in the database, never in process memory: several instances share PostgreSQL,
 * and whoever holds the lease runs the job. A holder renews it while alive; when it dies the
 * lease runs out and another instance takes it. Compare-and-set, so of several exactly one wins.
 */

export type JobName = 'concur-poller' | 'auto-matcher';

export type JobState = {
  owner: string | null;
  leaseUntil: string | null;
  /** Someone asked for a run now, at this time. */
  requestedAt: string | null;
  /** No run before this (Concur asked us to wait). */
  notBefore: string | null;
};

async function ensureRow(db: Db, name: JobName): Promise<void> {
  await db
    .insertInto('job_lease')
    .values({ name, owner: null, lease_until: null, requested_at: null, not_before: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Takes the lease if it is free or ran out, or renews it if `owner` holds it. */
export async function holdLease(db: Db, name: JobName, owner: string, ms: number, now = new Date()): Promise<boolean> {
  await ensureRow(db, name);
  const result = await db
    .updateTable('job_lease')
    .set({ owner, lease_until: new Date(now.getTime() + ms).toISOString() })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '=', owner), eb('lease_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Lets the lease go at once (a clean shutdown), so another instance need not wait it out. */
export async function releaseLease(db: Db, name: JobName, owner: string): Promise<void> {
  await db
    .updateTable('job_lease')
    .set({ owner: null, lease_until: null })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .execute();
}

export async function jobState(db: Db, name: JobName): Promise<JobState> {
  const row = await db.selectFrom('job_lease').selectAll().where('name', '=', name).executeTakeFirst();
  return {
    owner: row?.owner ?? null,
    leaseUntil: row?.lease_until ?? null,
    requestedAt: row?.requested_at ?? null,
    notBefore: row?.not_before ?? null,
  };
}

/** Asks whichever instance holds the lease to run the job now. */
export async function requestRun(db: Db, name: JobName, now = new Date()): Promise<void> {
  await ensureRow(db, name);
  await db.updateTable('job_lease').set({ requested_at: now.toISOString() }).where('name', '=', name).execute();
}

/** The run asked for has started: later requests ask for another. */
export async function clearRequest(db: Db, name: JobName, upTo: string): Promise<void> {
  await db
    .updateTable('job_lease')
    .set({ requested_at: null })
    .where('name', '=', name)
    .where('requested_at', '<=', upTo)
    .execute();
}

/** No run before `until` (or from now on, when null). */
export async function setNotBefore(db: Db, name: JobName, until: string | null): Promise<void> {
  await ensureRow(db, name);
  await db.updateTable('job_lease').set({ not_before: until }).where('name', '=', name).execute();
}
