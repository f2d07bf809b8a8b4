'use client';

import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { resetStaffMemberPassword } from '@/lib/staff/actions';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { ChangeDialog } from './change-dialog';
import { formText, passwordHint, TextField } from './form-fields';
import { useDialogChange } from './use-dialog-change';

export function PasswordDialog({
  member,
  minPasswordLength,
}: {
  member: StaffOverviewMember;
  minPasswordLength: number;
}) {
  const { execute, state } = useDialogChange(resetStaffMemberPassword);

  function submit(form: FormData) {
    execute(
      { staffId: member.id, password: formText(form, 'password') },
      {
        onSuccess: () =>
          toast({
            variant: 'success',
            title: `New password set for ${member.name}`,
            description: 'Their sessions have ended. Tell them the new password in person or by phone.',
          }),
      },
    );
  }

  return (
    <ChangeDialog
      trigger={
        <Button variant="outline" size="sm">
          Reset password<span className="sr-only"> of {member.name}</span>
        </Button>
      }
      title={`Reset the password of ${member.name}`}
      description="Every session they have ends at once, and a lockout from failed attempts is lifted."
      submitLabel="Set new password"
      state={state}
      onSubmit={submit}
    >
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={passwordHint(minPasswordLength)}
        error={state.failure?.fieldErrors.password}
      />
    </ChangeDialog>
  );
}
