import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from './loopback';

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
