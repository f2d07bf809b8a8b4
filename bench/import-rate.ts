import fs from 'node:fs';
import path from 'node:path';
import { importMembersCsv } from '@/lib/members/import';
import { freshDb, writeRecords } from './lib/member-db';
import { MEMBER_CSV_HEADER, memberAt, memberCsvLine } from './lib/members-data';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { since, summarize } from './lib/stats';
import { reportSection } from './lib/worker';

/**
 * 6. The members CSV import (importMembersCsv, as `npm run members -- import` runs it) of
 * 100,000 rows into an empty SQLite directory, against writing the same members through the
 * import's own writer with no file to read or check: the floor of the write itself.
 */

const ROWS = 100_000;
const DIR = path.join('data', 'bench');

async function main(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  const csvFile = path.join(DIR, `members-${ROWS}.csv`);
  const records = Array.from({ length: ROWS }, (_, i) => memberAt(i));
  fs.writeFileSync(csvFile, `${MEMBER_CSV_HEADER}\n${records.map(memberCsvLine).join('\n')}\n`);
  const dbFile = path.join(DIR, 'import.sqlite');

  const samples = await sampleInTurns(
    {
      write: async () => {
        const db = await freshDb(dbFile);
        try {
          const started = performance.now();
          await writeRecords(db, records);
          return since(started);
        } finally {
          await db.destroy();
        }
      },
      import: async () => {
        const db = await freshDb(dbFile);
        try {
          const started = performance.now();
          const result = await importMembersCsv(db, csvFile);
          const ms = since(started);
          if (!result.ok || result.added !== ROWS) throw new Error(`the import failed: ${JSON.stringify(result)}`);
          return ms;
        } finally {
          await db.destroy();
        }
      },
    },
    { warmup: 0, rounds: 3 },
  );
  const write = summarize(samples.write);
  const imported = summarize(samples.import);
  const rowsPerSecond = (ms: number) => ROWS / (ms / 1000);
  const section: Section = {
    id: 'import',
    title: `6. Import: members CSV, ${ROWS.toLocaleString('en')} rows into an empty SQLite directory`,
    baseline: 'the same members written by the import’s writer alone (no file read or checked)',
    rows: [
      {
        label: 'rows per second (median of 3)',
        baseline: rowsPerSecond(write.p50),
        figure: rowsPerSecond(imported.p50),
        unit: 'rows/s',
      },
      {
        label: 'seconds for the whole file (median of 3)',
        baseline: write.p50 / 1000,
        figure: imported.p50 / 1000,
        unit: 's',
      },
    ],
    notes: [`CSV of ${(fs.statSync(csvFile).size / 2 ** 20).toFixed(1)} MB`],
    data: { rows: ROWS, writeMs: write, importMs: imported },
  };
  reportSection(section);
}

await main();
