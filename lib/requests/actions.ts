'use server';

import { staffAction } from '@/lib/auth/action';
import { fetchPendingRequests } from './queries';
import { requestListInput } from './schemas';

/** The browser's way to list Pending connection requests, masked. */
export const listPendingRequests = staffAction({
  permission: 'requests.read',
  input: requestListInput,
  handler: (input) => fetchPendingRequests(input),
});
