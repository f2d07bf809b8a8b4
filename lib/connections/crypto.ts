import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for travellers' tokens at rest. Each value gets its own random 96-bit nonce; the
 * authentication tag makes a tampered or swapped value fail to decrypt. The row and column it
 * belongs to are bound in as associated data, so a ciphertext copied to another row is refused.
 */

export type EncryptionKey = { id: string; key: Buffer };

/** A key's id is derived from it, so the id stored with a row names the key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('connection-desk token key id').update(key).digest('hex').slice(0, 16);
}

export function toEncryptionKey(base64: string): EncryptionKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('a token encryption key must be 32 bytes');
  return { id: keyIdOf(key), key };
}

export function newEncryptionKey(): EncryptionKey {
  const key = randomBytes(32);
  return { id: keyIdOf(key), key };
}

/** `nonce.tag.ciphertext`, each base64url. */
export function encryptValue(plain: string, key: EncryptionKey, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [nonce, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function decryptValue(sealed: string, key: EncryptionKey, boundTo: string): string {
  const [nonce, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!nonce || !tag || !body || nonce.length !== 12 || tag.length !== 16) throw new Error('not a sealed token');
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
