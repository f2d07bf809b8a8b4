import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support/staff';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, what).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test('sign-in page', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.locator('html')).toHaveClass(new RegExp(theme));
      await expectNoViolations(page, 'sign-in');
    });

    test('requests list and a request detail', async ({ page }) => {
      await signIn(page, 'agent');
      await expect(page.getByRole('table')).toBeVisible();
      await expect(page.getByText(/^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/)).toBeVisible();
      await expectNoViolations(page, 'list');
      const first = page.getByRole('table').getByRole('link').first();
      await first.click();
      await expect(page).toHaveURL(/\/requests\/[\w-]+$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, 'detail');
    });

    test('audit log', async ({ page }) => {
      await signIn(page, 'admin', '/audit');
      await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toBeVisible();
      await expectNoViolations(page, 'audit log');
    });
  });
}
