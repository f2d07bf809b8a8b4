import { TriangleAlert } from 'lucide-react';

/** The one wording of the reference that finds a failure's cause in the server log. */
export function ReferenceForAdministrator({ reference }: { reference: string }) {
  return (
    <>
      Reference for your administrator: <span className="font-mono">{reference}</span>
    </>
  );
}

/**
 * Something the page asked for could not be had (Concur unreachable or answering with an
 * error, the member directory failing): what failed, what to do about it (`message`, written
 * on the server), and the reference to quote.
 */
export function FailureNotice({
  title,
  message,
  reference,
}: {
  /** What could not be done, when the message does not already say so. */
  title?: string;
  message: string;
  reference: string | null;
}) {
  return (
    <div role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm">
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        {title && <p className="font-medium">{title}</p>}
        <p>{message}</p>
        {reference && (
          <p className="text-muted-foreground">
            <ReferenceForAdministrator reference={reference} />
          </p>
        )}
      </div>
    </div>
  );
}
