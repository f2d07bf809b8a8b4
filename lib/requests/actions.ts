'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { fetchRequests } from './queries';
import { requestListInput } from './schemas';

/** The browser's way to list connection requests of one status, masked. */
export const listRequests = staffAction({
  permission: 'requests.read',
  input: requestListInput,
  isBackground: true,
  handler: (input, context) => fetchRequests(input, context.staff.id),
});

/**
 * A person asked for the list again (Refresh): unlike the list's own polling, that is their
 * activity, which staffAction records; the list itself is then fetched as usual.
 */
export const noteListActivity = staffAction({
  permission: 'requests.read',
  input: z.object({}).strict(),
  handler: async () => null,
});
