import type { AuditRow } from './schemas';

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a
 * spreadsheet would take for a formula gets a leading apostrophe, so it stays text.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = ['When (UTC)', 'Who', 'What', 'Request ID', 'Details', 'Action'];

/** The same words as the screen; staff appear by name only, never by email. */
export function auditCsvLine(row: AuditRow): string {
  return csvLine([
    row.occurredAt,
    row.actorName,
    row.what,
    row.requestId ?? '',
    row.details.map((line) => `${line.label}: ${line.value}`).join('; '),
    row.action,
  ]);
}

/** audit-2026-03-01.csv, by the UTC day of the export. */
export function auditCsvFilename(now = new Date()): string {
  return `audit-${now.toISOString().slice(0, 10)}.csv`;
}
