import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuditAction } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { EnvError, parseEnv } from '@/lib/env';
import {
  addStaff,
  findStaffByEmail,
  listStaff,
  newStaffInput,
  resetStaffPassword,
  setStaffDisabled,
  WeakPasswordError,
} from '@/lib/staff/store';
import { openPreparedDatabase } from '@/lib/startup';

/**
 * `npm run staff -- <command>`: manage staff from the command line, for a team locked out of
 * the Staff page. Works on the same database as the app (DATA_DIR or DATABASE_URL).
 */

const usage = `Usage: npm run staff -- <command> [options]
  list
  add --email E --name N --role viewer|agent|admin [--password P]
  disable --email E          (ends the account's sessions at once)
  enable --email E
  reset-password --email E [--password P]
Without --password a password is generated and printed once.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const generated = () => randomBytes(12).toString('base64url');

async function main(): Promise<void> {
  const command = z.enum(['list', 'add', 'disable', 'enable', 'reset-password']).safeParse(positionals[0]);
  if (!command.success) fail(usage);
  const { db, auth } = await openPreparedDatabase(parseEnv(process.env));
  const audit = (action: AuditAction, subjectId: string, detail: Record<string, string> = {}) =>
    recordAuditEvent(db, { actor: null, action, subjectType: 'staff', subjectId, detail: { ...detail, via: 'cli' } });
  try {
    if (command.data === 'list') {
      for (const s of await listStaff(db)) {
        process.stdout.write(`${s.email}\t${s.name}\t${s.role ?? '-'}\t${s.isDisabled ? 'disabled' : 'active'}\n`);
      }
      return;
    }
    if (command.data === 'add') {
      const password = values.password ?? generated();
      const input = newStaffInput.safeParse({ ...values, password });
      if (!input.success) fail(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      const id = await addStaff(auth, input.data);
      await audit('staff.added', id, { role: input.data.role });
      process.stdout.write(
        `Added ${input.data.email} as ${input.data.role}.${values.password ? '' : ` Password (shown once): ${password}`}\n`,
      );
      return;
    }
    const staff = await findStaffByEmail(db, values.email ?? '');
    if (!staff) fail(`No staff member with email ${values.email ?? '(none given)'}.`);
    if (command.data === 'reset-password') {
      const password = values.password ?? generated();
      await resetStaffPassword(auth, db, staff.id, password);
      await audit('staff.password-reset', staff.id);
      process.stdout.write(
        `New password for ${staff.email}${values.password ? ' set.' : ` (shown once): ${password}`}\n`,
      );
      return;
    }
    const isDisabled = command.data === 'disable';
    await setStaffDisabled(db, staff.id, isDisabled);
    await audit(isDisabled ? 'staff.disabled' : 'staff.enabled', staff.id);
    process.stdout.write(`${staff.email} is ${isDisabled ? 'disabled; its sessions have ended' : 'enabled again'}.\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  fail(
    error instanceof EnvError || error instanceof z.ZodError || error instanceof WeakPasswordError
      ? error.message
      : `Failed: ${error instanceof Error ? error.message : String(error)}`,
  );
});
