import { LogOutIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { signOut, signOutEverywhere } from '@/lib/auth/actions';

/** Who is signed in, and the ways out. Plain forms: they work before hydration too. */
export function StaffMenu({ name, role }: { name: string; role: string }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="whitespace-nowrap">
        <span className="font-medium">{name}</span> <span className="text-muted-foreground">({role})</span>
      </span>
      <form action={signOutEverywhere}>
        <Button type="submit" variant="ghost" size="sm">
          Sign out everywhere
        </Button>
      </form>
      <form action={signOut}>
        <Button type="submit" variant="outline" size="sm">
          <LogOutIcon aria-hidden="true" />
          Sign out
        </Button>
      </form>
    </div>
  );
}
