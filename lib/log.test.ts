import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('log redaction', () => {
  it('removes personal data and secrets wherever a careless call puts them', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        loyaltyNumber: '0012345678',
        request: {
          firstName: 'Zoë',
          lastName: "O'Brien",
          emails: ['zoe@example.com'],
          requestToken: 'tok-123',
          loyaltyNumber: '99887766',
        },
        headers: { authorization: 'Bearer abc.def', cookie: 'session=s3cret' },
        client_secret: 'very-secret',
        correlationId: 'c0ffee',
      },
      'something happened',
    );
    const line = lines.join('');
    for (const value of [
      '0012345678',
      'Zoë',
      "O'Brien",
      'zoe@example.com',
      'tok-123',
      '99887766',
      'abc.def',
      's3cret',
      'very-secret',
    ]) {
      expect(line).not.toContain(value);
    }
    expect(JSON.parse(line)).toMatchObject({
      correlationId: 'c0ffee',
      msg: 'something happened',
      loyaltyNumber: '[redacted]',
    });
  });
});
