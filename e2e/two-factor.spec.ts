import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { expect, type Page, test } from '@playwright/test';
import { E2E_PASSWORD, e2eStaff, signIn } from './support/staff';

/** The current code, as an authenticator app would show it for this key. */
function currentCode(key: string): Promise<string> {
  return createOTP(base32.decode(key)).totp();
}

async function signInWithPassword(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(e2eStaff.totp.email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a staff member sets up two-factor sign-in, and sign-in then asks for a code', async ({ page }) => {
  await signIn(page, 'totp', '/account');
  await page.getByLabel('Your password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const key = await page.getByLabel('Authenticator key').inputValue();

  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByText('That code is wrong or has expired.')).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill(await currentCode(key));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByText('Two-factor sign-in is on')).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signInWithPassword(page);
  await expect(page.getByLabel('Code from your authenticator app')).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill(await currentCode(key));
  await page.getByRole('button', { name: 'Verify code' }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByText(e2eStaff.totp.name)).toBeVisible();
});
