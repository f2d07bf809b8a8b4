import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { connectionRequestUrl, createConcurClient } from './client';
import { ConcurError } from './errors';

const BASE = 'https://us.api.concursolutions.com';
const collection = new URL('/api/v3.2/common/connectionrequests/', BASE);
const GUID = '444f5142-2e5a-4ab9-9aad-da916af6fcd7';

describe('the URL of one connection request', () => {
  it('sits directly under the collection', () => {
    expect(connectionRequestUrl(collection, GUID).href).toBe(`${collection.href}${GUID}`);
    expect(connectionRequestUrl(collection, 'nVkXk0j3Yzk4LosUofRwPOvndJDo').pathname).toBe(
      '/api/v3.2/common/connectionrequests/nVkXk0j3Yzk4LosUofRwPOvndJDo',
    );
  });

  it('keeps what encoding can hold inside the collection, as one segment', () => {
    for (const id of ['%2e%2e', 'a/b', '../x', '?limit=10', '#x', 'http://evil.example/']) {
      const url = connectionRequestUrl(collection, id);
      expect(url.origin, id).toBe(collection.origin);
      expect(url.pathname, id).toBe(`${collection.pathname}${encodeURIComponent(id)}`);
      expect(url.search + url.hash, id).toBe('');
    }
  });

  it.each(['..', '.', ''])('refuses %j, which would leave the collection, with a ConcurError', (id) => {
    expect(() => connectionRequestUrl(collection, id)).toThrow(ConcurError);
  });
});

/** A Concur that hands out a token and answers 404 to everything else, recording each call. */
function fakeConcur() {
  const calls: URL[] = [];
  const fetchStub: typeof fetch = async (input) => {
    const url = new URL(String(input));
    calls.push(url);
    if (url.pathname === '/oauth2/v0/token') {
      return Response.json({ access_token: 'app-token', expires_in: '3600', geolocation: BASE });
    }
    return Response.json({ Error: { Message: 'Not found' } }, { status: 404 });
  };
  const env = parseEnv({
    CONCUR_BASE_URL: BASE,
    CONCUR_CLIENT_ID: 'id',
    CONCUR_CLIENT_SECRET: 'secret',
    CONCUR_API_VERSION: '3.2',
  });
  const client = createConcurClient(env.concur, { logger: pino({ level: 'silent' }), fetch: fetchStub });
  return { client, calls };
}

describe('the Concur client and request ids', () => {
  it.each(['..', '.', '%2e%2e', '../../oauth2/v0/token', 'a.b', 'a_b', ' ', '', 'x'.repeat(65)])(
    'refuses %j without calling Concur at all',
    async (id) => {
      const { client, calls } = fakeConcur();
      await expect(client.getConnectionRequest(id)).rejects.toBeInstanceOf(ConcurError);
      await expect(client.updateConnectionRequest(id, 'CRSUC')).rejects.toMatchObject({ kind: 'config' });
      expect(calls).toEqual([]);
    },
  );

  it('asks for a real id at its place in the collection', async () => {
    const { client, calls } = fakeConcur();
    expect(await client.getConnectionRequest(GUID)).toBeNull();
    expect(calls.map((url) => url.pathname)).toEqual([
      '/oauth2/v0/token',
      `/api/v3.2/common/connectionrequests/${GUID}`,
    ]);
  });
});
