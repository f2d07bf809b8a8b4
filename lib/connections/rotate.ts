import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import type { Env } from '@/lib/env';
import { addEmbeddedKey, type Keyring, keepEmbeddedKeys, loadKeyring } from './keyring';
import { reencryptAll } from './vault';

/**
 * Another table sealed under the same keys (the ledger): re-sealed under the current key, it
 * says which keys its rows still need. Passed in, so this folder does not depend on its owners.
 */
export type SealedStore = (db: Db, keyring: Keyring) => Promise<{ reencrypted: number; keyIdsInUse: Set<string> }>;

export type RotationResult = {
  keyId: string;
  reencrypted: number;
  /** Keys no row needs any more (embedded mode: already removed from the key file). */
  retiredKeyIds: string[];
  /** Keys some row still needs: a row could not be re-encrypted; run again. */
  stillNeededKeyIds: string[];
};

/**
 * `npm run tokens -- rotate-key`. Embedded mode: a new key is generated and becomes current,
 * every row is re-encrypted under it, and the old keys are dropped from the key file once no
 * row needs them. With TOKEN_ENCRYPTION_KEY: the operator has already set the new key (the old
 * one in TOKEN_ENCRYPTION_PREVIOUS_KEYS); every row is re-encrypted under it, after which the
 * previous keys can be removed from the configuration.
 */
export async function rotateTokenKey(
  db: Db,
  env: Pick<Env, 'dataDir' | 'tokenKeys'>,
  options: {
    /** Every other table sealed under these keys: a key one of them still needs is never dropped. */
    alsoSealed: SealedStore[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RotationResult> {
  const before = loadKeyring(env);
  const keyring = env.tokenKeys ? before : addEmbeddedKey(env);
  const vault = await reencryptAll(db, keyring, options.onProgress);
  let reencrypted = vault.reencrypted;
  const keyIdsInUse = new Set(vault.keyIdsInUse);
  for (const store of options.alsoSealed) {
    const other = await store(db, keyring);
    reencrypted += other.reencrypted;
    for (const id of other.keyIdsInUse) keyIdsInUse.add(id);
  }
  const stillNeeded = [...keyIdsInUse].filter((id) => id !== keyring.current.id);
  if (!env.tokenKeys) keepEmbeddedKeys(env, keyIdsInUse);
  const retired = [...keyring.byId.keys()].filter((id) => id !== keyring.current.id && !keyIdsInUse.has(id));
  await recordAuditEvent(db, {
    actor: null,
    action: 'tokens.key-rotated',
    detail: { keyId: keyring.current.id, reencrypted, retired: retired.length, via: 'cli' },
  });
  return { keyId: keyring.current.id, reencrypted, retiredKeyIds: retired, stillNeededKeyIds: stillNeeded };
}
