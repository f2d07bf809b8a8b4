import { z } from 'zod';
import { type ConnectionRequestStatus, connectionRequestStatuses } from '../model';

const statusByLowerCase = new Map(connectionRequestStatuses.map((status) => [status.toLowerCase(), status]));

/** Concur writes `Pending`; the 2014 examples wrote `pending`. Accept any case. */
export function parseStatus(value: string): ConnectionRequestStatus {
  const status = statusByLowerCase.get(value.trim().toLowerCase());
  if (!status) {
    throw new z.ZodError([
      { code: 'custom', path: ['status'], message: `unknown connection request status`, input: value },
    ]);
  }
  return status;
}

/** Concur sends `YYYY-MM-DDTHH:MM:SS` in UTC with no zone; tolerate a zone or fraction if one appears. */
export function parseConcurTimestamp(value: string): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) {
    throw new z.ZodError([{ code: 'custom', path: ['lastModified'], message: 'not a timestamp', input: value }]);
  }
  return date.toISOString();
}

/** The offset is opaque (an integer today, a string in older eras); only NextPage says where to go. */
export function parseNextPage(nextPage: string | null | undefined): { offset: string; limit: number | null } | null {
  if (!nextPage) return null;
  let url: URL;
  try {
    url = new URL(nextPage, 'https://concur.invalid');
  } catch {
    return null;
  }
  const offset = url.searchParams.get('offset');
  const limit = Number(url.searchParams.get('limit'));
  if (offset === null || offset === '') return null;
  return { offset, limit: Number.isInteger(limit) && limit > 0 ? limit : null };
}
