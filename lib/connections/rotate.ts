import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import type { Env } from '@/lib/env';
import { addEmbeddedKey, keepEmbeddedKeys, loadKeyring } from './keyring';
import { reencryptAll } from './vault';

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
  onProgress?: (done: number, total: number) => void,
): Promise<RotationResult> {
  const before = loadKeyring(env);
  const keyring = env.tokenKeys ? before : addEmbeddedKey(env);
  const { reencrypted, keyIdsInUse } = await reencryptAll(db, keyring, onProgress);
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
