import { describe, expect, it } from 'vitest';
import { allowedOrigins } from './allowed-origins';
import { isCrossSiteAction } from './cross-site';

const origins = allowedOrigins({ port: 3100, auth: { appUrl: 'https://desk.example.com' } });

function post(headers: Record<string, string>, url = '/requests') {
  return { method: 'POST', url, headers: { 'next-action': '7f00', ...headers } };
}

describe('a server action from another origin', () => {
  it('lists APP_URL and loopback on our port, once each', () => {
    expect(origins).toEqual(['https://desk.example.com', 'http://127.0.0.1:3100', 'http://localhost:3100']);
    expect(allowedOrigins({ port: 3000, auth: { appUrl: 'http://localhost:3000' } })).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });

  it('is refused from a foreign, opaque or malformed origin', () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://desk.example.com',
      'https://desk.example.com.evil',
      '',
    ]) {
      expect(isCrossSiteAction(post({ origin, host: 'desk.example.com' }), origins), origin).toBe(true);
    }
  });

  it('is refused as a plain form POST to a page too, but not to our API routes', () => {
    const form = {
      method: 'POST',
      url: '/sign-in',
      headers: { origin: 'https://evil.example', host: '127.0.0.1:3100' },
    };
    expect(isCrossSiteAction(form, origins)).toBe(true);
    expect(isCrossSiteAction({ ...form, url: '/api/auth/callback/oidc' }, origins)).toBe(false);
  });

  it('is let through from our own origin, as Next.js lets it through', () => {
    expect(isCrossSiteAction(post({ origin: 'https://desk.example.com', host: 'desk.example.com' }), origins)).toBe(
      false,
    );
    expect(
      isCrossSiteAction(
        post({ origin: 'https://desk.example.com', host: '10.0.0.5:3100', 'x-forwarded-host': 'desk.example.com' }),
        origins,
      ),
    ).toBe(false);
    expect(isCrossSiteAction(post({ origin: 'http://127.0.0.1:3100', host: '127.0.0.1:3100' }), origins)).toBe(false);
  });

  it('is refused from our origin when Next.js would refuse it: the host differs', () => {
    expect(isCrossSiteAction(post({ origin: 'http://127.0.0.1:3100', host: 'localhost:3100' }), origins)).toBe(true);
  });

  it('leaves GETs, and requests with no Origin, to Next.js', () => {
    expect(
      isCrossSiteAction({ method: 'GET', url: '/requests', headers: { origin: 'https://evil.example' } }, origins),
    ).toBe(false);
    expect(isCrossSiteAction(post({ host: '127.0.0.1:3100' }), origins)).toBe(false);
  });
});
