import { CableIcon } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { MainNav } from '@/components/app-shell/main-nav';
import { MatcherNotice } from '@/components/app-shell/matcher-notice';
import { StaffMenu } from '@/components/app-shell/staff-menu';
import { SessionWatch } from '@/components/auth/session-watch';
import { ThemeToggle } from '@/components/theme-toggle';
import type { SelfPauseNotice } from '@/lib/matcher/page';
import type { Permission } from '@/lib/roles';

export type ShellStaff = {
  name: string;
  role: string;
  permissions: Permission[];
  /** Admins only: Auto-match paused itself and waits for one of them. */
  matcherNotice: SelfPauseNotice | null;
};

/** The frame around every screen: skip link, header with navigation, and the main region. */
export function AppShell({ staff, children }: { staff: ShellStaff | null; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      {staff && <SessionWatch />}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow-md"
      >
        Skip to content
      </a>
      <header className="border-b bg-background">
        <div className="mx-auto flex h-14 w-full max-w-7xl items-center gap-6 px-6">
          <Link
            href="/requests"
            className="inline-flex items-center gap-2 rounded-md text-base font-semibold whitespace-nowrap"
          >
            <CableIcon aria-hidden="true" className="size-5" />
            Connection Desk
          </Link>
          {staff && <MainNav permissions={staff.permissions} />}
          <div className="ml-auto flex items-center gap-3">
            {staff && <StaffMenu name={staff.name} role={staff.role} />}
            <ThemeToggle />
          </div>
        </div>
      </header>
      {staff?.matcherNotice && <MatcherNotice notice={staff.matcherNotice} />}
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-6 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
