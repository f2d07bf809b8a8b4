import { createHmac } from 'node:crypto';
import { decryptValue, type EncryptionKey, encryptValue } from '@/lib/connections/crypto';
import type { Keyring } from '@/lib/connections/keyring';
import { emailKey, loyaltyNumberKey } from '@/lib/members/normalise';

/**
 * How the ledger keeps what Concur tells us about a traveller: emails, the loyalty number and
 * the request token sealed with the token vault's keys (AES-256-GCM, bound to row and column),
 * and keyed hashes of the normalised values for exact lookups, so nothing is stored in clear.
 */

export type SealedColumn = 'loyalty_number' | 'emails' | 'request_token';
type HashedKind = 'loyalty' | 'email' | 'token';

const boundTo = (requestId: string, column: SealedColumn) => `ledger:${requestId}:${column}`;

export function sealValue(key: EncryptionKey, requestId: string, column: SealedColumn, plain: string): string {
  return encryptValue(plain, key, boundTo(requestId, column));
}

export function openValue(keyring: Keyring, keyId: string, requestId: string, column: SealedColumn, sealed: string) {
  const key = keyring.byId.get(keyId);
  if (!key) throw new Error(`token key ${keyId} is not configured: add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
  return decryptValue(sealed, key, boundTo(requestId, column));
}

/** A keyed hash: equal values under one key give equal hashes; without the key it tells nothing. */
function keyedHash(key: EncryptionKey, kind: HashedKind, value: string): string {
  return createHmac('sha256', key.key).update(`connection-desk ledger ${kind}\0`).update(value).digest('base64url');
}

export function loyaltyHash(key: EncryptionKey, loyaltyNumber: string | null): string | null {
  const normalised = loyaltyNumberKey(loyaltyNumber);
  return normalised === null ? null : keyedHash(key, 'loyalty', normalised);
}

export function emailHash(key: EncryptionKey, email: string): string {
  return keyedHash(key, 'email', emailKey(email));
}

export function tokenHash(key: EncryptionKey, token: string): string {
  return keyedHash(key, 'token', token);
}
