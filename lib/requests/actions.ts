'use server';

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
