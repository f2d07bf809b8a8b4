import type { Metadata } from 'next';
import Link from 'next/link';
import { requireSignedIn } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'No access' };

export default async function NoAccessPage() {
  await requireSignedIn();
  return (
    <section className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your role does not open this screen</h1>
      <p className="text-sm text-muted-foreground">
        If your work needs it, ask an admin to change your role.{' '}
        <Link className="underline" href="/requests">
          Back to requests
        </Link>
      </p>
    </section>
  );
}
