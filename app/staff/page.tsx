import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Staff' };

export default function StaffPage() {
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Staff</h1>
      <p className="text-sm text-muted-foreground">Staff management arrives with staff sign-in.</p>
    </section>
  );
}
