'use client';

import { UserPlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { addStaffMember } from '@/lib/staff/actions';
import { ChangeDialog } from './change-dialog';
import { formText, passwordHint, RoleField, TextField } from './form-fields';
import { useDialogChange } from './use-dialog-change';

export function AddStaffDialog({ minPasswordLength }: { minPasswordLength: number }) {
  const { execute, state } = useDialogChange(addStaffMember);
  const fieldErrors = state.failure?.fieldErrors ?? {};

  function submit(form: FormData) {
    const name = formText(form, 'name');
    const member = {
      email: formText(form, 'email'),
      name,
      role: formText(form, 'role'),
      password: formText(form, 'password'),
    };
    execute(member, {
      onSuccess: () =>
        toast({
          variant: 'success',
          title: `Added ${name.trim()}`,
          description: 'They can sign in now with the initial password you chose.',
        }),
    });
  }

  return (
    <ChangeDialog
      trigger={
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Add staff
        </Button>
      }
      title="Add a staff member"
      description="They sign in with this email address and the initial password you choose."
      submitLabel="Add staff member"
      state={state}
      onSubmit={submit}
    >
      <TextField label="Email" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
      <TextField label="Name" name="name" autoComplete="off" required error={fieldErrors.name} />
      <RoleField name="role" defaultValue="viewer" error={fieldErrors.role} />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={passwordHint(minPasswordLength)}
        error={fieldErrors.password}
      />
    </ChangeDialog>
  );
}
