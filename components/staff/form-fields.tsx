import { type ComponentProps, type ReactNode, useId } from 'react';
import { cn } from '@/lib/cn';
import { type Role, roles } from '@/lib/roles';

const controlClass =
  'h-10 w-full rounded-md border border-input bg-background px-3 text-sm aria-invalid:border-destructive';

/** A labelled control with its hint and its error, both read out with it. */
function FieldFrame({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children({ id, describedBy })}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = { label: string; hint?: ReactNode; error?: string } & ComponentProps<'input'>;

export function TextField({ label, hint, error, className, ...props }: TextFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <input
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cn(controlClass, className)}
          {...props}
        />
      )}
    </FieldFrame>
  );
}

export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer',
  agent: 'Agent',
  admin: 'Admin',
};

const roleHint = (
  <>
    Viewers see connection requests, masked. Agents also reveal details and decide requests. Admins also manage staff
    and settings.
  </>
);

type RoleFieldProps = { error?: string } & ComponentProps<'select'>;

export function RoleField({ error, className, ...props }: RoleFieldProps) {
  return (
    <FieldFrame label="Role" hint={roleHint} error={error}>
      {({ id, describedBy }) => (
        <select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cn(controlClass, className)}
          {...props}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A form's text value; a missing field reads as empty, which the server then refuses. */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '');

export function passwordHint(minLength: number): string {
  return `At least ${minLength} characters, and hard to guess: a few uncommon words, not your name or email.`;
}

/** A refusal that belongs to the whole form rather than one field. */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="min-h-5 text-sm text-destructive">
      {children}
    </p>
  );
}
