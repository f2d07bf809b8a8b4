'use client';

import { PauseIcon, PlayIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { EventTime } from '@/components/audit/event-time';
import { FormError } from '@/components/staff/form-fields';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { setAutoMatchPaused } from '@/lib/matcher/actions';
import type { MatcherPause as Pause } from '@/lib/matcher/settings';

function PauseState({ pause, pausedBy }: { pause: Pause | null; pausedBy: string | null }) {
  if (!pause) {
    return (
      <p className="flex items-center gap-2 text-sm">
        <Badge variant="connected">Running</Badge>
        Automatic decisions are made as the policy says.
      </p>
    );
  }
  // A person's pause records no reason of its own beyond being theirs.
  const reason = pause.isSelf || !pausedBy ? `: ${pause.reason}` : '.';
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <Badge variant="pending">Paused</Badge>
      <span>
        Paused {pausedBy && `by ${pausedBy} `}at <EventTime iso={pause.at} />
        {reason}
      </span>
    </p>
  );
}

/**
 * Pause stops automatic decisions at once; held ones stay held and go once resumed. The state
 * shown is the server's, read again after each click.
 */
export function MatcherPause({ pause, pausedBy }: { pause: Pause | null; pausedBy: string | null }) {
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const { execute, isPending, failure } = useAction(setAutoMatchPaused, { showFailureAs: 'inline', refresh: true });
  const isPaused = pause !== null;

  function toggle() {
    setDone(null);
    execute(
      { isPaused: !isPaused },
      {
        onSuccess: (data) =>
          setDone(
            data.isPaused
              ? 'Paused. Nothing automatic is decided or sent until it is resumed; held decisions stay held.'
              : 'Resumed. Held decisions go when their hold ends.',
          ),
      },
    );
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-3">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        State
      </h3>
      <PauseState pause={pause} pausedBy={pausedBy} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button type="button" variant="outline" onClick={toggle} disabled={isPending}>
          {isPaused ? <PlayIcon aria-hidden="true" /> : <PauseIcon aria-hidden="true" />}
          {isPaused ? 'Resume auto-match' : 'Pause auto-match'}
        </Button>
        <p role="status" className="text-sm">
          {done}
        </p>
        <FormError>{failure?.error}</FormError>
      </div>
    </section>
  );
}
