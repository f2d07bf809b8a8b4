import { z } from 'zod';

export const PAGE_SIZES = [5, 10] as const;

/**
 * The list's place in the queue, from the URL or a client call. A bad value falls back to the
 * default rather than failing: a mistyped or stale bookmark still opens the list.
 */
/** URL search params arrive as string | string[]; a repeated param counts by its first value. */
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const requestListInput = z.object({
  offset: z.preprocess(
    firstValue,
    z
      .string()
      .trim()
      .max(200)
      .regex(/^[\w.-]*$/)
      .transform((s) => (s === '' ? undefined : s))
      .optional()
      .catch(undefined),
  ),
  limit: z.preprocess(
    firstValue,
    z.coerce
      .number()
      .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
      .default(10)
      .catch(10),
  ),
});

export type RequestListInput = z.infer<typeof requestListInput>;

/** What the browser may see of a connection request in a list: masked, and no request token. */
export type RequestRow = {
  id: string;
  /** "Last, First Middle", as staff scan lists by last name. */
  displayName: string;
  maskedLoyaltyNumber: string | null;
  emailCount: number;
  lastModified: string;
  status: 'Pending' | 'Processing' | 'Connected' | 'Failed' | 'Retry';
};

export type RequestListResult =
  | {
      ok: true;
      rows: RequestRow[];
      offset: string | null;
      limit: number;
      /** The next page's offset, from Concur's NextPage. */
      nextOffset: string | null;
      fetchedAt: string;
    }
  | {
      ok: false;
      /** What the user can do about it; details are in the server log under `correlationId`. */
      message: string;
      correlationId: string | null;
    };
