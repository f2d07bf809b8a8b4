import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';

/**
 * Short claims on requests under review: opening a Pending request claims it for a few minutes,
 * so a second agent sees "being reviewed by …" instead of deciding it at the same time. A claim
 * is advice plus a check at decision time; another agent can take over explicitly.
 */

export const CLAIM_MS = 5 * 60_000;

export type Claim = { staffId: string; staffName: string; expiresAt: string };

async function activeClaim(db: Db, requestId: string, now: Date): Promise<Claim | null> {
  const row = await db
    .selectFrom('request_claim')
    .innerJoin('user', 'user.id', 'request_claim.staff_id')
    .select(['request_claim.staff_id as staffId', 'user.name as staffName', 'request_claim.expires_at as expiresAt'])
    .where('request_claim.request_id', '=', requestId)
    .where('request_claim.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ?? null;
}

/** Claims the request for `staffId` unless someone else holds a live claim; returns whoever holds it now. */
export async function claimRequest(
  db: Db,
  requestId: string,
  staffId: string,
  now = new Date(),
): Promise<Claim | null> {
  const claim = {
    request_id: requestId,
    staff_id: staffId,
    claimed_at: now.toISOString(),
    expires_at: new Date(now.getTime() + CLAIM_MS).toISOString(),
  };
  await db
    .insertInto('request_claim')
    .values(claim)
    .onConflict((oc) =>
      oc
        .column('request_id')
        .doUpdateSet({ staff_id: staffId, claimed_at: claim.claimed_at, expires_at: claim.expires_at })
        .where((eb) =>
          eb.or([eb('request_claim.expires_at', '<=', claim.claimed_at), eb('request_claim.staff_id', '=', staffId)]),
        ),
    )
    .execute();
  return activeClaim(db, requestId, now);
}

/** Someone else's live claim on the request, if any: a decision by `staffId` must take over first. */
export async function claimHeldByOther(db: Db, requestId: string, staffId: string, now = new Date()) {
  const claim = await activeClaim(db, requestId, now);
  return claim && claim.staffId !== staffId ? claim : null;
}

/** Takes the request over from whoever reviews it, audited with who it was taken from. */
export async function takeOverRequest(db: Db, requestId: string, staffId: string, now = new Date()): Promise<void> {
  const previous = await activeClaim(db, requestId, now);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('request_claim').where('request_id', '=', requestId).execute();
    await claimRequest(trx, requestId, staffId, now);
    await recordAuditEvent(
      trx,
      {
        actor: staffId,
        action: 'request.claim-taken-over',
        subjectType: 'request',
        subjectId: requestId,
        detail: { fromStaffId: previous?.staffId ?? null },
      },
      now,
    );
  });
}

export async function releaseClaim(db: Db, requestId: string, staffId: string): Promise<void> {
  await db.deleteFrom('request_claim').where('request_id', '=', requestId).where('staff_id', '=', staffId).execute();
}

/** Live claims on a page of requests, in one query, for the list. */
export async function activeClaims(db: Db, requestIds: string[], now = new Date()): Promise<Map<string, Claim>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('request_claim')
    .innerJoin('user', 'user.id', 'request_claim.staff_id')
    .select([
      'request_claim.request_id as requestId',
      'request_claim.staff_id as staffId',
      'user.name as staffName',
      'request_claim.expires_at as expiresAt',
    ])
    .where('request_claim.request_id', 'in', requestIds)
    .where('request_claim.expires_at', '>', now.toISOString())
    .execute();
  return new Map(rows.map(({ requestId, ...claim }) => [requestId, claim]));
}
