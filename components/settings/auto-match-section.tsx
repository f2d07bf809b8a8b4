import type { MatcherPage } from '@/lib/matcher/page';
import { MatcherNumbers } from './matcher-numbers';
import { MatcherPause } from './matcher-pause';
import { MatcherSettingsForm } from './matcher-settings-form';

/** Auto-match as an admin sets it up: its rules in words, its state, its settings and its numbers. */
export function AutoMatchSection({ matcher }: { matcher: MatcherPage }) {
  return (
    <section aria-labelledby="auto-match-heading" className="grid max-w-4xl gap-8 rounded-lg border bg-card p-6">
      <div className="grid gap-2">
        <h2 id="auto-match-heading" className="text-lg font-semibold">
          Auto-match
        </h2>
        <p className="text-sm text-muted-foreground">
          Auto-match connects a request only when exactly one member matches its last name and loyalty number (or last
          name and verified email, with the email rule on), and no other member shares that number or email. A last name
          written differently, or a first name that differs, is left to staff. The matcher pauses itself when the member
          directory, polling or sending keeps failing.
        </p>
      </div>
      <MatcherPause pause={matcher.settings.pause} pausedBy={matcher.pausedBy} />
      <MatcherSettingsForm
        settings={matcher.settings}
        maxHoldMinutes={matcher.maxHoldMinutes}
        heldCount={matcher.held}
      />
      <MatcherNumbers held={matcher.held} exceptions={matcher.exceptions} agreement={matcher.agreement} />
    </section>
  );
}
