'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Info, RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { FailureNotice } from '@/components/ui/failure-notice';
import { Table, TableBody, TableCaption, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { type ConnectionRequestStatus, connectionRequestStatuses } from '@/lib/concur/model';
import { pollNow, refreshRequests } from '@/lib/requests/actions';
import { listHref, nextLocation, previousLocation } from '@/lib/requests/list-location';
import type { RequestListInput } from '@/lib/requests/schemas';
import { BulkConnectBar, useBulkSelection } from './bulk-connect-bar';
import { GoToRequest } from './go-to-request';
import { PollFailureNotice, PollStatusLine } from './poll-status';
import { RequestsPager } from './requests-pager';
import { requestsQuery } from './requests-query';
import { hasMatcherColumn, RequestsRows } from './requests-rows';
import { ShortcutsDialog } from './shortcuts-dialog';
import { StatusTabs } from './status-tabs';
import { useListShortcuts } from './use-list-shortcuts';
import { useRequests } from './use-requests';

/** A list slower than this gets a banner saying so, distinct from "unreachable" and "empty". */
const SLOW_AFTER_MS = 4000;

function useIsSlow(isFetching: boolean): boolean {
  const [isSlow, setIsSlow] = useState(false);
  useEffect(() => {
    if (!isFetching) {
      setIsSlow(false);
      return;
    }
    const timer = setTimeout(() => setIsSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [isFetching]);
  return isSlow;
}

/** What our ledger shows when a page is empty: never "Concur has none", which only a poll can tell. */
function emptyListText(status: ConnectionRequestStatus, isLaterPage: boolean): string {
  if (status === 'Pending') {
    return isLaterPage
      ? "No Pending requests on this page of Concur's queue at the last poll."
      : "No Pending requests in Concur's queue at the last poll.";
  }
  return isLaterPage ? 'No more requests here from our records.' : 'No requests here yet from our records.';
}

export function RequestsTable({
  location,
  notice,
  canDecide,
  canPoll,
}: {
  location: RequestListInput;
  /** Part of the link could not be used and fell back: said here, as the list shown is not what it asked for. */
  notice: string | null;
  canDecide: boolean;
  /** May ask for a poll of Concur's queue now (Poll now). */
  canPoll: boolean;
}) {
  const { query, poll, isFollowingPoll, followPoll, stopFollowingPoll } = useRequests(location);
  const queryClient = useQueryClient();
  const result = query.data;
  const isSlow = useIsSlow(query.isFetching);
  const tableRef = useRef<HTMLDivElement>(null);
  const goToRef = useRef<HTMLInputElement>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const nextOffset = result?.ok ? result.nextOffset : null;
  const previous = previousLocation(location);
  const tabHrefs = useMemo(
    () => connectionRequestStatuses.map((status) => listHref({ status, limit: location.limit })),
    [location.limit],
  );
  const onHelp = useCallback(() => setIsHelpOpen(true), []);
  // The list's fetch never counts as activity (it refetches by itself); a person's Refresh does,
  // and asks for a poll of Concur's queue, which the list then follows until it lands.
  const askForPoll = { onFailure: stopFollowingPoll, onSuccess: () => void query.refetch() };
  const refresh = useAction(refreshRequests, askForPoll);
  const pollNowAction = useAction(pollNow, askForPoll);
  const isRefreshing = query.isFetching || refresh.isPending || isFollowingPoll;
  const ask = (action: typeof refresh) => () => {
    followPoll();
    action.execute({});
  };
  const bulk = useBulkSelection(result?.ok ? result.rows : [], canDecide && location.status === 'Pending');
  const hasMatcher = result?.ok === true && hasMatcherColumn(result.rows);

  useListShortcuts({
    tableRef,
    goToRef,
    previousHref: previous ? listHref(previous) : null,
    nextHref: nextOffset ? listHref(nextLocation(location, nextOffset)) : null,
    tabHrefs,
    onHelp,
  });

  // The next page is usually the next thing asked for: have it ready.
  useEffect(() => {
    if (nextOffset) void queryClient.prefetchQuery(requestsQuery({ ...location, offset: nextOffset }));
  }, [queryClient, location, nextOffset]);

  return (
    <section aria-labelledby="requests-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="requests-heading" className="text-2xl font-semibold tracking-tight">
          {`${location.status} connection requests`}
        </h1>
        <div className="flex items-center gap-3 text-sm text-muted-foreground">
          <PollStatusLine
            poll={poll}
            isFollowing={isFollowingPoll}
            pollNow={canPoll ? { onClick: ask(pollNowAction), isPending: pollNowAction.isPending } : null}
          />
          <Button variant="outline" size="sm" onClick={ask(refresh)} disabled={isRefreshing}>
            <RefreshCw aria-hidden className={isRefreshing ? 'animate-spin' : undefined} />
            {isRefreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
          <Button variant="ghost" size="sm" onClick={onHelp} aria-keyshortcuts="?">
            Shortcuts
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <StatusTabs current={location.status} limit={location.limit} />
        <GoToRequest inputRef={goToRef} />
      </div>

      {notice && (
        <p role="status" className="flex gap-3 rounded-md border p-3 text-sm">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
          {notice}
        </p>
      )}

      {poll?.lastFailure && <PollFailureNotice failure={poll.lastFailure} />}

      {isSlow && (
        <p role="status" className="rounded-md border border-amber-500/50 bg-amber-500/10 p-3 text-sm">
          The list is slow to load. Still waiting; the list below is from the last answer.
        </p>
      )}

      {result && !result.ok && (
        <FailureNotice
          title="Could not load connection requests."
          message={result.message}
          reference={result.correlationId}
        />
      )}

      {result?.ok && result.rows.length === 0 && (
        <p className="rounded-md border border-dashed p-8 text-center text-muted-foreground">
          {emptyListText(location.status, Number(result.offset ?? 0) > 0)}
        </p>
      )}

      {result?.ok && result.rows.length > 0 && (
        <div ref={tableRef} className="grid gap-3">
          {bulk.selection && (
            <BulkConnectBar
              selectable={bulk.selectable}
              selected={bulk.selectedRows}
              onSelectAll={bulk.selectAll}
              onClear={bulk.clear}
              onFinished={bulk.clear}
            />
          )}
          <Table>
            <TableCaption className="sr-only">{location.status} connection requests, masked</TableCaption>
            <TableHeader>
              <TableRow>
                {bulk.selection && (
                  <TableHead>
                    <span className="sr-only">Select</span>
                  </TableHead>
                )}
                <TableHead>Name</TableHead>
                <TableHead>Loyalty number</TableHead>
                <TableHead>Verified emails</TableHead>
                <TableHead>Last modified</TableHead>
                <TableHead>Status</TableHead>
                {hasMatcher && <TableHead>Auto-match</TableHead>}
                <TableHead>Activity here</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              <RequestsRows rows={result.rows} selection={bulk.selection} hasMatcher={hasMatcher} />
            </TableBody>
          </Table>
        </div>
      )}

      {result?.ok && <RequestsPager location={location} nextOffset={result.nextOffset} total={result.total} />}
      <ShortcutsDialog isOpen={isHelpOpen} onOpenChange={setIsHelpOpen} />
    </section>
  );
}
