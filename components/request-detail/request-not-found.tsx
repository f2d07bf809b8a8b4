import { BackToRequests } from './back-to-requests';

export function RequestNotFound() {
  return (
    <section className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Connection request not found</h1>
      <p className="text-sm text-muted-foreground">
        No connection request with this ID has been seen in Concur&apos;s queue. A request created in Concur moments ago
        appears after the next poll.
      </p>
      <div>
        <BackToRequests variant="outline" />
      </div>
    </section>
  );
}
