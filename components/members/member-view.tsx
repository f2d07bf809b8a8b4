import Link from 'next/link';
import { RelativeTime } from '@/components/requests/relative-time';
import type { MemberPage } from '@/lib/connections/queries';
import { lastNameFirst } from '@/lib/display-name';
import { ConnectionActions } from './connection-actions';
import { ConnectionStatusBadge } from './connection-status-badge';

/** A member of the supplier's loyalty programme and their Concur connections (tokens never shown). */
export function MemberView({ page, canDisconnect }: { page: MemberPage; canDisconnect: boolean }) {
  const { member, connections } = page;
  return (
    <div className="grid gap-8">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">Member {member.id}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{lastNameFirst(member)}</h1>
        <p className="text-sm text-muted-foreground">
          Loyalty number <span className="font-mono">{member.maskedLoyaltyNumber ?? 'none'}</span>
          {member.maskedEmails.length > 0 && (
            <>
              {' '}
              · emails <span className="font-mono">{member.maskedEmails.join(', ')}</span>
            </>
          )}
        </p>
      </header>
      <section aria-labelledby="connections-heading" className="grid gap-3">
        <h2 id="connections-heading" className="text-lg font-semibold">
          Concur connections
        </h2>
        {connections.length === 0 ? (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
            This member has no Concur connection made here.
          </p>
        ) : (
          <ol className="grid gap-3">
            {connections.map((connection) => (
              <li key={connection.id} className="grid gap-2 rounded-lg border p-4 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <ConnectionStatusBadge status={connection.status} />
                  <span>
                    Connected by {connection.connectedByName} <RelativeTime iso={connection.connectedAt} />, from{' '}
                    <Link
                      href={`/requests/${encodeURIComponent(connection.requestId)}`}
                      className="underline underline-offset-4"
                    >
                      request {connection.requestId.slice(0, 8)}
                    </Link>
                  </span>
                </div>
                {connection.status === 'needs-reconnect' && (
                  <p>Concur no longer accepts this connection: the traveller has to connect again from Concur.</p>
                )}
                {connection.endedAt && (
                  <p className="text-muted-foreground">
                    Disconnected by {connection.endedByName} <RelativeTime iso={connection.endedAt} />.
                  </p>
                )}
                {connection.status === 'connected' && (
                  <ConnectionActions connectionId={connection.id} canDisconnect={canDisconnect} />
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
