import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** One CSV record and the line it starts on, as an editor numbers lines. */
export type CsvRecord = { line: number; fields: string[] };

export class CsvReadError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'CsvReadError';
  }
}

/** Far above any member export we expect; keeps a wrong file from filling memory. */
const MAX_BYTES = 256 * 1024 * 1024;

/**
 * The whole file as text. Strict UTF-8: a spreadsheet saved as Latin-1 would otherwise turn
 * "Müller" into "M�ller" and quietly stop matching.
 */
export async function readCsvText(source: string | Readable): Promise<string> {
  let bytes: Buffer;
  if (typeof source === 'string') {
    if ((await fs.stat(source)).size > MAX_BYTES) throw new CsvReadError('The file is larger than 256 MB.', null);
    bytes = await fs.readFile(source);
  } else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw new TypeError('expected a byte stream');
      const buffer = Buffer.from(chunk);
      size += buffer.length;
      if (size > MAX_BYTES) throw new CsvReadError('The file is larger than 256 MB.', null);
      chunks.push(buffer);
    }
    bytes = Buffer.concat(chunks);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvReadError('The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.', null);
  }
}

/**
 * The records of a CSV text with their starting line. Line endings become \n first, because
 * csv-parse miscounts lines when a quoted field holds \r\n; its count is then right, and is
 * the line a record ends on, so the line breaks inside its fields are subtracted.
 */
export async function* readCsvRecords(text: string): AsyncGenerator<CsvRecord> {
  const parser = parse(text.replace(/\r\n?/g, '\n'), {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const innerBreaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
      yield { line: info.lines - innerBreaks, fields: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : null;
      throw new CsvReadError(`The file is not valid CSV: ${error.message}`, line);
    }
    throw error;
  }
}
