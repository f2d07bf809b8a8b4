'use client';

import { useRef, useState } from 'react';
import { useAction, useRefresh } from '@/components/actions/use-action';
import { DECISION_UNANSWERED } from '@/components/decisions/use-decision-action';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { connectFullMatch } from '@/lib/decisions/actions';
import type { RequestRow } from '@/lib/requests/schemas';

type RowResult = { tone: 'success' | 'warning' | 'error'; message: string };

/**
 * Connects several full matches after one confirmation that lists them. They go one at a
 * time, each its own recorded decision: progress shows per row, and closing midway stops
 * before the next one, so nothing is sent twice and nothing half-sent.
 */
export function BulkConnectDialog({
  rows,
  isOpen,
  onOpenChange,
  onFinished,
}: {
  rows: RequestRow[];
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  onFinished: () => void;
}) {
  // Each row's answer is shown on its row; the screen is refreshed once, when the dialog is
  // done with (refreshing per row would drop connected rows from the list this dialog shows).
  const connect = useAction(connectFullMatch, { showFailureAs: 'inline', unanswered: DECISION_UNANSWERED });
  const refresh = useRefresh();
  const [results, setResults] = useState<Map<string, RowResult>>(new Map());
  const [isRunning, setIsRunning] = useState(false);
  const stopRef = useRef(false);
  const done = results.size;
  const isFinished = done > 0 && !isRunning;

  async function run() {
    setIsRunning(true);
    stopRef.current = false;
    for (const row of rows) {
      if (stopRef.current || !row.fullMatchMemberId) break;
      const settled = await connect.executeAsync({
        requestId: row.id,
        memberId: row.fullMatchMemberId,
        loaded: { status: row.status, lastModified: row.lastModified },
      });
      // On its way to sign-in: the rest would be refused too.
      if (settled.kind === 'signed-out') return;
      const outcome: RowResult =
        settled.kind === 'done'
          ? { tone: settled.data.tone, message: settled.data.message }
          : { tone: 'error', message: settled.failure.error };
      setResults((previous) => new Map(previous).set(row.id, outcome));
    }
    setIsRunning(false);
    // Closed midway: the list shows what was sent once the dialog is gone.
    if (stopRef.current) {
      setResults(new Map());
      refresh();
      onFinished();
    }
  }

  function close(open: boolean) {
    if (open) return;
    // Stops after the request in flight; that one completes on the server either way.
    stopRef.current = true;
    if (!isRunning) {
      if (results.size > 0) {
        refresh();
        onFinished();
      }
      setResults(new Map());
    }
    onOpenChange(false);
  }

  const sent = [...results.values()].filter((r) => r.tone === 'success').length;

  return (
    <Dialog open={isOpen} onOpenChange={close}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{`Connect ${rows.length} request${rows.length === 1 ? '' : 's'} to their matching members?`}</DialogTitle>
          <DialogDescription>
            Each is a full last name and loyalty number match. Concur emails every traveller that their account is
            connected. There is no undo.
          </DialogDescription>
        </DialogHeader>
        <ol className="grid max-h-80 gap-1 overflow-y-auto text-sm" aria-label="Requests to connect">
          {rows.map((row) => {
            const result = results.get(row.id);
            return (
              <li key={row.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 border-b py-1.5 last:border-0">
                <span>
                  {row.displayName} <span className="text-muted-foreground">→ member</span>{' '}
                  <span className="font-mono">{row.fullMatchMemberId}</span>
                </span>
                <span className="text-right">
                  {result
                    ? result.tone === 'success'
                      ? 'Connected'
                      : result.tone === 'warning'
                        ? 'Saved, not confirmed'
                        : 'Not sent'
                    : isRunning
                      ? 'Waiting'
                      : ''}
                </span>
                {result && result.tone !== 'success' && (
                  <span className="col-span-2 text-muted-foreground">{result.message}</span>
                )}
              </li>
            );
          })}
        </ol>
        {(isRunning || isFinished) && (
          <div className="grid gap-1">
            <div
              role="progressbar"
              aria-label="Connecting"
              aria-valuemin={0}
              aria-valuemax={rows.length}
              aria-valuenow={done}
              aria-valuetext={`${done} of ${rows.length} done`}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div className="h-full bg-primary transition-all" style={{ width: `${(done / rows.length) * 100}%` }} />
            </div>
            <p role="status" className="text-sm">
              {isRunning ? `${done} of ${rows.length} done…` : `Done: ${sent} of ${rows.length} connected.`}
            </p>
          </div>
        )}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => close(false)}>
            {isFinished ? 'Done' : isRunning ? 'Stop after this one' : 'Cancel'}
          </Button>
          {!isFinished && (
            <Button type="button" onClick={run} disabled={isRunning}>
              {isRunning ? 'Connecting…' : `Send CRSUC for ${rows.length}`}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
