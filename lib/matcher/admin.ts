import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import type { Env } from '@/lib/env';
import { withdrawAllHeld } from './hold';
import {
  MATCHER_KEYS,
  type MatcherSettings,
  type MatchPolicy,
  pauseMatcher,
  readMatcherSettings,
  resumeMatcher,
  writeSetting,
} from './settings';

/**
 * What an admin changes about the matcher, each change audited. Leaving `auto` withdraws every
 * held decision (none of them goes), as nothing automatic should go once people said so; a
 * pause only stops them, and they go when it is lifted.
 */

export type MatcherChange = {
  policy?: MatchPolicy;
  holdMs?: number;
  isEmailRuleOn?: boolean;
  isAutoFailOn?: boolean;
};

export type ChangeResult = { settings: MatcherSettings; withdrawn: number };

export async function changeMatcherSettings(
  db: Db,
  env: Pick<Env, 'matcher'>,
  staffId: string,
  change: MatcherChange,
  now = new Date(),
): Promise<ChangeResult> {
  const before = await readMatcherSettings(db, env);
  const detail: Record<string, string | number | boolean> = {};
  if (change.policy !== undefined && before.policySource !== 'env' && change.policy !== before.policy) {
    await writeSetting(db, MATCHER_KEYS.policy, change.policy);
    detail.policy = change.policy;
  }
  if (change.holdMs !== undefined && before.holdSource !== 'env' && change.holdMs !== before.holdMs) {
    await writeSetting(db, MATCHER_KEYS.holdMs, String(change.holdMs));
    detail.holdMinutes = Math.round((change.holdMs / 60_000) * 100) / 100;
  }
  if (change.isEmailRuleOn !== undefined && change.isEmailRuleOn !== before.isEmailRuleOn) {
    await writeSetting(db, MATCHER_KEYS.emailRule, String(change.isEmailRuleOn));
    detail.isEmailRuleOn = change.isEmailRuleOn;
  }
  if (change.isAutoFailOn !== undefined && change.isAutoFailOn !== before.isAutoFailOn) {
    await writeSetting(db, MATCHER_KEYS.autoFail, String(change.isAutoFailOn));
    detail.isAutoFailOn = change.isAutoFailOn;
  }
  const settings = await readMatcherSettings(db, env);
  const withdrawn =
    before.policy === 'auto' && settings.policy !== 'auto'
      ? await withdrawAllHeld(db, `Auto-match was switched to ${settings.policy}.`, now)
      : 0;
  if (withdrawn > 0) detail.withdrawn = withdrawn;
  if (Object.keys(detail).length > 0) {
    await recordAuditEvent(
      db,
      { actor: staffId, action: 'matcher.settings-changed', subjectType: 'matcher', subjectId: null, detail },
      now,
    );
  }
  return { settings, withdrawn };
}

/** A person pauses or resumes the matcher; false when it already was in that state. */
export async function setMatcherPaused(db: Db, staffId: string, isPaused: boolean, now = new Date()): Promise<boolean> {
  const reason = 'Paused by a person.';
  const changed = isPaused
    ? await pauseMatcher(db, { at: now.toISOString(), by: staffId, reason, isSelf: false })
    : await resumeMatcher(db, now);
  if (changed) {
    await recordAuditEvent(
      db,
      {
        actor: staffId,
        action: isPaused ? 'matcher.paused' : 'matcher.resumed',
        subjectType: 'matcher',
        subjectId: null,
        detail: isPaused ? { reason, isSelf: false } : {},
      },
      now,
    );
  }
  return changed;
}
