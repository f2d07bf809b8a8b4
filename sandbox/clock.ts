import type { Database } from './db';

/**
 * The sandbox clock: real time plus an offset kept in the database, so tests and demos can jump
 * a day ahead and see requests requeue. The offset is read on every call rather than cached, so
 * `npm run sandbox:backlog` resetting the file is seen by a sandbox that is already running.
 */

export type Clock = {
  now(): Date;
  advance(seconds: number): Date;
};

const OFFSET_KEY = 'clock_offset_ms';

export function createClock(db: Database, realNow: () => number = Date.now): Clock {
  const read = db.prepare<[string], { value: string }>('select value from setting where key = ?');
  const write = db.prepare<[string, string]>(
    'insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  const offset = (): number => Number(read.get(OFFSET_KEY)?.value ?? 0);

  return {
    now: () => new Date(realNow() + offset()),
    advance(seconds) {
      write.run(OFFSET_KEY, String(offset() + Math.round(seconds * 1000)));
      return new Date(realNow() + offset());
    },
  };
}

/** Concur's timestamp format: UTC without a zone designator. */
export function concurTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
