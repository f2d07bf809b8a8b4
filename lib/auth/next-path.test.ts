import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import { NOT_RETURNED_TO, safeNextPath } from './next-path';

const ownOrigin = new URL(getEnv().auth.appUrl).origin;

/** Each reads as a path, or nearly, yet a browser resolving it naively may leave our host. */
const attacks = [
  '//evil.example',
  '///evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/./..//evil.example',
  '/%2e%2e//evil.example',
  '/%2E//evil.example',
  '/requests/..//evil.example',
  '/requests/.%2e/%2e%2e//evil.example',
  '/%252e%252e//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/%5cevil.example',
  '/%5c%5cevil.example',
  '%2f%2fevil.example',
  '/%2f%2fevil.example',
  '/%252f%252fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/%09/evil.example',
  'https:evil.example',
  'http:evil.example',
  'https:/evil.example',
  'https://evil.example/requests',
  `${ownOrigin}@evil.example/requests`,
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '/evil.example',
  '/sign-in',
  '/api/auth/callback/oidc',
  '/audit/export',
  '',
  `/requests?${'x'.repeat(3000)}`,
];

function expectSameOriginKnownPage(result: string) {
  const resolved = new URL(result, ownOrigin);
  expect(resolved.origin).toBe(ownOrigin);
  expect(result).toBe(`${resolved.pathname}${resolved.search}`);
}

describe('the page sign-in returns to', () => {
  for (const attack of attacks) {
    it(`is the request list for ${JSON.stringify(attack).slice(0, 60)}`, () => {
      const result = safeNextPath(attack);
      expectSameOriginKnownPage(result);
      expect(result).toBe('/requests');
    });
  }

  it.each([
    '/requests?status=Failed',
    '/requests?status=Pending&offset=10',
    '/requests/gWs1rZ3tH-k8YpE5Qx0',
    '/members/M-00042',
    '/audit',
    '/staff',
    '/account',
  ])('keeps %j', (good) => {
    expect(safeNextPath(good)).toBe(good);
  });

  it('keeps the resolved path, never the raw text', () => {
    expect(safeNextPath('/requests/../audit')).toBe('/audit');
    expect(safeNextPath('/requests/')).toBe('/requests');
    expect(safeNextPath('/req\tuests?status=Failed#top')).toBe('/requests?status=Failed');
    expect(safeNextPath(`${ownOrigin}/account`)).toBe('/account');
  });

  it('is the request list for anything that is not one string', () => {
    for (const value of [undefined, null, 42, ['/audit', '/staff'], { toString: () => '/audit' }]) {
      expect(safeNextPath(value)).toBe('/requests');
    }
  });

  it('knows every page under app/, or leaves it out on purpose', () => {
    const pages = fs
      .readdirSync(path.resolve('app'), { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'page.tsx')
      .map((file) => `/${path.dirname(file)}`.replace(/\/\.$/, '/').replace(/\[\w+\]/g, 'some-id'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      if ((NOT_RETURNED_TO as readonly string[]).includes(page)) continue;
      expect(safeNextPath(page), page).toBe(page);
    }
  });
});
