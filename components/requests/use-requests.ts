'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { hasPollAnswered, POLL_CHECK_MS, POLL_FOLLOW_MS, type PollMark, pollMark } from '@/lib/requests/poll-follow';
import type { RequestListInput } from '@/lib/requests/schemas';
import { requestsQuery } from './requests-query';

/**
 * The list, and the poll a person asked for (Refresh, Poll now): followed, the list is read every
 * second until a poll has finished since they asked (or Concur asked us to wait), for half a
 * minute at most, so a new request shows without another click.
 */
export function useRequests(page: Pick<RequestListInput, 'status' | 'offset' | 'limit'>) {
  const [asked, setAsked] = useState<PollMark | null>(null);
  const options = requestsQuery(page);
  const query = useQuery(asked ? { ...options, refetchInterval: POLL_CHECK_MS } : options);
  const poll = query.data?.ok ? query.data.poll : null;

  useEffect(() => {
    if (!asked) return;
    const timer = setTimeout(() => setAsked(null), POLL_FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [asked]);

  useEffect(() => {
    if (asked && poll && hasPollAnswered(poll, asked)) setAsked(null);
  }, [asked, poll]);

  return {
    query,
    poll,
    isFollowingPoll: asked !== null,
    followPoll: () => setAsked(pollMark(poll)),
    stopFollowingPoll: () => setAsked(null),
  };
}
