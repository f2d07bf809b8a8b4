import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isInvalidGrant } from '@/lib/concur';
import type { ConcurClient } from '@/lib/concur/client';
import type { ConnectionRequest } from '@/lib/concur/model';
import { newEncryptionKey } from '@/lib/connections/crypto';
import { type Keyring, loadKeyring } from '@/lib/connections/keyring';
import { type ConnectionDeps, checkConnection, usableAccessToken } from '@/lib/connections/refresh';
import { rotateTokenKey } from '@/lib/connections/rotate';
import { connectionForDecision, getConnection, openTokens } from '@/lib/connections/vault';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import { decide } from '@/lib/decisions/decide';
import { getDecision } from '@/lib/decisions/store';
import { pollOnce } from '@/lib/ledger/poller';
import { reencryptLedger } from '@/lib/ledger/record';
import { toEntry } from '@/lib/ledger/store';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { testDatabases } from './support/databases';
import { addTestAgents, pendingRequests, testDecideDeps, testPollerDeps } from './support/decisions';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/**
 * Completing a TripLink connection against the real sandbox: the request token exchanged, the
 * traveller's tokens stored encrypted and usable, refreshed and rotated, re-encrypted under a
 * new key; an unusable request token turns the connect into CRRET.
 */

const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

function connectInput(request: ConnectionRequest, memberId = 'M100001') {
  return {
    requestId: request.id,
    loaded: { status: request.status, lastModified: request.lastModified },
    outcomeCode: 'CRSUC' as const,
    memberId,
    note: null,
  };
}

