import Link from 'next/link';
import { heldLabel, type MatcherSummary, matcherAction } from '@/lib/requests/matcher-summary';
import { ClockTime } from './clock-time';

/** The list's "Auto-match": its held decision and the way to override it, what it would do, or why it would not. */
export function MatcherCell({
  matcher,
  href,
  displayName,
}: {
  matcher: MatcherSummary | null;
  /** The request's detail page, where a held decision is overridden. */
  href: string;
  displayName: string;
}) {
  if (!matcher) return <span className="text-muted-foreground">none</span>;
  switch (matcher.kind) {
    case 'held':
      return (
        <span>
          {heldLabel(matcher)} at <ClockTime iso={matcher.holdUntil} />
          {matcher.isPaused && <span className="text-muted-foreground"> (paused)</span>} ·{' '}
          <Link
            href={`${href}#auto-match`}
            aria-label={`Override Auto-match for ${displayName}`}
            className="underline underline-offset-4"
          >
            Override
          </Link>
        </span>
      );
    case 'would':
      return <span className="text-muted-foreground">Auto-match would {matcherAction(matcher)}</span>;
    case 'exception':
      return <>Exception: {matcher.label}</>;
    case 'overridden':
      return <span className="text-muted-foreground">Overridden by a person</span>;
  }
}
