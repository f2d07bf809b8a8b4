import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { type ConcurClient, createConcurClient } from './client';

export type { ConcurClient, ListOptions, UpdateResult } from './client';
export { isOutcomeUnknown, MAX_PAGE_SIZE } from './client';
export { ConcurError } from './errors';
// Concur's vocabulary (statuses, outcome codes) is imported from './model' itself, which is browser-safe.
export type {
  ConnectionRequest,
  ConnectionRequestPage,
  ConnectionRequestStatus,
  CreatedConnectionRequest,
} from './model';
export type { TravellerTokens } from './traveller';
export { isInvalidGrant } from './traveller';

let client: ConcurClient | undefined;

/** The configured Concur (the real API or the sandbox), one client per server process. */
export function getConcurClient(): ConcurClient {
  client ??= createConcurClient(getEnv().concur, { logger: log.child({ component: 'concur' }) });
  return client;
}
