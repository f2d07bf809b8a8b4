'use client';

import { type FormEvent, useId, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { setTwoFactorRequirement } from '@/lib/staff/actions';

function statusText(isRequired: boolean, withoutTwoFactorCount: number, viewerHasTwoFactor: boolean): string {
  const now = `Currently ${isRequired ? 'required' : 'not required'}.`;
  if (!isRequired && !viewerHasTwoFactor) {
    return `${now} Set up two-factor sign-in for your own account first: once it is required, staff without it can do nothing until they set it up.`;
  }
  if (withoutTwoFactorCount === 0) return `${now} Every active staff member has set up two-factor sign-in.`;
  const who =
    withoutTwoFactorCount === 1 ? '1 active staff member has' : `${withoutTwoFactorCount} active staff members have`;
  return `${now} ${who} not set up two-factor sign-in yet.`;
}

/**
 * The switch for requiring two-factor sign-in. After a save the page re-renders with the
 * stored value; the page keys this card by that value, so the checkbox starts from it again.
 */
export function TwoFactorSetting({
  isRequired,
  withoutTwoFactorCount,
  viewerHasTwoFactor,
}: {
  isRequired: boolean;
  /** Active staff who have not set up two-factor sign-in yet. */
  withoutTwoFactorCount: number;
  viewerHasTwoFactor: boolean;
}) {
  const id = useId();
  const [isChecked, setIsChecked] = useState(isRequired);
  const { execute, isPending } = useAction(setTwoFactorRequirement, { failureTitle: 'Not changed', refresh: true });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    execute(
      { isRequired: isChecked },
      {
        onSuccess: () =>
          toast({
            variant: 'success',
            title: isChecked ? 'Two-factor sign-in is now required' : 'Two-factor sign-in is no longer required',
            description: isChecked ? 'Staff without it are asked to set it up before anything else.' : undefined,
          }),
      },
    );
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="grid max-w-2xl gap-4 rounded-lg border bg-card p-6">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Sign-in settings
      </h2>
      <form onSubmit={save} className="grid gap-4">
        <div className="flex items-start gap-3">
          <input
            id={`${id}-checkbox`}
            type="checkbox"
            checked={isChecked}
            // Turning it on without two-factor of one's own would stop one's own work at once.
            disabled={!isChecked && !viewerHasTwoFactor}
            onChange={(event) => setIsChecked(event.target.checked)}
            aria-describedby={`${id}-status`}
            className="mt-0.5 size-4 accent-primary"
          />
          <div className="grid gap-1">
            <label htmlFor={`${id}-checkbox`} className="text-sm font-medium">
              Require two-factor sign-in for everyone
            </label>
            <p id={`${id}-status`} className="text-sm text-muted-foreground">
              {statusText(isRequired, withoutTwoFactorCount, viewerHasTwoFactor)}
            </p>
          </div>
        </div>
        <div>
          <Button type="submit" disabled={isPending || isChecked === isRequired}>
            {isPending ? 'Saving…' : 'Save setting'}
          </Button>
        </div>
      </form>
    </section>
  );
}
