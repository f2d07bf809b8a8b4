import { expect, test } from '@playwright/test';
import { e2eStaff } from './support/staff';

async function signInAtProvider(page: import('@playwright/test').Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Test SSO' }).click();
  // The provider's own (development) screens: any login is accepted and becomes the email.
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('Single sign-on through an OpenID Connect provider', () => {
  test('signs in an existing staff member by their email', async ({ page }) => {
    await signInAtProvider(page, e2eStaff.agent.email);
    await expect(page).toHaveURL(/\/requests$/);
    await expect(page.getByText(e2eStaff.agent.name)).toBeVisible();
  });

  test('never creates an account: an unknown email is sent back to sign in', async ({ page }) => {
    await signInAtProvider(page, 'stranger@e2e.test');
    await expect(page).toHaveURL(/\/sign-in\?sso=failed/);
    await expect(page.getByText('Single sign-on did not sign you in.')).toBeVisible();
  });
});
