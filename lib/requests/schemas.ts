import { z } from 'zod';
import {
  type ConnectionRequestStatus,
  concurOffsetSchema,
  connectionRequestStatuses,
  type OutcomeCode,
} from '@/lib/concur/model';
import type { DecisionSendState } from '@/lib/decisions/queries';
import type { PollStatus } from '@/lib/ledger/status';
import type { MatcherSummary } from './matcher-summary';

export type { PollStatus };

export const PAGE_SIZES = [5, 10] as const;

/** In a trail of visited offsets, the first page (which has no offset). */
export const FIRST_PAGE = '~';

/** URL search params arrive as string | string[]; a repeated param counts by its first value. */
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** An empty param is no param: `?offset=` simply opens the first page. */
function givenValue(value: unknown): unknown {
  const text = firstValue(value);
  return typeof text === 'string' && text.trim() === '' ? undefined : text;
}

/** Each part of the list's place, strictly: a value that is not one fails rather than falls back. */
const listFields = {
  status: z.preprocess((value) => {
    const text = givenValue(value);
    return typeof text === 'string'
      ? (connectionRequestStatuses.find((s) => s.toLowerCase() === text.trim().toLowerCase()) ?? text)
      : text;
  }, z.enum(connectionRequestStatuses).default('Pending')),
  offset: z.preprocess(givenValue, concurOffsetSchema.optional()),
  limit: z.preprocess(
    givenValue,
    z.coerce
      .number()
      .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
      .default(10),
  ),
  /**
   * The offsets of the pages before this one, oldest first (`~` for the first page): Concur
   * pages forward only, so going back needs the way we came.
   */
  back: z.preprocess(
    (value) => {
      const text = givenValue(value);
      return typeof text === 'string' ? text.split(',') : [];
    },
    z.array(z.union([z.literal(FIRST_PAGE), concurOffsetSchema])).max(1000),
  ),
};

/**
 * The list's place in Concur's queue, from the URL or a client call. A bad value falls back to
 * the default rather than failing, and is never sent to Concur: a mistyped or stale bookmark
 * still opens the list.
 */
export const requestListInput = z.object({
  status: listFields.status.catch('Pending'),
  offset: listFields.offset.catch(undefined),
  limit: listFields.limit.catch(10),
  back: listFields.back.catch([]),
});

export type RequestListInput = z.infer<typeof requestListInput>;

const isUsable = (field: keyof typeof listFields, params: Record<string, unknown>) =>
  listFields[field].safeParse(params[field]).success;

/**
 * The list's place from the page's URL, and what to tell the reader when part of it could not
 * be used. A bad offset or way back opens the first page, as a position in the queue is only
 * meaningful with the pages before it.
 */
export function readRequestListUrl(params: Record<string, unknown>): {
  location: RequestListInput;
  notice: string | null;
} {
  let location = requestListInput.parse(params);
  const notices: string[] = [];
  if (!isUsable('offset', params) || !isUsable('back', params)) {
    location = { ...location, offset: undefined, back: [] };
    notices.push('That link had a page position we could not use; showing the first page.');
  }
  if (!isUsable('status', params)) notices.push('That link asked for a status we do not know; showing Pending.');
  if (!isUsable('limit', params)) notices.push('That link asked for a page size we do not offer; showing 10 per page.');
  return { location, notice: notices.length > 0 ? notices.join(' ') : null };
}

/** What the browser may see of a connection request in a list: masked, and no request token. */
export type RequestRow = {
  id: string;
  /** "Last, First Middle", as staff scan lists by last name. */
  displayName: string;
  maskedLoyaltyNumber: string | null;
  emailCount: number;
  lastModified: string;
  status: ConnectionRequestStatus;
  /** What happened to it here, from our records: a decision, a live review, a recent opening. */
  activity: RequestActivity;
  /** The member its best candidate is, when that is a full `+LAST +LOYALTY` match (bulk connect). */
  fullMatchMemberId: string | null;
  /** What Auto-match decided or would decide, on the Pending tab; null where it never judged the request. */
  matcher: MatcherSummary | null;
};

export type RequestActivity = {
  decided: { outcomeCode: OutcomeCode; sendState: DecisionSendState; byName: string; at: string } | null;
  /** Someone else holds a live claim: they are reviewing it now. */
  reviewingBy: string | null;
  /** Another staff member opened it in the last few minutes. */
  openedBy: { name: string; at: string } | null;
};

export type RequestListResult =
  | {
      ok: true;
      rows: RequestRow[];
      offset: string | null;
      limit: number;
      /** The next page's offset in our records; null on the last page. */
      nextOffset: string | null;
      /** How many requests the tab holds, on every page. */
      total: number;
      /** When Concur's queue was last polled into our ledger, which the list is read from. */
      poll: PollStatus;
    }
  | {
      ok: false;
      /** What the user can do about it; details are in the server log under `correlationId`. */
      message: string;
      correlationId: string | null;
    };
