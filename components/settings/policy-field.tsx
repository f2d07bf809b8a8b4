import { useId } from 'react';
import type { MatchPolicy } from '@/lib/matcher/settings';

export const policyChoices = [
  { value: 'off', label: 'Off', meaning: 'Every request waits for staff.' },
  {
    value: 'shadow',
    label: 'Shadow',
    meaning:
      'Auto-match records what it would decide and sends nothing. Every staff decision is compared with it, so the agreement below shows whether to trust it.',
  },
  {
    value: 'auto',
    label: 'Auto',
    meaning:
      'Auto-match decides the requests its rules cover and sends each once the hold window ends; until then staff can override it.',
  },
] as const satisfies readonly { value: MatchPolicy; label: string; meaning: string }[];

export const policyLabel = (policy: MatchPolicy) => policyChoices.find((choice) => choice.value === policy)?.label;

/** The three policies as one radio group, each with what it means; fixed when AUTO_MATCH sets it. */
export function PolicyField({
  value,
  onChange,
  isFixed,
  error,
}: {
  value: MatchPolicy;
  onChange: (policy: MatchPolicy) => void;
  /** AUTO_MATCH sets the policy: shown, not changed here. */
  isFixed: boolean;
  error?: string;
}) {
  const id = useId();
  const describedBy = [error && `${id}-error`, isFixed && `${id}-fixed`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset disabled={isFixed} aria-describedby={describedBy} className="grid gap-3">
      <legend className="mb-1 text-sm font-medium">Policy</legend>
      {policyChoices.map((choice) => (
        <div key={choice.value} className="flex items-start gap-3">
          <input
            id={`${id}-${choice.value}`}
            type="radio"
            name="policy"
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
            aria-describedby={`${id}-${choice.value}-meaning`}
            className="mt-0.5 size-4 accent-primary"
          />
          <div className="grid gap-0.5">
            <label htmlFor={`${id}-${choice.value}`} className="text-sm font-medium">
              {choice.label}
            </label>
            <p id={`${id}-${choice.value}-meaning`} className="text-sm text-muted-foreground">
              {choice.meaning}
            </p>
          </div>
        </div>
      ))}
      {isFixed && (
        <p id={`${id}-fixed`} className="text-sm text-muted-foreground">
          Set by AUTO_MATCH: change that variable and restart to choose another policy.
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
