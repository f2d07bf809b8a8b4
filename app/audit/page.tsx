import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="text-sm text-muted-foreground">The audit log arrives with staff sign-in.</p>
    </section>
  );
}
