'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { getDb } from '@/lib/db';
import { requestPoll } from '@/lib/ledger/production';
import { pollStatus } from '@/lib/ledger/status';
import { fetchRequests } from './queries';
import { requestListInput } from './schemas';

const noInput = z.object({}).strict();

/** The browser's way to list connection requests of one status, masked, from our ledger. */
export const listRequests = staffAction({
  permission: 'requests.read',
  input: requestListInput,
  isBackground: true,
  handler: (input, context) => fetchRequests(input, context.staff.id),
});

/**
 * A person asked for fresh data (Refresh): whichever instance polls Concur's queue does so now.
 * Unlike the list's own refetching, that is their activity, which staffAction records. It never
 * waits for the poll: the screen follows it with `readPollStatus` or the list itself.
 */
export const refreshRequests = staffAction({
  permission: 'requests.read',
  input: noInput,
  handler: async () => {
    await requestPoll();
    return null;
  },
});

/** An administrator's "Poll now", beside the poll status: the same poll, asked for on purpose. */
export const pollNow = staffAction({
  permission: 'concur.poll',
  input: noInput,
  handler: async () => {
    await requestPoll();
    return null;
  },
});

/** Where polling stands, for a page following the poll it asked for: the page's own call, not activity. */
export const readPollStatus = staffAction({
  permission: 'requests.read',
  input: noInput,
  isBackground: true,
  handler: async () => pollStatus(await getDb()),
});
