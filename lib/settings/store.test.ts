import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { testDatabases } from '@/tests/support/databases';
import { isTwoFactorRequired, setTwoFactorRequired } from './store';

describe.each(testDatabases('settings'))('settings on $name', (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => database.close(db));

  it('does not require two-factor sign-in until an admin says so', async () => {
    await expect(isTwoFactorRequired(db)).resolves.toBe(false);
  });

  it('stores the requirement and changes it again in place', async () => {
    await setTwoFactorRequired(db, true);
    await expect(isTwoFactorRequired(db)).resolves.toBe(true);
    await setTwoFactorRequired(db, false);
    await expect(isTwoFactorRequired(db)).resolves.toBe(false);
    await setTwoFactorRequired(db, true);
    const rows = await db.selectFrom('app_setting').selectAll().execute();
    expect(rows).toEqual([{ key: 'auth.require-two-factor', value: 'true' }]);
  });
});
