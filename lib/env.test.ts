import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('parseEnv', () => {
  it('runs the embedded mode with no configuration at all', () => {
    const env = parseEnv({});
    expect(env.port).toBe(3000);
    expect(env.database).toEqual({ kind: 'sqlite', file: path.resolve('data', 'connection-desk.sqlite') });
    expect(env.concur).toMatchObject({ isSandbox: true, baseUrl: 'http://127.0.0.1:4010', apiVersion: '3.2' });
  });

  it('moves the sandbox with SANDBOX_PORT and switches to PostgreSQL with DATABASE_URL', () => {
    const env = parseEnv({ SANDBOX_PORT: '4555', DATABASE_URL: 'postgres://desk:pw@db.internal:5432/desk' });
    expect(env.concur.baseUrl).toBe('http://127.0.0.1:4555');
    expect(env.database).toEqual({ kind: 'postgres', url: 'postgres://desk:pw@db.internal:5432/desk' });
  });

  it('uses the real Concur when CONCUR_BASE_URL is set, with its credentials', () => {
    const env = parseEnv({
      CONCUR_BASE_URL: 'https://us.api.concursolutions.com/',
      CONCUR_CLIENT_ID: 'id',
      CONCUR_CLIENT_SECRET: 'secret',
    });
    expect(env.concur).toMatchObject({
      isSandbox: false,
      baseUrl: 'https://us.api.concursolutions.com',
      clientId: 'id',
    });
  });

  it('names each bad variable and what it expects', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', CONCUR_API_VERSION: '4', LOG_LEVEL: 'loud' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: expected a whole number from 1 to 65535/),
        expect.stringMatching(/^DATABASE_URL: expected a postgres:\/\//),
        expect.stringMatching(/^CONCUR_API_VERSION: expected one of 3\.0, 3\.1, 3\.2/),
        expect.stringMatching(/^LOG_LEVEL: expected one of/),
      ]),
    );
  });

  it('requires credentials with a real Concur and never echoes a value', () => {
    const problems = problemsOf({
      CONCUR_BASE_URL: 'https://us.api.concursolutions.com',
      CONCUR_CLIENT_SECRET: 'hunter2',
    });
    expect(problems).toEqual([expect.stringMatching(/^CONCUR_CLIENT_ID: required when CONCUR_BASE_URL is set/)]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('rejects a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT:/)]);
  });

  it('reads TRUST_PROXY as no proxy, a number of hops, or the proxies’ addresses', () => {
    expect(parseEnv({}).auth.trustProxy).toEqual({ kind: 'none' });
    expect(parseEnv({ TRUST_PROXY: 'true' }).auth.trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(parseEnv({ TRUST_PROXY: '2' }).auth.trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(parseEnv({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).auth.trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.5', '10.1.0.0/16'],
    });
    expect(problemsOf({ TRUST_PROXY: 'yes please' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: expected false, true/),
    ]);
  });
});
