import type { Readable } from 'node:stream';
import type { Db } from '@/lib/db';
import { noteMembersChanged } from '@/lib/settings/store';
import { CsvReadError, type CsvRecord, readCsvRecords, readCsvText } from './csv-records';
import { type MemberCsvColumn, type MemberRecord, memberCsvColumns, memberCsvRowSchema } from './import-schema';
import { slices, WRITE_BATCH_SIZE, writeMemberBatch } from './write-members';

/**
 * `member_id,first_name,middle_name,last_name,loyalty_number,emails` in, members added or
 * updated out. The whole file is checked before anything is written, and then written in one
 * transaction: a file is applied completely or not at all. Members missing from the file stay.
 */

export type ImportProblem = {
  /** The line the row starts on (the header is line 1); null for a problem with the whole file. */
  line: number | null;
  field: MemberCsvColumn | null;
  message: string;
};

export type ImportProgress = { phase: 'checking' | 'writing'; done: number; total: number | null };
export type ImportOptions = { onProgress?: (progress: ImportProgress) => void; now?: Date };

export type ImportResult =
  | { ok: true; added: number; updated: number; total: number }
  | { ok: false; problems: ImportProblem[]; badRowCount: number };

/** Enough to show what is wrong with a file without burying it. */
export const MAX_REPORTED_PROBLEMS = 20;
/** Members held in memory while the file is checked; a larger file must be split. */
export const MAX_ROWS = 1_000_000;

type Checked = { members: MemberRecord[]; problems: ImportProblem[]; badRowCount: number };

type ColumnIndexes = Map<MemberCsvColumn, number>;

const expectedHeader = `The header must be ${memberCsvColumns.join(',')}`;

function readHeader(header: CsvRecord): { indexes: ColumnIndexes } | { problem: ImportProblem } {
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = memberCsvColumns.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !(memberCsvColumns as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0 || names.length !== memberCsvColumns.length) {
    const found =
      missing.length > 0 ? `missing ${missing.join(', ')}` : `unexpected ${unknown.join(', ') || 'columns'}`;
    return { problem: { line: header.line, field: null, message: `${expectedHeader} (${found}).` } };
  }
  return { indexes: new Map(memberCsvColumns.map((column) => [column, names.indexOf(column)])) };
}

function rowObject(record: CsvRecord, indexes: ColumnIndexes): Record<MemberCsvColumn, string> {
  const value = (column: MemberCsvColumn) => record.fields[indexes.get(column) ?? -1] ?? '';
  return {
    member_id: value('member_id'),
    first_name: value('first_name'),
    middle_name: value('middle_name'),
    last_name: value('last_name'),
    loyalty_number: value('loyalty_number'),
    emails: value('emails'),
  };
}

/** The member a row describes, or what is wrong with it. `firstLineById` remembers ids across rows. */
function checkRow(
  record: CsvRecord,
  indexes: ColumnIndexes,
  firstLineById: Map<string, number>,
): MemberRecord | ImportProblem[] {
  if (record.fields.length !== indexes.size) {
    const message = `has ${record.fields.length} fields; expected ${indexes.size}`;
    return [{ line: record.line, field: null, message }];
  }
  const row = rowObject(record, indexes);
  // Ids count even in a bad row, so fixing that row cannot reveal a duplicate on the next try.
  const id = row.member_id.trim();
  const firstLine = firstLineById.get(id);
  if (id !== '' && firstLine === undefined) firstLineById.set(id, record.line);
  const problems: ImportProblem[] =
    firstLine === undefined
      ? []
      : [{ line: record.line, field: 'member_id', message: `repeats the member id of line ${firstLine}` }];
  const parsed = memberCsvRowSchema.safeParse(row);
  if (parsed.success) return problems.length > 0 ? problems : parsed.data;
  for (const issue of parsed.error.issues) {
    const [column, item] = issue.path;
    const field = memberCsvColumns.find((name) => name === column) ?? null;
    const position = typeof item === 'number' ? `address ${item + 1} ` : '';
    problems.push({ line: record.line, field, message: `${position}${issue.message}` });
  }
  return problems;
}

const fileProblem = (message: string): Checked => ({
  members: [],
  problems: [{ line: null, field: null, message }],
  badRowCount: 0,
});

async function checkFile(text: string, onProgress: ImportOptions['onProgress']): Promise<Checked> {
  const checked: Checked = { members: [], problems: [], badRowCount: 0 };
  const firstLineById = new Map<string, number>();
  let indexes: ColumnIndexes | undefined;
  let rows = 0;
  for await (const record of readCsvRecords(text)) {
    if (indexes === undefined) {
      const header = readHeader(record);
      if ('problem' in header) return { members: [], problems: [header.problem], badRowCount: 0 };
      indexes = header.indexes;
      continue;
    }
    rows += 1;
    if (rows > MAX_ROWS) {
      return fileProblem(
        `The file has more than ${MAX_ROWS.toLocaleString('en')} members; split it into smaller files.`,
      );
    }
    const result = checkRow(record, indexes, firstLineById);
    if (Array.isArray(result)) {
      checked.badRowCount += 1;
      checked.problems.push(...result.slice(0, MAX_REPORTED_PROBLEMS - checked.problems.length));
    } else {
      checked.members.push(result);
    }
    if (rows % WRITE_BATCH_SIZE === 0) onProgress?.({ phase: 'checking', done: rows, total: null });
  }
  return indexes === undefined ? fileProblem(`The file is empty. ${expectedHeader}.`) : checked;
}

export async function importMembersCsv(
  db: Db,
  source: string | Readable,
  { onProgress, now = new Date() }: ImportOptions = {},
): Promise<ImportResult> {
  let checked: Checked;
  try {
    checked = await checkFile(await readCsvText(source), onProgress);
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    return { ok: false, problems: [{ line: error.line, field: null, message: error.message }], badRowCount: 0 };
  }
  if (checked.problems.length > 0) {
    return { ok: false, problems: checked.problems, badRowCount: checked.badRowCount };
  }
  const total = checked.members.length;
  const updatedAt = now.toISOString();
  const counts = await db.transaction().execute(async (trx) => {
    let added = 0;
    let updated = 0;
    onProgress?.({ phase: 'writing', done: 0, total });
    for (const batch of slices(checked.members, WRITE_BATCH_SIZE)) {
      const written = await writeMemberBatch(trx, batch, updatedAt);
      added += written.added;
      updated += written.updated;
      onProgress?.({ phase: 'writing', done: added + updated, total });
    }
    if (added + updated > 0) await noteMembersChanged(trx, new Date().toISOString());
    return { added, updated };
  });
  return { ok: true, ...counts, total };
}
