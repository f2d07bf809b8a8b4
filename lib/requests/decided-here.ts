import 'server-only';
import { z } from 'zod';
import { isAwaitingOutcome } from '@/lib/concur/model';
import { getDb } from '@/lib/db';
import { listDecisions } from '@/lib/decisions/queries';
import { listHref } from './list-location';
import type { RequestListInput } from './schemas';

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** `?decided=N`: the page of our own decisions under a Connected, Failed or Retry tab. */
export const decidedHereInput = z.object({
  decided: z.preprocess(firstValue, z.coerce.number().int().min(0).max(10_000).catch(0)),
});

/** The status tab's own decisions from our records; null for Pending and Processing, which await one. */
export async function listDecidedHere(location: RequestListInput, { decided }: z.infer<typeof decidedHereInput>) {
  const { status } = location;
  if (isAwaitingOutcome(status)) return null;
  const { items, hasMore } = await listDecisions(await getDb(), { leadingTo: status, page: decided });
  const base = listHref({ status, limit: location.limit });
  return {
    title: `${status} here: our decisions`,
    decisions: items,
    page: decided,
    hasMore,
    hrefForPage: (page: number) => (page === 0 ? base : `${base}${base.includes('?') ? '&' : '?'}decided=${page}`),
  };
}
