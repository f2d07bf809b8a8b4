import type { TestInfo } from '@playwright/test';
import { createDb, type Db } from '@/lib/db';
import { parseEnv } from '@/lib/env';

/** The database of the server this project runs against: tests move time or state there. */
export async function withServerDb<T>(testInfo: TestInfo, work: (db: Db) => Promise<T>): Promise<T> {
  const env = parseEnv(testInfo.project.metadata.env as Record<string, string>);
  const db = createDb(env.database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
