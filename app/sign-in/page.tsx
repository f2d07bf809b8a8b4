import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getStaffContext } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (await getStaffContext()) redirect('/requests');
  const { next } = await searchParams;
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto grid max-w-sm gap-6 pt-12">
      <div className="grid gap-1">
        <h1 id="sign-in-heading" className="text-2xl font-semibold tracking-tight">
          Sign in to Connection Desk
        </h1>
        <p className="text-sm text-muted-foreground">For the supplier's support staff. Ask an admin for an account.</p>
      </div>
      <SignInForm next={typeof next === 'string' ? next : null} />
    </section>
  );
}
