'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';

const links = [
  { href: '/requests', label: 'Requests' },
  { href: '/audit', label: 'Audit' },
  { href: '/staff', label: 'Staff' },
] as const;

function isCurrentSection(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav() {
  const pathname = usePathname();

  return (
    <nav aria-label="Main">
      <ul className="flex items-center gap-1">
        {links.map(({ href, label }) => {
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
