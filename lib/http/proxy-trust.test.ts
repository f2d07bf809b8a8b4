import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, type ProxyTrust, parseTrustProxy } from './proxy-trust';

const request = (socket: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: socket },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

const trust = (value: string): ProxyTrust => {
  const parsed = parseTrustProxy(value);
  if (parsed === 'invalid') throw new Error(`invalid: ${value}`);
  return parsed;
};

describe('the client address behind proxies', () => {
  it('is the socket address, whatever the client writes, when no proxy is trusted', () => {
    expect(clientAddressOf(request('203.0.113.9', '10.0.0.1'), trust('false'))).toBe('203.0.113.9');
    expect(clientAddressOf(request('::ffff:203.0.113.9'), trust('0'))).toBe('203.0.113.9');
  });

  it('is the entry the trusted proxy appended, not the one the client wrote first', () => {
    // The client wrote "192.0.2.50" (another office); the proxy saw 198.51.100.7 and appended it.
    const proxied = request('10.0.0.2', '192.0.2.50, 198.51.100.7');
    expect(clientAddressOf(proxied, trust('true'))).toBe('198.51.100.7');
    expect(clientAddressOf(proxied, trust('10.0.0.2'))).toBe('198.51.100.7');
    expect(clientAddressOf(proxied, trust('10.0.0.0/8, 172.16.0.0/12'))).toBe('198.51.100.7');
  });

  it('walks as many hops as are trusted, and no further', () => {
    // CDN (10.0.0.3) → load balancer (10.0.0.2) → us; the CDN appended the client's address.
    const twice = request('10.0.0.2', '192.0.2.50, 198.51.100.7, 10.0.0.3');
    expect(clientAddressOf(twice, trust('2'))).toBe('198.51.100.7');
    expect(clientAddressOf(twice, trust('1'))).toBe('10.0.0.3');
    expect(clientAddressOf(twice, trust('10.0.0.0/8'))).toBe('198.51.100.7');
  });

  it('is the socket address when the socket is not a trusted proxy', () => {
    expect(clientAddressOf(request('198.51.100.7', '192.0.2.50'), trust('10.0.0.2'))).toBe('198.51.100.7');
    expect(clientAddressOf(request('198.51.100.7', '192.0.2.50'), trust('loopback'))).toBe('198.51.100.7');
    expect(clientAddressOf(request('127.0.0.1', '192.0.2.50'), trust('loopback'))).toBe('192.0.2.50');
  });

  it('refuses settings that name no proxy', () => {
    for (const bad of ['yes', '11', '-1', '10.0.0.300', 'proxy.example.com'])
      expect(parseTrustProxy(bad)).toBe('invalid');
  });
});
