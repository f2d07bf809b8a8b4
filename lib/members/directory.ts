import type { Db } from '@/lib/db';
import { emailKey, lastNameKey, loyaltyNumberKey } from './normalise';

/** One of the supplier's loyalty accounts, as far as matching a connection request needs it. */
export type Member = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  loyaltyNumber: string | null;
  emails: string[];
};

/**
 * Where members are looked up. Today the embedded tables; later perhaps the supplier's own
 * loyalty system, which only has to answer these questions. Every lookup is bounded.
 */
export interface MemberDirectory {
  byLoyaltyNumber(loyaltyNumber: string): Promise<Member[]>;
  /** For a whole page of requests at once (bulk connect), not one lookup per request. */
  byLoyaltyNumbers(loyaltyNumbers: readonly string[]): Promise<Member[]>;
  byEmails(emails: readonly string[]): Promise<Member[]>;
  byLastName(lastName: string): Promise<Member[]>;
  get(id: string): Promise<Member | null>;
}

/** Per key looked up: enough for any real ambiguity, few enough for one screen. */
export const LOOKUP_LIMIT = 50;
/** A request has at most 5 emails; a list page at most a few hundred requests. */
const MAX_KEYS = 500;

function distinctKeys(values: readonly string[], toKey: (value: string) => string | null): string[] {
  const keys = new Set<string>();
  for (const value of values) {
    const key = toKey(value);
    if (key) keys.add(key);
  }
  return [...keys].slice(0, MAX_KEYS);
}

type MemberRow = {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  loyalty_number: string | null;
};

const memberColumns = ['id', 'first_name', 'middle_name', 'last_name', 'loyalty_number'] as const;

export function createDbMemberDirectory(db: Db): MemberDirectory {
  /** One query for the emails of all the members found, never one per member. */
  async function withEmails(rows: MemberRow[]): Promise<Member[]> {
    if (rows.length === 0) return [];
    const emailRows = await db
      .selectFrom('member_email')
      .select(['member_id', 'email'])
      .where(
        'member_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('member_id')
      .orderBy('email_key')
      .execute();
    const emailsByMember = new Map<string, string[]>();
    for (const { member_id, email } of emailRows) {
      const emails = emailsByMember.get(member_id) ?? [];
      emails.push(email);
      emailsByMember.set(member_id, emails);
    }
    return rows.map((row) => ({
      id: row.id,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      loyaltyNumber: row.loyalty_number,
      emails: emailsByMember.get(row.id) ?? [],
    }));
  }

  async function byLoyaltyNumbers(loyaltyNumbers: readonly string[]): Promise<Member[]> {
    const keys = distinctKeys(loyaltyNumbers, loyaltyNumberKey);
    if (keys.length === 0) return [];
    const rows = await db
      .selectFrom('member')
      .select(memberColumns)
      .where('loyalty_number', 'in', keys)
      .orderBy('id')
      .limit(LOOKUP_LIMIT * keys.length)
      .execute();
    return withEmails(rows);
  }

  return {
    byLoyaltyNumber: (loyaltyNumber) => byLoyaltyNumbers([loyaltyNumber]),
    byLoyaltyNumbers,

    async byEmails(emails) {
      const keys = distinctKeys(emails, emailKey);
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('member')
        .select(memberColumns)
        .where('id', 'in', (eb) => eb.selectFrom('member_email').select('member_id').where('email_key', 'in', keys))
        .orderBy('id')
        .limit(LOOKUP_LIMIT)
        .execute();
      return withEmails(rows);
    },

    async byLastName(lastName) {
      const key = lastNameKey(lastName);
      if (key === '') return [];
      const rows = await db
        .selectFrom('member')
        .select(memberColumns)
        .where('last_name_key', '=', key)
        .orderBy('id')
        .limit(LOOKUP_LIMIT)
        .execute();
      return withEmails(rows);
    },

    async get(id) {
      const row = await db.selectFrom('member').select(memberColumns).where('id', '=', id).executeTakeFirst();
      return row ? ((await withEmails([row]))[0] ?? null) : null;
    },
  };
}
