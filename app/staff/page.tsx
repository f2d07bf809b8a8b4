import type { Metadata } from 'next';
import { StaffSection } from '@/components/staff/staff-section';
import { TwoFactorSetting } from '@/components/staff/two-factor-setting';
import { requirePagePermission } from '@/lib/auth/session';
import { getStaffOverview } from '@/lib/staff/queries';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const { staff, sessionId, permissions } = await requirePagePermission('staff.manage');
  const overview = await getStaffOverview({ staffId: staff.id, sessionId });
  return (
    <div className="grid gap-10">
      <StaffSection members={overview.members} viewerId={staff.id} minPasswordLength={overview.minPasswordLength} />
      {permissions.has('settings.manage') && (
        <TwoFactorSetting
          key={String(overview.isTwoFactorRequired)}
          isRequired={overview.isTwoFactorRequired}
          withoutTwoFactorCount={overview.withoutTwoFactorCount}
          viewerHasTwoFactor={overview.viewerHasTwoFactor}
        />
      )}
    </div>
  );
}
