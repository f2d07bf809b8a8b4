import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoButton } from '@/components/auth/sso-button';
import { safeNextPath } from '@/lib/auth/next-path';
import { getStaffContext } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; sso?: string | string[] }>;
}) {
  const { next, sso: ssoOutcome } = await searchParams;
  // Only the checked path goes into the forms; the actions check what comes back once more.
  const nextPath = safeNextPath(next);
  if (await getStaffContext()) redirect(nextPath);
  const sso = getEnv().auth.oidc;
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto grid max-w-sm gap-6 pt-12">
      <div className="grid gap-1">
        <h1 id="sign-in-heading" className="text-2xl font-semibold tracking-tight">
          Sign in to Connection Desk
        </h1>
        <p className="text-sm text-muted-foreground">For the supplier's support staff. Ask an admin for an account.</p>
      </div>
      {ssoOutcome === 'failed' && (
        <p role="alert" className="text-sm text-destructive">
          Single sign-on did not sign you in. Your account may not exist here or may be disabled: ask an admin.
        </p>
      )}
      <SignInForm next={nextPath} />
      {sso && <SsoButton label={`Sign in with ${sso.displayName}`} next={nextPath} />}
    </section>
  );
}
