import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <section className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm text-muted-foreground">
        This address does not match a screen or a connection request. Check the link, or go back to the list of
        connection requests.
      </p>
      <div>
        <Button asChild>
          <Link href="/requests">Go to requests</Link>
        </Button>
      </div>
    </section>
  );
}
