import { parseEnv } from '@/lib/env';
import { addStaff, findStaffByEmail } from '@/lib/staff/store';
import { openPreparedDatabase } from '@/lib/startup';
import { E2E_PASSWORD, e2eStaff } from './staff';

/**
 * Before the e2e server starts: the staff accounts the journeys sign in with, on the same
 * database the server will use. Idempotent, so a re-run against kept data works.
 */
const { db, auth } = await openPreparedDatabase(parseEnv(process.env));
try {
  for (const member of Object.values(e2eStaff)) {
    if (!(await findStaffByEmail(db, member.email))) await addStaff(auth, { ...member, password: E2E_PASSWORD });
  }
} finally {
  await db.destroy();
}
