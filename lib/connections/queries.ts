import 'server-only';
import { AUTO_MATCH_ACTOR, AUTO_MATCH_NAME } from '@/lib/audit/describe';
import { getDb } from '@/lib/db';
import type { TravellerConnectionStatus } from '@/lib/db/types';
import { maskEmail, maskLoyaltyNumber } from '@/lib/masking/mask';
import { getMemberDirectory } from '@/lib/members/candidates';
import { connectionsOfMember } from './vault';

export type { TravellerConnectionStatus };

/** A member's connection as staff see it: no token, no key, only what happened and when. */
export type ConnectionView = {
  id: string;
  status: TravellerConnectionStatus;
  connectedAt: string;
  connectedByName: string;
  requestId: string;
  /** When Concur's access token runs out; refreshed on use. Null once the tokens are gone. */
  accessExpiresAt: string | null;
  endedAt: string | null;
  endedByName: string | null;
};

export type MemberPage = {
  member: {
    id: string;
    firstName: string;
    middleName: string | null;
    lastName: string;
    maskedLoyaltyNumber: string | null;
    maskedEmails: string[];
  };
  connections: ConnectionView[];
};

/** The member and their Concur connections, masked; null when the directory has no such member. */
export async function loadMemberPage(memberId: string): Promise<MemberPage | null> {
  const member = await (await getMemberDirectory()).get(memberId);
  if (!member) return null;
  const db = await getDb();
  const rows = await connectionsOfMember(db, memberId);
  const staffIds = [...new Set(rows.flatMap((row) => [row.connected_by, ...(row.ended_by ? [row.ended_by] : [])]))];
  const names = new Map(
    staffIds.length === 0
      ? []
      : (await db.selectFrom('user').select(['id', 'name']).where('id', 'in', staffIds).execute()).map((u) => [
          u.id,
          u.name,
        ]),
  );
  const nameOf = (id: string) =>
    id === AUTO_MATCH_ACTOR ? AUTO_MATCH_NAME : (names.get(id) ?? 'A former staff member');
  return {
    member: {
      id: member.id,
      firstName: member.firstName,
      middleName: member.middleName,
      lastName: member.lastName,
      maskedLoyaltyNumber: member.loyaltyNumber ? maskLoyaltyNumber(member.loyaltyNumber) : null,
      maskedEmails: member.emails.map(maskEmail),
    },
    connections: rows.map((row) => ({
      id: row.id,
      status: row.status,
      connectedAt: row.connected_at,
      connectedByName: nameOf(row.connected_by),
      requestId: row.request_id,
      accessExpiresAt: row.access_expires_at,
      endedAt: row.ended_at,
      endedByName: row.ended_by ? nameOf(row.ended_by) : null,
    })),
  };
}
