import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, isLoopbackOrigin } from './loopback';

describe('the control API loopback guard', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.9.9.9'])('lets %s in', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '10.0.0.1',
    '192.168.1.20',
    '128.0.0.1',
    '::ffff:10.0.0.1',
    '::2',
    'fe80::1',
    '127.0.0.1.evil',
  ])('keeps %s out', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('the control API Host guard', () => {
  it.each(['127.0.0.1', '127.0.0.1:4010', 'localhost', 'LOCALHOST:3000', '[::1]', '[::1]:4010'])(
    'lets %s in',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    undefined,
    '',
    'evil.example',
    'localhost.evil.example:4010',
    '127.0.0.1.nip.io',
    'localhost:',
    'localhost:4010:1',
    '[::1',
    '::1',
    '127.0.0.2',
    '0.0.0.0:4010',
  ])('keeps %s out', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('the control API Origin guard', () => {
  it.each(['http://127.0.0.1:3000', 'http://localhost', 'http://LocalHost:5173', 'http://[::1]:4010'])(
    'lets %s in',
    (origin) => {
      expect(isLoopbackOrigin(origin)).toBe(true);
    },
  );

  it.each([
    'null',
    '',
    'https://evil.example',
    'https://localhost:3000',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io:4010',
    'http://localhost:3000/path',
    'http://user@localhost:3000',
    'file://',
  ])('keeps %s out', (origin) => {
    expect(isLoopbackOrigin(origin)).toBe(false);
  });
});
