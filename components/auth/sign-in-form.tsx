'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { type SignInState, signIn, verifyTwoFactor } from '@/lib/auth/actions';

const fieldClass =
  'h-10 w-full rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

function Field({ label, ...props }: { label: string } & React.ComponentProps<'input'>) {
  return (
    <label className="grid gap-1.5 text-sm font-medium">
      {label}
      <input className={fieldClass} {...props} />
    </label>
  );
}

export function SignInForm({ next }: { next: string | null }) {
  const [passwordState, passwordAction, isSigningIn] = useActionState<SignInState, FormData>(signIn, {
    step: 'password',
    error: null,
  });
  const [codeState, codeAction, isVerifying] = useActionState<SignInState, FormData>(verifyTwoFactor, {
    step: 'two-factor',
    error: null,
  });
  const isTwoFactor = passwordState.step === 'two-factor';
  const error = isTwoFactor ? codeState.error : passwordState.error;

  return (
    <form action={isTwoFactor ? codeAction : passwordAction} className="grid gap-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {isTwoFactor ? (
        <Field
          label="Code from your authenticator app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          autoFocus
        />
      ) : (
        <>
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            defaultValue={passwordState.email}
          />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="remember" className="size-4 accent-primary" />
            Keep me signed in on this device
          </label>
        </>
      )}
      <p role="alert" className="min-h-5 text-sm text-destructive">
        {error}
      </p>
      <Button type="submit" disabled={isSigningIn || isVerifying}>
        {isSigningIn || isVerifying ? 'Signing in…' : isTwoFactor ? 'Verify code' : 'Sign in'}
      </Button>
    </form>
  );
}
