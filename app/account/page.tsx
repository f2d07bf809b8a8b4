import type { Metadata } from 'next';
import { TwoFactorSetup } from '@/components/account/two-factor-setup';
import { requireSignedIn } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const context = await requireSignedIn();
  return (
    <section aria-labelledby="account-heading" className="grid max-w-prose gap-6">
      <h1 id="account-heading" className="text-2xl font-semibold tracking-tight">
        Your account
      </h1>
      <p className="text-sm text-muted-foreground">
        {context.staff.name} · {context.staff.email} · {context.staff.role ?? 'no role'}
      </p>
      <section aria-labelledby="two-factor-heading" className="grid gap-3">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-factor sign-in
        </h2>
        {context.hasTwoFactor ? (
          <p>Two-factor sign-in is on: sign-in asks for a code from your authenticator app.</p>
        ) : (
          <>
            {context.mustEnrollTwoFactor && (
              <p role="alert" className="text-sm font-medium">
                Your team requires two-factor sign-in. Set it up to continue.
              </p>
            )}
            <TwoFactorSetup />
          </>
        )}
      </section>
    </section>
  );
}
