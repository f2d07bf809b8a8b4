'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { FormError, TextField } from '@/components/staff/form-fields';
import { Button } from '@/components/ui/button';
import { saveMatcherSettings } from '@/lib/matcher/actions';
import type { MatcherSettings, MatchPolicy } from '@/lib/matcher/settings';
import { PolicyField, policyLabel } from './policy-field';

const toMinutes = (ms: number) => Math.round((ms / 60_000) * 100) / 100;
const minutesWords = (minutes: number) => `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;

function savedText({ policy, holdMs, withdrawn }: { policy: MatchPolicy; holdMs: number; withdrawn: number }) {
  const saved = `Saved. Policy ${policyLabel(policy)}, hold window ${minutesWords(toMinutes(holdMs))}.`;
  if (withdrawn === 0) return saved;
  const which = withdrawn === 1 ? '1 held decision was' : `${withdrawn} held decisions were`;
  return `${saved} ${which} withdrawn: none of them goes to Concur, and their requests wait for staff.`;
}

/** A labelled checkbox with a line saying what turning it on does. */
function SwitchField({
  label,
  hint,
  isChecked,
  onChange,
}: {
  label: string;
  hint: string;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={isChecked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 size-4 accent-primary"
      />
      <div className="grid gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The matcher's policy, hold window and rule switches, saved together. Values fixed by an
 * environment variable are shown, not sent as changes (the server ignores them anyway).
 */
export function MatcherSettingsForm({
  settings,
  maxHoldMinutes,
  heldCount,
}: {
  settings: MatcherSettings;
  maxHoldMinutes: number;
  /** Held decisions now: leaving auto withdraws them. */
  heldCount: number;
}) {
  const id = useId();
  const [policy, setPolicy] = useState(settings.policy);
  const [holdText, setHoldText] = useState(String(toMinutes(settings.holdMs)));
  const [isEmailRuleOn, setIsEmailRuleOn] = useState(settings.isEmailRuleOn);
  const [isAutoFailOn, setIsAutoFailOn] = useState(settings.isAutoFailOn);
  const [saved, setSaved] = useState<string | null>(null);
  const holdRef = useRef<HTMLInputElement>(null);
  const { execute, isPending, failure } = useAction(saveMatcherSettings, {
    showFailureAs: 'inline',
    refresh: true,
    onFailure: ({ fieldErrors }) => {
      if (fieldErrors.holdMinutes) holdRef.current?.focus();
    },
  });
  const fieldErrors = failure?.fieldErrors ?? {};
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const isHoldFixed = settings.holdSource === 'env';
  const isWithdrawing = settings.policy === 'auto' && policy !== 'auto' && heldCount > 0;

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    // An empty field is no number at all: the server says so rather than reading it as 0.
    const holdMinutes = holdText.trim() === '' ? Number.NaN : Number(holdText);
    execute({ policy, holdMinutes, isEmailRuleOn, isAutoFailOn }, { onSuccess: (data) => setSaved(savedText(data)) });
  }

  return (
    // The server checks the hold's range and says so by the field, in words.
    <form onSubmit={save} noValidate aria-labelledby={`${id}-heading`} className="grid gap-6">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        How it decides
      </h3>
      <PolicyField
        value={policy}
        onChange={setPolicy}
        isFixed={settings.policySource === 'env'}
        error={fieldErrors.policy}
      />
      {isWithdrawing && (
        <p className="text-sm">
          Saving withdraws the {heldCount === 1 ? 'held decision' : `${heldCount} held decisions`}: none of them goes to
          Concur.
        </p>
      )}
      <div className="max-w-xs">
        <TextField
          label="Hold window (minutes)"
          name="holdMinutes"
          type="number"
          inputMode="decimal"
          min={0}
          max={maxHoldMinutes}
          step="any"
          ref={holdRef}
          value={holdText}
          onChange={(event) => setHoldText(event.target.value)}
          readOnly={isHoldFixed}
          className="read-only:bg-muted"
          hint={
            isHoldFixed
              ? 'Set by AUTO_MATCH_HOLD_MINUTES.'
              : `How long an automatic decision waits before it is sent, so staff can override it: 0 to ${maxHoldMinutes}, decimals allowed.`
          }
          error={fieldErrors.holdMinutes}
        />
      </div>
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">Rules</legend>
        <SwitchField
          label="Email rule (supplier without loyalty numbers)"
          hint="Also connect on last name and a verified email, when exactly one member has both and no other shares the email."
          isChecked={isEmailRuleOn}
          onChange={setIsEmailRuleOn}
        />
        <SwitchField
          label="Automatic CREU1 when no member matches"
          hint="Fail a request with CREU1 when no member shares its last name, loyalty number or email. Off: staff decide those too."
          isChecked={isAutoFailOn}
          onChange={setIsAutoFailOn}
        />
      </fieldset>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : 'Save'}
        </Button>
        <p role="status" className="text-sm">
          {saved}
        </p>
        <FormError>{hasFieldErrors ? 'Not saved: see the message by the field.' : failure?.error}</FormError>
      </div>
    </form>
  );
}
