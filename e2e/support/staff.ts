import { expect, type Page } from '@playwright/test';

export const E2E_PASSWORD = 'e2e staff password 42';

/** One account per role, plus accounts that tests lock out or disable, so no test spoils another's. */
export const e2eStaff = {
  admin: { email: 'admin@e2e.test', name: 'Ada Admin', role: 'admin' },
  agent: { email: 'agent@e2e.test', name: 'Alex Agent', role: 'agent' },
  viewer: { email: 'viewer@e2e.test', name: 'Vic Viewer', role: 'viewer' },
  lockout: { email: 'lockout@e2e.test', name: 'Lou Lockout', role: 'viewer' },
  disabled: { email: 'disable-me@e2e.test', name: 'Dee Disabled', role: 'agent' },
  idle: { email: 'idle@e2e.test', name: 'Ida Idle', role: 'viewer' },
  totp: { email: 'totp@e2e.test', name: 'Toto Tp', role: 'agent' },
  background: { email: 'background@e2e.test', name: 'Bea Background', role: 'viewer' },
  // Sign-in abuse (e2e/sign-in-abuse.spec.ts): each test locks out an account of its own.
  burst: { email: 'burst@e2e.test', name: 'Bud Burst', role: 'viewer' },
  steady: { email: 'steady@e2e.test', name: 'Stu Steady', role: 'viewer' },
  office: { email: 'office@e2e.test', name: 'Ola Office', role: 'viewer' },
  reentry: { email: 'reentry@e2e.test', name: 'Rey Reentry', role: 'agent' },
} as const;

export type E2eStaffKey = keyof typeof e2eStaff;

export async function signIn(page: Page, who: E2eStaffKey, next = '/requests'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(e2eStaff[who].email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, '\\?')}$`));
}
