import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '@/lib/data-dir';
import type { Env } from '@/lib/env';
import { type EncryptionKey, newEncryptionKey, toEncryptionKey } from './crypto';

/**
 * The keys tokens are encrypted under: the current one for writing, older ones only to read
 * rows not yet re-encrypted. From the environment (TOKEN_ENCRYPTION_KEY, shared by instances),
 * or in embedded mode from DATA_DIR/token-keys.json, generated on first use (mode 0600, in a
 * 0700 folder). The file is read on every use, so a `rotate-key` run is seen by a running server
 * at once.
 */

export type Keyring = { current: EncryptionKey; byId: ReadonlyMap<string, EncryptionKey> };

const KEY_FILE = 'token-keys.json';
/** Newest first: the first key is the current one. */
const keyFileSchema = z.object({ keys: z.array(z.string().min(1)).min(1) });

function ringOf(keys: EncryptionKey[]): Keyring {
  const [current] = keys;
  if (!current) throw new Error('a keyring needs a key');
  return { current, byId: new Map(keys.map((key) => [key.id, key])) };
}

export function keyFilePath(env: Pick<Env, 'dataDir'>): string {
  return path.join(env.dataDir, KEY_FILE);
}

const keyFileText = (keys: EncryptionKey[]) =>
  `${JSON.stringify({ keys: keys.map((k) => k.key.toString('base64')) }, null, 2)}\n`;

function writeKeyFile(file: string, keys: EncryptionKey[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writePrivateFile(temporary, keyFileText(keys));
  // A rename is atomic: a reader sees the old file or the new one, never half of one.
  fs.renameSync(temporary, file);
}

function readKeyFile(file: string): EncryptionKey[] | null {
  if (!fs.existsSync(file)) return null;
  const parsed = keyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a token key file`);
  return parsed.data.keys.map(toEncryptionKey);
}

export function loadKeyring(env: Pick<Env, 'dataDir' | 'tokenKeys'>): Keyring {
  if (env.tokenKeys) return ringOf([env.tokenKeys.current, ...env.tokenKeys.previous].map(toEncryptionKey));
  const file = keyFilePath(env);
  const existing = readKeyFile(file);
  if (existing) return ringOf(existing);
  const created = [newEncryptionKey()];
  try {
    // Exclusive create: of two processes starting together, one writes and both read its key.
    writePrivateFile(file, keyFileText(created), { isExclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return ringOf(readKeyFile(file) ?? created);
}

/** Embedded mode: a new current key, the old ones kept until nothing is encrypted under them. */
export function addEmbeddedKey(env: Pick<Env, 'dataDir'>): Keyring {
  const file = keyFilePath(env);
  const keys = [newEncryptionKey(), ...(readKeyFile(file) ?? [])];
  writeKeyFile(file, keys);
  return ringOf(keys);
}

/** Embedded mode: drops keys no row needs any more. */
export function keepEmbeddedKeys(env: Pick<Env, 'dataDir'>, keyIds: ReadonlySet<string>): void {
  const file = keyFilePath(env);
  const keys = readKeyFile(file) ?? [];
  const [current] = keys;
  writeKeyFile(
    file,
    keys.filter((key) => key === current || keyIds.has(key.id)),
  );
}