describe.each(testDatabases('connections'))('traveller connections on $name', (database) => {
  let db: Db;
  let sandbox: RunningSandbox;
  let concur: ConcurClient;
  let staff: { ana: string; ben: string };
  let nextPending: () => Promise<ConnectionRequest>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-vault-'));
  const keyring = () => loadKeyring({ dataDir, tokenKeys: null });
  const connectionDeps = (now?: () => Date): ConnectionDeps => ({
    db,
    keyring,
    concur,
    logger: pino({ level: 'silent' }),
    now,
  });

  /** Connects a fresh Pending request and returns its stored connection's id. */
  async function connectOne(): Promise<{ connectionId: string; request: ConnectionRequest }> {
    const request = await nextPending();
    await pollOnce(testPollerDeps(db, concur, { dataDir }));
    const result = await decide(testDecideDeps(db, concur, { dataDir }), staff.ana, connectInput(request));
    if (result.kind !== 'recorded') throw new Error(`not recorded: ${result.kind}`);
    expect(result.delivery).toMatchObject({ state: 'sent' });
    const connection = await connectionForDecision(db, result.decisionId);
    if (!connection) throw new Error('no connection stored');
    return { connectionId: connection.id, request };
  }

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([database.open(), startSandbox()]);
    concur = sandboxClient(sandbox.baseUrl, { timeoutMs: 2000 });
    staff = await addTestAgents(db, database.name);
    const control = sandboxControl(sandbox.baseUrl);
    nextPending = pendingRequests(concur, async (id) => (await control.request(id)).status === 'Pending');
  });
  afterAll(async () => {
    await sandbox.stop();
    await database.close(db);
  });

  it('connecting stores tokens that work: a call as the traveller succeeds', async () => {
    const { connectionId, request } = await connectOne();
    const row = await getConnection(db, connectionId);
    expect(row).toMatchObject({ status: 'connected', member_id: 'M100001', request_id: request.id });
    const tokens = await openTokens(db, keyring(), connectionId);
    if (!tokens) throw new Error('no tokens');
    expect(await concur.getTraveller(tokens)).toEqual({ userId: request.userId });
    expect((await sandboxControl(sandbox.baseUrl).request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRSUC']);
  });

  it('a request token that was used or expired: CRRET is sent instead, so Concur issues a new one', async () => {
    const request = await nextPending();
    await pollOnce(testPollerDeps(db, concur, { dataDir }));
    await sandboxControl(sandbox.baseUrl).spoilToken(request.id);
    const result = await decide(testDecideDeps(db, concur, { dataDir }), staff.ana, connectInput(request));
    expect(result).toMatchObject({ kind: 'recorded', delivery: { state: 'sent', sentInstead: 'CRRET' } });
    if (result.kind !== 'recorded') return;
    expect(await connectionForDecision(db, result.decisionId)).toBeUndefined();
    expect(await getDecision(db, result.decisionId)).toMatchObject({ outcome_code: 'CRSUC', sent_code: 'CRRET' });
    expect((await sandboxControl(sandbox.baseUrl).request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRRET']);
  });

  it('refreshes an expiring access token when used, and stores the rotated refresh token', async () => {
    const { connectionId } = await connectOne();
    const before = await openTokens(db, keyring(), connectionId);
    await sandboxControl(sandbox.baseUrl).advanceClock(2 * 3600);
    // Our own clock agrees that the access token is about to expire.
    const usable = await usableAccessToken(connectionDeps(later(58)), connectionId);
    expect(usable).toMatchObject({ ok: true, wasRefreshed: true });
    const after = await openTokens(db, keyring(), connectionId);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    // The old refresh token is spent; the stored one works.
    const stale = await concur
      .refreshTravellerTokens({ refreshToken: before?.refreshToken ?? '', geolocation: before?.geolocation ?? '' })
      .catch((error: unknown) => error);
    expect(isInvalidGrant(stale)).toBe(true);
    expect(await checkConnection(connectionDeps(), connectionId)).toEqual({ ok: true, wasRefreshed: false });
  });

  it('a revoked refresh token marks the connection as needing the traveller to reconnect', async () => {
    const { connectionId, request } = await connectOne();
    await sandboxControl(sandbox.baseUrl).revokeTokens(request.id);
    expect(await usableAccessToken(connectionDeps(later(58)), connectionId)).toEqual({
      ok: false,
      reason: 'needs-reconnect',
    });
    expect(await getConnection(db, connectionId)).toMatchObject({ status: 'needs-reconnect', key_id: null });
    expect(await openTokens(db, keyring(), connectionId)).toBeNull();
  });
});

/** What the ledger holds sealed, opened: to compare before and after, or to look for in the file. */
async function ledgerValues(db: Db, keyring: Keyring) {
  const rows = await db.selectFrom('ledger_request').selectAll().orderBy('request_id').execute();
  return rows.map((row) => {
    const { request } = toEntry(keyring, row, { withToken: true });
    return {
      id: request.id,
      emails: request.emails,
      loyaltyNumber: request.loyaltyNumber,
      requestToken: request.requestToken,
    };
  });
}

describe('token keys', () => {
  let sandbox: RunningSandbox;
  let concur: ConcurClient;
  let nextPending: () => Promise<ConnectionRequest>;
  /** Each test has its own database: rotation covers every row, whichever key sealed it. */
  let db: Db;
  let file: string;
  let staffId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    concur = sandboxClient(sandbox.baseUrl, { timeoutMs: 2000 });
    const control = sandboxControl(sandbox.baseUrl);
    nextPending = pendingRequests(concur, async (id) => (await control.request(id)).status === 'Pending');
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-keys-')), 'desk.sqlite');
    db = createDb({ kind: 'sqlite', file });
    await migrateToLatest(db);
    staffId = (await addTestAgents(db, 'SQLite')).ana;
  });
  afterEach(() => db.destroy());

  async function connectUnder(dataDir: string, tokenKeys: { current: string; previous: string[] } | null) {
    const request = await nextPending();
    const keyring = () => loadKeyring({ dataDir, tokenKeys });
    await pollOnce({ ...testPollerDeps(db, concur, { dataDir }), keyring });
    const deps = { ...testDecideDeps(db, concur), keyring };
    const result = await decide(deps, staffId, connectInput(request));
    if (result.kind !== 'recorded') throw new Error(result.kind);
    const connection = await connectionForDecision(db, result.decisionId);
    if (!connection) throw new Error('not stored');
    return connection.id;
  }

  it('embedded: rotate-key re-encrypts every row under a new key and the old key is dropped', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-embedded-'));
    const ids = [await connectUnder(dataDir, null), await connectUnder(dataDir, null)];
    const oldKeyId = loadKeyring({ dataDir, tokenKeys: null }).current.id;
    const tokensBefore = await Promise.all(
      ids.map((id) => openTokens(db, loadKeyring({ dataDir, tokenKeys: null }), id)),
    );

    const ledgerBefore = await ledgerValues(db, loadKeyring({ dataDir, tokenKeys: null }));

    const result = await rotateTokenKey(db, { dataDir, tokenKeys: null }, { alsoSealed: [reencryptLedger] });
    expect(result.keyId).not.toBe(oldKeyId);
    expect(result.retiredKeyIds).toEqual([oldKeyId]);
    const keyIds = await db
      .selectFrom('traveller_connection')
      .select('key_id')
      .distinct()
      .where('key_id', 'is not', null)
      .execute();
    expect(keyIds.map((row) => row.key_id)).toEqual([result.keyId]);
    // The ledger's sealed values moved too, and still open.
    const ledgerKeyIds = await db.selectFrom('ledger_request').select('key_id').distinct().execute();
    expect(ledgerKeyIds.map((row) => row.key_id)).toEqual([result.keyId]);
    expect(await ledgerValues(db, loadKeyring({ dataDir, tokenKeys: null }))).toEqual(ledgerBefore);
    // The key file holds only the new key, and every token still opens with it.
    const ring = loadKeyring({ dataDir, tokenKeys: null });
    expect([...ring.byId.keys()]).toEqual([result.keyId]);
    expect(await Promise.all(ids.map((id) => openTokens(db, ring, id)))).toEqual(tokensBefore);
  });

  it('from the environment: rows move to the new key, after which the previous key is not needed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-env-keys-'));
    const oldKey = newEncryptionKey().key.toString('base64');
    const newKey = newEncryptionKey().key.toString('base64');
    const id = await connectUnder(dataDir, { current: oldKey, previous: [] });
    const before = await openTokens(db, loadKeyring({ dataDir, tokenKeys: { current: oldKey, previous: [] } }), id);

    await rotateTokenKey(
      db,
      { dataDir, tokenKeys: { current: newKey, previous: [oldKey] } },
      { alsoSealed: [reencryptLedger] },
    );
    const newOnly = loadKeyring({ dataDir, tokenKeys: { current: newKey, previous: [] } });
    expect(await openTokens(db, newOnly, id)).toEqual(before);
    // The old key alone no longer opens it.
    await expect(
      openTokens(db, loadKeyring({ dataDir, tokenKeys: { current: oldKey, previous: [] } }), id),
    ).rejects.toThrow(/not configured/);
  });

  it('the database file never holds a token, an email or a loyalty number in clear text', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-scan-'));
    const ids = [await connectUnder(dataDir, null), await connectUnder(dataDir, null)];
    const ring = loadKeyring({ dataDir, tokenKeys: null });
    const secrets = (await Promise.all(ids.map((id) => openTokens(db, ring, id)))).flatMap((tokens) =>
      tokens ? [tokens.accessToken, tokens.refreshToken] : [],
    );
    expect(secrets).toHaveLength(4);
    // Everything the polls put in the ledger, as Concur sent it.
    const ledger = await ledgerValues(db, ring);
    expect(ledger.length).toBeGreaterThan(50);
    secrets.push(
      ...ledger
        .flatMap((entry) => [...entry.emails, entry.loyaltyNumber ?? '', entry.requestToken ?? ''])
        .filter((value) => value.length >= 8),
    );
    const bytes = Buffer.concat(
      [file, `${file}-wal`].filter((name) => fs.existsSync(name)).map((name) => fs.readFileSync(name)),
    );
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret)), 'a token in clear text').toBe(false);
      // Not even a recognisable piece of one.
      expect(bytes.includes(Buffer.from(secret.slice(0, 16))), 'part of a token in clear text').toBe(false);
    }
  });
});
