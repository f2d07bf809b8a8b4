import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addEmbeddedKey, keyFilePath, loadKeyring } from '@/lib/connections/keyring';
import { createDb, migrateToLatest } from '@/lib/db';
import { parseEnv } from '@/lib/env';
import { openDatabase } from '@/sandbox/db';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-data-dir-'));
  made.push(dir);
  return dir;
}

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

function staff(dataDir: string, options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/staff.ts', 'list'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 30_000,
    ...options,
  });
}

describe('files in DATA_DIR are the owner’s alone', () => {
  it('creates DATA_DIR 0700 and the database, its WAL and SHM 0600, leaving folders it found as they were', async () => {
    const found = scratch();
    fs.chmodSync(found, 0o755);
    const dataDir = path.join(found, 'e2e', 'sqlite');
    const { database } = parseEnv({ DATA_DIR: dataDir });
    if (database.kind !== 'sqlite') throw new Error('expected SQLite');
    const db = createDb(database);
    await migrateToLatest(db);
    const modes = {
      found: modeOf(found),
      created: modeOf(path.join(found, 'e2e')),
      dataDir: modeOf(dataDir),
      database: modeOf(database.file),
      wal: modeOf(`${database.file}-wal`),
      shm: modeOf(`${database.file}-shm`),
    };
    await db.destroy();
    expect(modes).toEqual({ found: '755', created: '700', dataDir: '700', database: '600', wal: '600', shm: '600' });
  });

  it('keeps the generated token key file 0600 in a 0700 folder, also after a key is added', () => {
    const dataDir = path.join(scratch(), 'data');
    loadKeyring({ dataDir, tokenKeys: null });
    expect([modeOf(dataDir), modeOf(keyFilePath({ dataDir }))]).toEqual(['700', '600']);
    addEmbeddedKey({ dataDir });
    expect(modeOf(keyFilePath({ dataDir }))).toBe('600');
  });

  it('creates the sandbox’s own database 0600 in a 0700 folder', () => {
    const dataDir = path.join(scratch(), 'data');
    const file = path.join(dataDir, 'sandbox.sqlite');
    const db = openDatabase(file);
    const modes = [modeOf(dataDir), modeOf(file), modeOf(`${file}-wal`)];
    db.close();
    expect(modes).toEqual(['700', '600', '600']);
  });
});

describe('start-up on a DATA_DIR that others can read', () => {
  it('makes the folder 0700 and its files 0600 when it is ours, and says so in the log', () => {
    const dataDir = scratch();
    expect(staff(dataDir).status).toBe(0);
    // What an older version, or a careless copy, leaves behind.
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'connection-desk.sqlite'), 0o644);
    fs.writeFileSync(path.join(dataDir, 'token-keys.json'), '{"keys":[]}\n', { mode: 0o644 });
    fs.mkdirSync(path.join(dataDir, 'e2e'), { mode: 0o755 });

    const result = staff(dataDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"event":"data-dir.tightened"');
    expect({
      dataDir: modeOf(dataDir),
      database: modeOf(path.join(dataDir, 'connection-desk.sqlite')),
      keys: modeOf(path.join(dataDir, 'token-keys.json')),
      // Another DATA_DIR's own business; closed to others by its parent anyway.
      subfolder: modeOf(path.join(dataDir, 'e2e')),
    }).toEqual({ dataDir: '700', database: '600', keys: '600', subfolder: '755' });
  });

  it('stops when the folder is not ours to tighten, naming it and the command that fixes it', () => {
    // A folder open to others that belongs to someone else: root hands one of its own to the
    // nobody account; anyone else finds /tmp.
    const isRoot = process.getuid?.() === 0;
    const dataDir = isRoot ? scratch() : '/tmp';
    if (isRoot) fs.chmodSync(dataDir, 0o777);
    const result = staff(dataDir, isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${dataDir} (DATA_DIR) can be read or written by other users`);
    expect(result.stderr).toContain(`chmod -R go-rwx ${dataDir}`);
    expect(fs.existsSync(path.join(dataDir, 'connection-desk.sqlite'))).toBe(false);
  });
});
