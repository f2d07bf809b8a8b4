import { sql } from 'kysely';
import { z } from 'zod';
import type { Auth } from '@/lib/auth/better-auth';
import { clearSignInFailures } from '@/lib/auth/lockout';
import { passwordProblem } from '@/lib/auth/password';
import type { Db } from '@/lib/db';
import { type Role, roles } from '@/lib/roles';

/**
 * Staff records, for the staff page and `npm run staff`. Callers check permissions; this
 * module only keeps the records consistent (a disabled account's sessions end with it).
 */

export const newStaffInput = z
  .object({
    email: z
      .email({ error: 'Enter a valid email address.' })
      .max(320)
      .transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1, { error: 'Enter a name.' }).max(120),
    role: z.enum(roles, { error: 'Choose viewer, agent or admin.' }),
    password: z.string(),
  })
  .superRefine((staff, ctx) => {
    const problem = passwordProblem(staff.password, staff);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type NewStaff = z.output<typeof newStaffInput>;

export type StaffMember = {
  id: string;
  name: string;
  email: string;
  role: string | null;
  isDisabled: boolean;
  hasTwoFactor: boolean;
  createdAt: string;
};

const toIso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

export async function countStaff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findStaffByEmail(db: Db, email: string): Promise<StaffMember | null> {
  return (await listStaff(db, email.trim().toLowerCase()))[0] ?? null;
}

export async function listStaff(db: Db, email?: string): Promise<StaffMember[]> {
  let query = db.selectFrom('user').select(['id', 'name', 'email', 'role', 'banned', 'twoFactorEnabled', 'createdAt']);
  if (email) query = query.where('email', '=', email);
  const rows = await query.orderBy('name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    isDisabled: Boolean(row.banned),
    hasTwoFactor: Boolean(row.twoFactorEnabled),
    createdAt: toIso(row.createdAt),
  }));
}

export async function addStaff(auth: Auth, staff: NewStaff): Promise<string> {
  const created = await auth.api.createUser({
    body: { email: staff.email, name: staff.name, password: staff.password, role: staff.role },
  });
  return created.user.id;
}

export async function setStaffRole(db: Db, staffId: string, role: Role): Promise<void> {
  await db.updateTable('user').set({ role }).where('id', '=', staffId).execute();
}

/** Disabling ends every session of the account at once; enabling does not restore them. */
export async function setStaffDisabled(db: Db, staffId: string, isDisabled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user')
      .set({ banned: isDisabled ? sql`true` : sql`false` })
      .where('id', '=', staffId)
      .execute();
    if (isDisabled) await trx.deleteFrom('session').where('userId', '=', staffId).execute();
  });
}

/** A password that passwordProblem refused; its message says what to do. */
export class WeakPasswordError extends Error {
  override name = 'WeakPasswordError';
}

/** A new password also ends the account's sessions and its lockout count. */
export async function resetStaffPassword(auth: Auth, db: Db, staffId: string, password: string): Promise<void> {
  const member = await db
    .selectFrom('user')
    .select(['email', 'name'])
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  const problem = passwordProblem(password, member);
  if (problem) throw new WeakPasswordError(problem);
  const context = await auth.$context;
  const hash = await context.password.hash(password);
  await db.transaction().execute(async (trx) => {
    await sql`update account set password = ${hash} where "userId" = ${staffId} and "providerId" = 'credential'`.execute(
      trx,
    );
    await trx.deleteFrom('session').where('userId', '=', staffId).execute();
  });
  await clearSignInFailures(db, member.email);
}
