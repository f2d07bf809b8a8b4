import fs from 'node:fs';
import { rotateTokenKey } from '@/lib/connections/rotate';
import { createDb, migrateToLatest } from '@/lib/db';
import { EnvError, parseEnv } from '@/lib/env';
import { reencryptLedger } from '@/lib/ledger/record';

/**
 * `npm run tokens -- rotate-key`: re-encrypts every stored traveller token under a new key
 * (see lib/connections/rotate.ts). Safe to run while the dashboard runs; safe to run again.
 */

const usage = `Usage: npm run tokens -- rotate-key
  Embedded mode (no TOKEN_ENCRYPTION_KEY): generates a new key in DATA_DIR/token-keys.json,
  re-encrypts every stored token under it and drops the old key.
  With TOKEN_ENCRYPTION_KEY: first move the old key to TOKEN_ENCRYPTION_PREVIOUS_KEYS and set a
  new TOKEN_ENCRYPTION_KEY (on every instance); this re-encrypts every token under the new key,
  after which TOKEN_ENCRYPTION_PREVIOUS_KEYS can be emptied.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.argv[2] !== 'rotate-key') fail(usage);
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const env = parseEnv(process.env);
  const db = createDb(env.database);
  try {
    await migrateToLatest(db);
    const showsProgress = process.stderr.isTTY;
    const result = await rotateTokenKey(db, env, {
      // The ledger's emails, loyalty numbers and request tokens are sealed under the same keys.
      alsoSealed: [reencryptLedger],
      onProgress: (done, total) => {
        if (showsProgress) process.stderr.write(`\rRe-encrypting ${done} of ${total}`);
      },
    });
    if (showsProgress) process.stderr.write('\n');
    process.stdout.write(`Tokens are now encrypted under key ${result.keyId} (${result.reencrypted} re-encrypted).\n`);
    if (result.stillNeededKeyIds.length > 0) {
      fail(`Some tokens are still under key(s) ${result.stillNeededKeyIds.join(', ')}: run rotate-key again.`);
    }
    if (env.tokenKeys && env.tokenKeys.previous.length > 0) {
      process.stdout.write('No token needs the previous keys any more: remove TOKEN_ENCRYPTION_PREVIOUS_KEYS.\n');
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) fail(error.message);
  fail(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
});
