import { Table, TableBody, TableCaption, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { StaffRow } from './staff-row';

export function StaffTable({
  members,
  viewerId,
  minPasswordLength,
}: {
  members: StaffOverviewMember[];
  viewerId: string;
  minPasswordLength: number;
}) {
  return (
    <Table>
      <TableCaption className="sr-only">Staff members, their access and their active sessions</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Name and email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Two-factor</TableHead>
          <TableHead>Sessions</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => (
          <StaffRow
            key={member.id}
            member={member}
            isViewer={member.id === viewerId}
            minPasswordLength={minPasswordLength}
          />
        ))}
      </TableBody>
    </Table>
  );
}
