import fs from 'node:fs';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import type { MemberRecord } from '@/lib/members/import-schema';
import { WRITE_BATCH_SIZE, writeMemberBatch } from '@/lib/members/write-members';
import { memberBatches } from './members-data';

export function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** A new, migrated SQLite database of the app's schema, opened as the app opens it. */
export async function freshDb(file: string): Promise<Db> {
  removeDb(file);
  const db = createDb({ kind: 'sqlite', file });
  await migrateToLatest(db);
  return db;
}

/** Members `from` to `to` through the import's own writer, one transaction per 50,000. */
export async function writeGeneratedMembers(
  db: Db,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  const updatedAt = new Date().toISOString();
  const perTransaction = 50_000;
  for (let start = from; start < to; start += perTransaction) {
    const end = Math.min(to, start + perTransaction);
    await db.transaction().execute(async (trx) => {
      for (const batch of memberBatches(start, end, WRITE_BATCH_SIZE)) await writeMemberBatch(trx, batch, updatedAt);
    });
    onProgress?.(end - from);
  }
}

/** Already generated members in one transaction, batched exactly as importMembersCsv writes them. */
export async function writeRecords(db: Db, records: readonly MemberRecord[]): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < records.length; start += WRITE_BATCH_SIZE) {
      await writeMemberBatch(trx, records.slice(start, start + WRITE_BATCH_SIZE), updatedAt);
    }
  });
}
