import { describe, expect, it } from 'vitest';
import { isCacheableAsset, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('forbid eval and framing in production, and send HSTS only over https', () => {
    const production = securityHeaders({ isDev: false, isHttps: true });
    expect(production['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(production['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(production['Strict-Transport-Security']).toContain('max-age=');
    expect(securityHeaders({ isDev: false, isHttps: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ isDev: true, isHttps: false })['Content-Security-Policy']).toContain('unsafe-eval');
  });

  it('let only build assets be cached', () => {
    expect(isCacheableAsset('/_next/static/chunks/app.js')).toBe(true);
    expect(isCacheableAsset('/requests')).toBe(false);
    expect(isCacheableAsset('/_next/image')).toBe(false);
  });
});
