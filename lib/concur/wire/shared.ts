import { z } from 'zod';
import {
  type ConcurOutcomeCode,
  type ConnectionRequest,
  type ConnectionRequestPage,
  type ConnectionRequestStatus,
  type CreatedConnectionRequest,
  concurOutcomeCodes,
  connectionRequestStatuses,
  statusAfterOutcome,
} from '../model';

/** One API version's wire shapes, each parsed straight into our model. */
export type WireVersion = {
  version: '3.0' | '3.1' | '3.2';
  list: z.ZodType<ConnectionRequestPage>;
  item: z.ZodType<ConnectionRequest>;
  created: z.ZodType<CreatedConnectionRequest>;
  putBody: (code: ConcurOutcomeCode) => Record<string, string>;
};

export const nullableText = z.string().nullish();

const statusByLowerCase = new Map(connectionRequestStatuses.map((status) => [status.toLowerCase(), status]));

export type ReportedStatus = { status: ConnectionRequestStatus; code: ConcurOutcomeCode | null };

/**
 * Concur writes `Pending`; the 2014 examples wrote `pending`: whatever the case. The v3.2 swagger also
 * lists the outcome codes as values of status, so a code is read as the status it leads to,
 * and kept.
 */
export const statusSchema = z.string().transform((value, ctx): ReportedStatus => {
  const text = value.trim();
  const status = statusByLowerCase.get(text.toLowerCase());
  if (status) return { status, code: null };
  const code = concurOutcomeCodes.find((c) => c === text.toUpperCase());
  if (code) return { status: statusAfterOutcome[code], code };
  ctx.addIssue({ code: 'custom', message: 'unknown connection request status', input: value });
  return z.NEVER;
});

/** Every request a list returns is in the queue: a code in its status is what it was last given. */
const asQueued = (request: ConnectionRequest): ConnectionRequest =>
  request.reportedCode ? { ...request, status: 'Pending' } : request;

/** Concur sends `YYYY-MM-DDTHH:MM:SS` in UTC with no zone; tolerate a zone or fraction if one appears. */
export const timestampSchema = z.string().transform((value, ctx) => {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a timestamp', input: value });
    return z.NEVER;
  }
  return date.toISOString();
});

/** The emails Concur filled in, in its order, without the empty slots. */
export function presentEmails(slots: (string | null | undefined)[]): string[] {
  return slots.filter((email): email is string => Boolean(email));
}

/** The offset is opaque (an integer today, a string in older eras); only NextPage says where to go. */
export function parseNextPage(nextPage: string | null | undefined): ConnectionRequestPage['next'] {
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

export function listSchema<T>(item: z.ZodType<T>, toModel: (wire: T) => ConnectionRequest) {
  return z.object({ Items: z.array(item).nullish(), NextPage: nullableText }).transform((wire) => ({
    items: (wire.Items ?? []).map((item) => asQueued(toModel(item))),
    next: parseNextPage(wire.NextPage),
  }));
}

/** POST's answer; deprecated in 3.2 ("poll for the recently created connection request"), so optional. */
export const createdSchema = z
  .object({ ID: z.string().min(1), URI: nullableText })
  .transform((wire) => ({ id: wire.ID, uri: wire.URI ?? null }));
