'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';
import type { Permission } from '@/lib/roles';

const links: { href: string; label: string; needs: Permission[] }[] = [
  { href: '/requests', label: 'Requests', needs: ['requests.read'] },
  { href: '/audit', label: 'Audit', needs: ['audit.read-own', 'audit.read-all'] },
  { href: '/staff', label: 'Staff', needs: ['staff.manage'] },
  { href: '/settings', label: 'Settings', needs: ['settings.manage'] },
];

function isCurrentSection(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** Only the screens this role may open; the server refuses the others anyway. */
export function MainNav({ permissions }: { permissions: Permission[] }) {
  const pathname = usePathname();
  const visible = links.filter((link) => link.needs.some((permission) => permissions.includes(permission)));

  return (
    <nav aria-label="Main">
      <ul className="flex items-center gap-1">
        {visible.map(({ href, label }) => {
          const isCurrent = isCurrentSection(pathname, href);
          return (
            <li key={href}>
              {/* The current link is bold and underlined too, so it does not rely on colour. */}
              <Link
                href={href}
                aria-current={isCurrent ? 'page' : undefined}
                className={cn(
                  'inline-flex h-9 items-center rounded-md px-3 text-sm underline-offset-[6px] hover:bg-accent hover:text-accent-foreground',
                  isCurrent ? 'font-semibold text-foreground underline decoration-2' : 'text-muted-foreground',
                )}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
