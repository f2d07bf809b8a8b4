import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  await requirePagePermission('staff.manage');
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Staff</h1>
    </section>
  );
}
