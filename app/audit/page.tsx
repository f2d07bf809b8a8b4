import type { Metadata } from 'next';
import { AuditLog } from '@/components/audit/audit-log';
import { loadAuditLog } from '@/lib/audit/queries';
import { auditSearchInput } from '@/lib/audit/schemas';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Admins hold audit.read-own too; what each role reads is narrowed in lib/audit/search.ts.
  const { staff, permissions } = await requirePagePermission('audit.read-own');
  const input = auditSearchInput.parse(await searchParams);
  const log = await loadAuditLog({ staffId: staff.id, permissions }, input);
  return <AuditLog input={input} log={log} />;
}
