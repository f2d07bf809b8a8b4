'use server';

import { fetchPendingRequests } from './queries';
import { type RequestListResult, requestListInput } from './schemas';

/**
 * The browser's way to list Pending connection requests. Open to signed-out visitors until
 * staff sign-in lands (issue 4), which adds the session and role check as the first line here.
 */
export async function listPendingRequests(input: unknown): Promise<RequestListResult> {
  return fetchPendingRequests(requestListInput.parse(input ?? {}));
}
