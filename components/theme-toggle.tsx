'use client';

import { MoonIcon, SunIcon } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';

const subscribeNever = () => () => {};

/** False during SSR and hydration, true afterwards, without a setState-in-effect re-render. */
function useIsMounted() {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  const isMounted = useIsMounted();
  // The server cannot know the stored theme, so the icon and hint wait for the client.
  const isDark = isMounted && resolvedTheme === 'dark';
  const nextTheme = isDark ? 'light' : 'dark';

  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Toggle theme"
      title={isMounted ? `Switch to ${nextTheme} theme` : undefined}
      onClick={() => setTheme(nextTheme)}
    >
      {isDark ? <MoonIcon aria-hidden="true" /> : <SunIcon aria-hidden="true" />}
    </Button>
  );
}
