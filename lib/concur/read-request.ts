import 'server-only';
import { cache } from 'react';
import { getConcurClient } from '.';
import { type ConnectionRequest, requestIdSchema } from './model';

/**
 * One connection request, raw, for server code that must see it whole (a reveal). Null when
 * the id is malformed (Concur is not asked) or Concur does not know it. Read once per page
 * render, however many parts of the page ask; a server action reads it afresh.
 */
export const readConnectionRequest = cache(async (id: string): Promise<ConnectionRequest | null> => {
  const parsed = requestIdSchema.safeParse(id);
  if (!parsed.success) return null;
  return getConcurClient().getConnectionRequest(parsed.data);
});
