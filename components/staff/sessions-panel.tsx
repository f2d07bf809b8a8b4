'use client';

import { useId, useRef } from 'react';
import { useAction } from '@/components/actions/use-action';
import { RelativeTime } from '@/components/requests/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { endStaffSession } from '@/lib/staff/actions';
import type { StaffOverviewMember, StaffSession } from '@/lib/staff/queries';

function address(session: StaffSession): string {
  return session.ipAddress ?? 'Unknown address';
}

/** One member's active sessions; any but the admin's own current one can be ended here. */
export function SessionsPanel({ member }: { member: StaffOverviewMember }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { execute, isPending } = useAction(endStaffSession, { failureTitle: 'Not changed', refresh: true });

  function end(session: StaffSession) {
    execute(
      { sessionId: session.id },
      {
        onSuccess: () => {
          toast({
            variant: 'success',
            title: 'Session ended',
            description: `${member.name} has to sign in again on ${session.device}.`,
          });
          // The ended row and its button go away; keep the keyboard in this panel.
          headingRef.current?.focus();
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="grid gap-2 rounded-md border bg-muted/40 p-3">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold">
        Active sessions of {member.name}
      </h2>
      {member.sessions.length === 0 ? (
        <p className="text-sm text-muted-foreground">No active sessions.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Device</TableHead>
              <TableHead>Address</TableHead>
              <TableHead>Signed in</TableHead>
              <TableHead>Last active</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {member.sessions.map((session) => (
              <TableRow key={session.id}>
                <TableCell>{session.device}</TableCell>
                <TableCell className="font-mono text-xs">{address(session)}</TableCell>
                <TableCell>
                  <RelativeTime iso={session.createdAt} />
                </TableCell>
                <TableCell>
                  <RelativeTime iso={session.lastActiveAt} />
                </TableCell>
                <TableCell className="text-right">
                  {session.isCurrent ? (
                    <Badge variant="secondary">This session</Badge>
                  ) : (
                    <Button variant="outline" size="sm" disabled={isPending} onClick={() => end(session)}>
                      End session
                      <span className="sr-only">
                        {' '}
                        on {session.device} from {address(session)}
                      </span>
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
