import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requirePagePermission('audit.read-own');
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="text-sm text-muted-foreground">
        Sign-ins, sign-outs and staff changes are recorded already; this screen to browse them arrives with decisions.
      </p>
    </section>
  );
}
