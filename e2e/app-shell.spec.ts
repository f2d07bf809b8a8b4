import { expect, test } from '@playwright/test';
import { signIn } from './support/staff';

test.describe('App shell', () => {
  test('navigates between Requests, Audit and Staff, marking the current one @once', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/');
    await expect(page).toHaveURL(/\/requests$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Requests' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Staff' }).click();
    await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();
  });

  test('switches between light and dark themes @once', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/sign-in');
    const html = page.locator('html');
    await expect(html).not.toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect(html).toHaveClass(/dark/);
    await page.reload();
    await expect(html).toHaveClass(/dark/);
  });

  test('reports health, on the database this instance was started with', async ({ request }, testInfo) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { isReachable: true, kind: testInfo.project.metadata.database },
      concur: { isReachable: true, isSandbox: true },
    });
    expect(response.headers()['cache-control']).toContain('no-store');
  });

  test('every response carries the security headers, and pages are never cached', async ({ request }) => {
    for (const path of ['/sign-in', '/requests', '/api/health']) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy'], path).not.toContain('unsafe-eval');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      expect(headers['cache-control'], path).toContain('no-store');
    }
  });
});
