import type { StaffOverviewMember } from '@/lib/staff/queries';
import { AddStaffDialog } from './add-staff-dialog';
import { StaffTable } from './staff-table';

export function StaffSection({
  members,
  viewerId,
  minPasswordLength,
}: {
  members: StaffOverviewMember[];
  viewerId: string;
  minPasswordLength: number;
}) {
  return (
    <section aria-labelledby="staff-heading" className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 id="staff-heading" className="text-2xl font-semibold tracking-tight">
            Staff
          </h1>
          <p className="text-sm text-muted-foreground">
            Who can sign in, with which role, and where they are signed in now.
          </p>
        </div>
        <AddStaffDialog minPasswordLength={minPasswordLength} />
      </div>
      <StaffTable members={members} viewerId={viewerId} minPasswordLength={minPasswordLength} />
    </section>
  );
}
