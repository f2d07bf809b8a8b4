'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { actionsIn, auditActions, auditCategories, auditCategoryLabels } from '@/lib/audit/describe';
import type { AuditSearchInput } from '@/lib/audit/schemas';
import { cn } from '@/lib/cn';

const controlClass = 'h-9 rounded-md border border-input bg-background px-3 text-sm aria-invalid:border-destructive';
const DATES_HINT_ID = 'audit-dates-hint';
const DATES_ERROR_ID = 'audit-dates-error';

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A plain GET form, so the URL holds the filter and it works before the page hydrates. Once
 * hydrated it leaves empty fields out of the URL, so a shared link says only what was chosen.
 */
export function AuditFilters({
  input,
  actors,
}: {
  input: AuditSearchInput;
  /** The "who" choices; null for staff who read only their own events. */
  actors: { id: string; name: string }[] | null;
}) {
  const router = useRouter();
  const datesInvalid = input.dateRangeError ? true : undefined;
  const datesDescribedBy = input.dateRangeError ? `${DATES_ERROR_ID} ${DATES_HINT_ID}` : DATES_HINT_ID;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') search.set(name, value.trim());
    }
    const query = search.toString();
    router.push(query ? `/audit?${query}` : '/audit');
  }

  return (
    <search aria-label="Filter the audit log">
      <form method="get" action="/audit" onSubmit={apply} className="grid gap-3">
        <div className="flex flex-wrap items-end gap-3">
          {actors && (
            <Field id="audit-who" label="Who">
              <select id="audit-who" name="who" defaultValue={input.who ?? ''} className={cn(controlClass, 'w-48')}>
                <option value="">Everyone</option>
                {actors.map((actor) => (
                  <option key={actor.id} value={actor.id}>
                    {actor.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="audit-what" label="What">
            <select id="audit-what" name="what" defaultValue={input.what ?? ''} className={cn(controlClass, 'w-60')}>
              <option value="">All events</option>
              {auditCategories.map((category) => (
                <optgroup key={category} label={auditCategoryLabels[category]}>
                  <option value={category}>{`All ${auditCategoryLabels[category].toLowerCase()}`}</option>
                  {actionsIn(category).map((action) => (
                    <option key={action} value={action}>
                      {auditActions[action].label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field id="audit-request" label="Request ID">
            <input
              id="audit-request"
              name="request"
              defaultValue={input.request ?? ''}
              spellCheck={false}
              autoComplete="off"
              className={cn(controlClass, 'w-80 font-mono')}
            />
          </Field>
          <Field id="audit-from" label="From">
            <input
              id="audit-from"
              name="from"
              type="date"
              defaultValue={input.from ?? ''}
              aria-invalid={datesInvalid}
              aria-describedby={datesDescribedBy}
              className={controlClass}
            />
          </Field>
          <Field id="audit-to" label="To">
            <input
              id="audit-to"
              name="to"
              type="date"
              defaultValue={input.to ?? ''}
              aria-invalid={datesInvalid}
              aria-describedby={datesDescribedBy}
              className={controlClass}
            />
          </Field>
          <div className="flex items-center gap-2">
            <Button type="submit">Apply filters</Button>
            <Button asChild variant="ghost">
              {/* A link, not a reset: it clears what the URL holds, not just the fields. */}
              <Link href="/audit">Clear</Link>
            </Button>
          </div>
        </div>
        <p id={DATES_HINT_ID} className="text-xs text-muted-foreground">
          From and To are whole days in UTC, both included.
        </p>
        {input.dateRangeError && (
          <p id={DATES_ERROR_ID} role="alert" className="text-sm text-destructive">
            {input.dateRangeError}
          </p>
        )}
      </form>
    </search>
  );
}
