'use client';

import { useRouter } from 'next/navigation';
import { type RefObject, useEffect } from 'react';
import { isCommandKey } from '@/components/ui/keyboard';

export type ListShortcutTargets = {
  tableRef: RefObject<HTMLElement | null>;
  goToRef: RefObject<HTMLInputElement | null>;
  previousHref: string | null;
  nextHref: string | null;
  /** The status tabs' links, in order: keys 1 to 5. */
  tabHrefs: string[];
  onHelp: () => void;
};

/** j/k: focus the next/previous row's link (Enter then opens it, as links do). */
function moveRow(table: HTMLElement | null, step: 1 | -1): void {
  const links = Array.from(table?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? []);
  if (links.length === 0) return;
  const active = document.activeElement;
  const current = active instanceof HTMLAnchorElement ? links.indexOf(active) : -1;
  const next =
    current === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  links[next]?.focus();
}

/** The list's keyboard: j/k rows, [ ] pages, 1-5 status tabs, / go to an ID, ? the shortcuts. */
export function useListShortcuts({ tableRef, goToRef, previousHref, nextHref, tabHrefs, onHelp }: ListShortcutTargets) {
  const router = useRouter();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isCommandKey(event)) return;
      const tab = /^[1-5]$/.test(event.key) ? tabHrefs[Number(event.key) - 1] : undefined;
      if (event.key === 'j' || event.key === 'k') moveRow(tableRef.current, event.key === 'j' ? 1 : -1);
      else if (event.key === '[' && previousHref) router.push(previousHref);
      else if (event.key === ']' && nextHref) router.push(nextHref);
      else if (event.key === '/') goToRef.current?.focus();
      else if (event.key === '?') onHelp();
      else if (tab) router.push(tab);
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [router, tableRef, goToRef, previousHref, nextHref, tabHrefs, onHelp]);
}
