import fs from 'node:fs';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/store';
import { type Db, getDb } from '@/lib/db';
import { EnvError, getEnv } from '@/lib/env';
import { DEMO_MEMBERS_CSV } from '@/lib/members/demo';
import { type ImportProgress, type ImportResult, importMembersCsv } from '@/lib/members/import';
import { memberCsvColumns } from '@/lib/members/import-schema';

/**
 * `npm run members -- <command>`: load the supplier's loyalty members into the member
 * directory. Works on the same database as the app (DATA_DIR or DATABASE_URL, from .env too).
 */

const usage = `Usage: npm run members -- <command>
  import FILE.csv   add or update members from a CSV file with the header
                    ${memberCsvColumns.join(',')}
                    (emails separated by ";"). A file with any bad row changes nothing.
  seed-demo         load the demo members that go with the built-in Concur sandbox`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * A one-line bar on stderr, redrawn at most ten times a second; only on a terminal, so logs
 * and pipes get the summary alone. Hand-written: one bar does not warrant a dependency.
 */
function progressBar(stream: NodeJS.WriteStream): { update: (progress: ImportProgress) => void; clear: () => void } {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  let drawnAt = 0;
  const count = (n: number) => n.toLocaleString('en');
  return {
    update: ({ done, total }) => {
      if (Date.now() - drawnAt < 100 && done !== total) return;
      drawnAt = Date.now();
      if (total === null) {
        stream.write(`\r\x1b[KChecking the file… ${count(done)} rows`);
        return;
      }
      const width = 30;
      const filled = total === 0 ? width : Math.round((width * done) / total);
      stream.write(
        `\r\x1b[KWriting [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count(done)}/${count(total)}`,
      );
    },
    clear: () => stream.write('\r\x1b[K'),
  };
}

/** True when the file was imported; its problems are printed when it was not. */
async function runImport(db: Db, file: string, via: 'import' | 'seed-demo'): Promise<boolean> {
  const bar = progressBar(process.stderr);
  let result: ImportResult;
  try {
    result = await importMembersCsv(db, file, { onProgress: bar.update });
  } finally {
    bar.clear();
  }
  if (!result.ok) {
    const lines = result.problems.map(({ line, field, message }) => {
      const where = [line === null ? null : `line ${line}`, field].filter(Boolean).join(', ');
      return where ? `  ${where}: ${message}` : `  ${message}`;
    });
    const unlisted = result.badRowCount - new Set(result.problems.map((problem) => problem.line)).size;
    if (unlisted > 0) lines.push(`  …and ${unlisted} more bad row${unlisted === 1 ? '' : 's'}`);
    process.stderr.write(`${file} was not imported; nothing changed:\n${lines.join('\n')}\n`);
    return false;
  }
  await recordAuditEvent(db, {
    actor: null,
    action: 'members.imported',
    subjectType: 'member',
    detail: { added: result.added, updated: result.updated, total: result.total, via: 'cli', source: via },
  });
  process.stdout.write(
    `Imported ${result.total.toLocaleString('en')} members: ${result.added.toLocaleString('en')} added, ${result.updated.toLocaleString('en')} updated.\n`,
  );
  return true;
}

const commandInput = z.union([z.tuple([z.literal('import'), z.string().min(1)]), z.tuple([z.literal('seed-demo')])]);

async function main(): Promise<void> {
  // Same configuration as `npm start`, which reads .env the same way.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const args = commandInput.safeParse(process.argv.slice(2));
  if (!args.success) fail(usage);
  const [command, file = DEMO_MEMBERS_CSV] = args.data;
  if (!fs.existsSync(file)) fail(`No such file: ${file}`);
  if (command === 'seed-demo' && !getEnv().concur.isSandbox) {
    fail(
      'The demo members go with the Concur sandbox, but CONCUR_BASE_URL is set: this is a real directory. Nothing changed.',
    );
  }
  const db = await getDb();
  try {
    process.exitCode = (await runImport(db, file, command)) ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  fail(error instanceof EnvError ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`);
});
