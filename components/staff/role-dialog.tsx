'use client';

import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { isRole } from '@/lib/roles';
import { changeStaffRole } from '@/lib/staff/actions';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { ChangeDialog } from './change-dialog';
import { formText, RoleField, roleLabels } from './form-fields';
import { useDialogChange } from './use-dialog-change';

export function RoleDialog({ member }: { member: StaffOverviewMember }) {
  const { execute, state } = useDialogChange(changeStaffRole);

  function submit(form: FormData) {
    const role = formText(form, 'role');
    const label = isRole(role) ? roleLabels[role] : role;
    execute(
      { staffId: member.id, role },
      { onSuccess: () => toast({ variant: 'success', title: `Role saved: ${member.name} is ${label}` }) },
    );
  }

  return (
    <ChangeDialog
      trigger={
        <Button variant="outline" size="sm">
          Change role<span className="sr-only"> of {member.name}</span>
        </Button>
      }
      title={`Change the role of ${member.name}`}
      description="The new role applies from their next step in the app; they stay signed in."
      submitLabel="Save role"
      state={state}
      onSubmit={submit}
    >
      <RoleField name="role" defaultValue={member.role ?? 'viewer'} error={state.failure?.fieldErrors.role} />
    </ChangeDialog>
  );
}
