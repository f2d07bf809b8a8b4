import { RelativeTime } from '@/components/requests/relative-time';
import type { RequestHistoryEntry } from '@/lib/requests/history';

/** Who did what to this request, from our own records, newest first. */
export function RequestHistory({ entries }: { entries: RequestHistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading" className="grid content-start gap-2">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
      ) : (
        <ol aria-labelledby="history-heading" className="grid">
          {entries.map((entry) => (
            <li key={entry.id} className="grid gap-0.5 border-b py-2.5 text-sm last:border-0">
              <p>
                <span className="font-medium">{entry.actorName}</span> {entry.summary}
              </p>
              {entry.reason && <p className="text-muted-foreground">Reason: {entry.reason}</p>}
              <p className="text-xs text-muted-foreground">
                <RelativeTime iso={entry.occurredAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
