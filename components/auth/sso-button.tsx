import { Button } from '@/components/ui/button';
import { signInWithSso } from '@/lib/auth/actions';

/** A plain form: single sign-on works before the page has hydrated too. */
export function SsoButton({ label, next }: { label: string; next: string | null }) {
  return (
    <form action={signInWithSso} className="grid gap-2 border-t pt-4">
      {next && <input type="hidden" name="next" value={next} />}
      <Button type="submit" variant="outline">
        {label}
      </Button>
    </form>
  );
}
