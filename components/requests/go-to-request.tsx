'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, type RefObject, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { requestIdSchema } from '@/lib/concur/model';

/** Jump straight to a request by its Concur ID (a traveller or a colleague quoted it). */
export function GoToRequest({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // The detail page asks Concur before it shows anything: say that it is on its way.
  const [isOpening, startOpening] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget).get('id') ?? '').trim();
    if (!requestIdSchema.safeParse(id).success) {
      setError('Enter a connection request ID, such as 444f5142-2e5a-4ab9-9aad-da916af6fcd7.');
      return;
    }
    setError(null);
    startOpening(() => router.push(`/requests/${encodeURIComponent(id)}`));
  }

  return (
    <search aria-label="Go to a request">
      <form onSubmit={submit} className="flex items-start gap-2">
        <div className="grid gap-1">
          <label htmlFor="go-to-id" className="sr-only">
            Go to request ID
          </label>
          <input
            ref={inputRef}
            id="go-to-id"
            name="id"
            placeholder="Go to request ID  ( / )"
            aria-keyshortcuts="/"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'go-to-id-error' : undefined}
            className="h-9 w-72 rounded-md border border-input bg-background px-3 text-sm"
          />
          {error && (
            <p id="go-to-id-error" className="text-xs text-destructive">
              {error}
            </p>
          )}
        </div>
        <Button type="submit" variant="outline" size="sm" className="h-9" disabled={isOpening}>
          {isOpening ? 'Opening…' : 'Go'}
        </Button>
      </form>
    </search>
  );
}
