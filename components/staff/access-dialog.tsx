'use client';

import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { setStaffMemberDisabled } from '@/lib/staff/actions';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { ChangeDialog } from './change-dialog';
import { useDialogChange } from './use-dialog-change';

/** Disable or enable an account, always after a confirmation that says what happens. */
export function AccessDialog({ member }: { member: StaffOverviewMember }) {
  const { execute, state } = useDialogChange(setStaffMemberDisabled);
  const isDisabling = !member.isDisabled;
  const verb = isDisabling ? 'Disable' : 'Enable';

  return (
    <ChangeDialog
      trigger={
        <Button variant="outline" size="sm">
          {verb}
          <span className="sr-only"> {member.name}</span>
        </Button>
      }
      title={`${verb} ${member.name}?`}
      description={
        isDisabling
          ? 'They can no longer sign in, and every session they have ends at once. You can enable them again later.'
          : 'They can sign in again with their current password.'
      }
      submitLabel={`${verb} account`}
      submitVariant={isDisabling ? 'destructive' : 'default'}
      state={state}
      onSubmit={() =>
        execute(
          { staffId: member.id, isDisabled: isDisabling },
          {
            onSuccess: () =>
              toast({ variant: 'success', title: `${member.name} is ${isDisabling ? 'disabled' : 'enabled'}` }),
          },
        )
      }
    />
  );
}
