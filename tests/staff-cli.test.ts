import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { findStaffByEmail } from '@/lib/staff/store';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL, openPreparedDatabase } from '@/lib/startup';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-staff-'));
const env = parseEnv({ DATA_DIR: dataDir });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function staff(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/staff.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const { db, auth } = await openPreparedDatabase(env);
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: new Headers() });
    return true;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

describe('first run and npm run staff', () => {
  it('creates the first admin once, with a password that works and is stored only as a hash', async () => {
    const { db, auth } = await openPreparedDatabase(env);
    const first = await ensureFirstAdmin(db, auth);
    expect(first?.email).toBe(FIRST_ADMIN_EMAIL);
    expect(await ensureFirstAdmin(db, auth)).toBeNull();
    await db.destroy();
    expect(await canSignIn(FIRST_ADMIN_EMAIL, first?.password ?? '')).toBe(true);
    const file = fs.readFileSync(path.join(dataDir, 'connection-desk.sqlite')).toString('latin1');
    expect(file).not.toContain(first?.password);
  });

  // Each step is a run of the command line, a fresh Node process: slow on a busy machine.
  it('adds staff with a generated password printed once, refuses bad input, and manages them', async () => {
    const added = staff('add', '--email', 'Ana@Example.com', '--name', 'Ana Lima', '--role', 'agent');
    expect(added.status).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect(await canSignIn('ana@example.com', password)).toBe(true);

    const weak = staff(
      'add',
      '--email',
      'bo@example.com',
      '--name',
      'Bo',
      '--role',
      'viewer',
      '--password',
      'qwertyuiop',
    );
    expect([weak.status, weak.stderr]).toEqual([1, expect.stringContaining('too easy to guess')]);
    expect(staff('add', '--email', 'bo@example.com', '--name', 'Bo', '--role', 'boss').status).toBe(1);

    expect(staff('disable', '--email', 'ana@example.com').status).toBe(0);
    expect(await canSignIn('ana@example.com', password)).toBe(false);
    expect(staff('enable', '--email', 'ana@example.com').status).toBe(0);
    // A weak new password is refused, and the old one still works.
    const weakReset = staff('reset-password', '--email', 'ana@example.com', '--password', 'Password1!');
    expect([weakReset.status, weakReset.stderr]).toEqual([1, expect.stringContaining('too easy to guess')]);
    expect(await canSignIn('ana@example.com', password)).toBe(true);
    const reset = staff('reset-password', '--email', 'ana@example.com');
    const newPassword = /\(shown once\): (\S+)/.exec(reset.stdout)?.[1] ?? '';
    expect(await canSignIn('ana@example.com', password)).toBe(false);
    expect(await canSignIn('ana@example.com', newPassword)).toBe(true);

    expect(staff('list').stdout).toMatch(/ana@example\.com\tAna Lima\tagent\tactive/);
    expect(staff('disable', '--email', 'nobody@example.com').status).toBe(1);
    const { db } = await openPreparedDatabase(env);
    expect(await findStaffByEmail(db, 'bo@example.com')).toBeNull();
    await db.destroy();
  }, 90_000);
});
