import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db';

const KEY = 'auth.secret';

/**
 * The key that signs session cookies. AUTH_SECRET wins; otherwise one is generated on first
 * start and kept in the database, so every instance sharing the database signs alike.
 */
export async function loadAuthSecret(db: Db, configured: string | null): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('app_setting')
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return row.value;
}
