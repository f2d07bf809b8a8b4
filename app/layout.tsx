import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell/app-shell';
import { Providers } from '@/components/providers';
import { getStaffContext } from '@/lib/auth/session';
import { getSelfPauseNotice } from '@/lib/matcher/page';
import './globals.css';

export const metadata: Metadata = {
  title: {
    template: '%s · Connection Desk',
    default: 'Connection Desk',
  },
  description: 'Review SAP Concur TripLink connection requests.',
  icons: { icon: '/favicon.svg' },
};

export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  // Prefetches render this layout too: only the page a person opens counts as their activity.
  const context = await getStaffContext({ isBackground: true });
  const staff = context
    ? {
        name: context.staff.name,
        role: context.staff.role ?? 'no role',
        permissions: [...context.permissions],
        matcherNotice: await getSelfPauseNotice(context.permissions),
      }
    : null;
  return (
    // next-themes sets the theme class on <html> before hydration, so React must not flag it.
    <html lang="en" suppressHydrationWarning>
      <body className="antialiased">
        <Providers>
          <AppShell staff={staff}>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
