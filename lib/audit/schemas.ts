import { z } from 'zod';
import { requestIdSchema } from '@/lib/concur/model';
import { type AuditAction, type AuditCategory, isAuditAction, isAuditCategory } from './describe';

export const AUDIT_PAGE_SIZE = 25;

/** What to search the audit log for. Days are UTC calendar days (YYYY-MM-DD), both inclusive. */
export type AuditFilter = {
  actorId?: string;
  category?: AuditCategory;
  action?: AuditAction;
  requestId?: string;
  from?: string;
  to?: string;
};

/** URL search params arrive as string | string[]; a repeated param counts by its first value. */
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** A present, well-formed value, or undefined: a bad one is dropped, as if it had not been given. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    const text = firstValue(value);
    return typeof text === 'string' && text.trim() === '' ? undefined : text;
  }, schema.optional().catch(undefined));
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // 2026-02-30 matches the pattern but is no day: the date must come back as itself.
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  });

export const DATE_RANGE_ERROR = 'The “From” date is after the “To” date, so no dates are applied. Change one of them.';

/**
 * The audit log's filter and page, from the URL. A bad value is dropped (or the page falls back
 * to 1) rather than failing: a mistyped or stale bookmark still opens the log. A range that ends
 * before it starts is kept, to show in the form, but flagged and not applied.
 */
export const auditSearchInput = z
  .object({
    who: optional(
      z
        .string()
        .trim()
        .regex(/^[\w-]{1,100}$/),
    ),
    what: optional(z.custom<AuditCategory | AuditAction>((value) => isAuditCategory(value) || isAuditAction(value))),
    request: optional(z.string().trim().pipe(requestIdSchema)),
    from: optional(day),
    to: optional(day),
    page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(100_000).default(1).catch(1)),
  })
  .transform((input) => ({
    ...input,
    dateRangeError: input.from && input.to && input.from > input.to ? DATE_RANGE_ERROR : null,
  }));

export type AuditSearchInput = z.output<typeof auditSearchInput>;

/** A URL's query as the page's searchParams hold it: the first of a repeated param wins there too. */
export function searchParamsRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) record[key] ??= value;
  return record;
}

/** What the URL asks to search for; the viewer's role narrows it further (lib/audit/search.ts). */
export function auditFilterOf(input: AuditSearchInput): AuditFilter {
  const filter: AuditFilter = {};
  if (input.who) filter.actorId = input.who;
  if (input.what && isAuditCategory(input.what)) filter.category = input.what;
  if (input.what && isAuditAction(input.what)) filter.action = input.what;
  if (input.request) filter.requestId = input.request;
  if (!input.dateRangeError) {
    if (input.from) filter.from = input.from;
    if (input.to) filter.to = input.to;
  }
  return filter;
}

function query(input: Partial<AuditSearchInput>): string {
  const search = new URLSearchParams();
  for (const key of ['who', 'what', 'request', 'from', 'to'] as const) {
    const value = input[key];
    if (value) search.set(key, value);
  }
  if (input.page && input.page > 1) search.set('page', String(input.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The log at this filter and page, as a URL; shared by the pager and the form. */
export function auditHref(input: Partial<AuditSearchInput>): string {
  return `/audit${query(input)}`;
}

/** The CSV export of everything this filter matches, every page. */
export function auditExportHref(input: Partial<AuditSearchInput>): string {
  return `/audit/export${query({ ...input, page: undefined })}`;
}

/** What the browser may see of one event: names and words, no staff ids or emails. */
export type AuditRow = {
  id: string;
  occurredAt: string;
  /** The raw action name, for the CSV and for an action this version has no words for. */
  action: string;
  actorName: string;
  /** What happened, as a sentence: "Revealed email 2". */
  what: string;
  requestId: string | null;
  details: { label: string; value: string }[];
};
