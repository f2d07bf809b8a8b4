'use client';

import { Button } from '@/components/ui/button';
import { isRole } from '@/lib/auth/roles';
import { changeStaffRole } from '@/lib/staff/actions';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { ChangeDialog } from './change-dialog';
import { formText, RoleField, roleLabels } from './form-fields';
import { useDialogChange } from './use-staff-change';

export function RoleDialog({ member }: { member: StaffOverviewMember }) {
  const { run, close, state } = useDialogChange(changeStaffRole);

  function submit(form: FormData) {
    const role = formText(form, 'role');
    const label = isRole(role) ? roleLabels[role] : role;
    run({ staffId: member.id, role }, { title: `Role saved: ${member.name} is ${label}`, onDone: close });
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
