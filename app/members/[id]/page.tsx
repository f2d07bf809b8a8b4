import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MemberView } from '@/components/members/member-view';
import { requirePagePermission } from '@/lib/auth/session';
import { loadMemberPage } from '@/lib/connections/queries';
import { memberIdSchema } from '@/lib/members/member-id';

export const metadata: Metadata = { title: 'Member' };

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { permissions } = await requirePagePermission('members.read');
  const id = memberIdSchema.safeParse(decodeURIComponent((await params).id));
  const page = id.success ? await loadMemberPage(id.data) : null;
  if (!page) notFound();
  return <MemberView page={page} canDisconnect={permissions.has('connections.manage')} />;
}
