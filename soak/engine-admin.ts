import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/lib/db';
import { ADMIN_ACCOUNT, ADMIN_RESUME_AFTER_MS, AGENT_PASSWORD } from './config';
import { readPause } from './engine-board';
import { errorText, resendDecision, type SessionContext, StaffSession } from './session';

/**
 * The engine phase's admin. The matcher starts paused (the soak sets things up first); the admin
 * resumes it when the agents are at their desks, and afterwards does what the banner on every
 * page asks of admins: when the matcher paused itself (Concur or the directory kept failing),
 * they look, and resume it a little later.
 */

export type SelfPause = { reason: string; seenAt: string; resumedAfterMs: number | null };

export class MatcherAdmin {
  private readonly session: StaffSession;
  readonly selfPauses: SelfPause[] = [];
  private isWatching = false;
  private watching: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: SessionContext & { db: Db; pauseActionId: string; resendActionId: string },
    private readonly mark: (event: string) => void,
  ) {
    this.session = new StaffSession({ email: ADMIN_ACCOUNT.email, password: AGENT_PASSWORD }, ctx);
  }

  signIn(): Promise<void> {
    return this.session.signIn();
  }

  /** setAutoMatchPaused({ isPaused: false }), as the Settings page's Resume button calls it. */
  async resume(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { result } = await this.session.call(this.ctx.pauseActionId, { isPaused: false }, 30_000);
        const answer = result as { ok: boolean; error?: string } | undefined;
        if (answer?.ok) return;
        if (attempt >= 5) throw new Error(`resuming the matcher was refused: ${answer?.error ?? 'no answer'}`);
      } catch (error) {
        if (attempt >= 5) throw new Error(`resuming the matcher failed: ${errorText(error)}`);
      }
      await sleep(2000);
    }
  }

  private async watchOnce(): Promise<void> {
    const pause = await readPause(this.ctx.db).catch(() => null);
    const current = this.selfPauses.at(-1);
    if (!pause?.isSelf) return;
    if (!current || current.resumedAfterMs !== null) {
      this.selfPauses.push({ reason: pause.reason, seenAt: new Date().toISOString(), resumedAfterMs: null });
      this.mark(`the matcher paused itself: ${pause.reason}`);
      return;
    }
    const pausedMs = Date.now() - Date.parse(current.seenAt);
    if (pausedMs < ADMIN_RESUME_AFTER_MS) return;
    await this.resume();
    current.resumedAfterMs = pausedMs;
    this.mark(`admin resumed the matcher after ${(pausedMs / 1000).toFixed(0)} s`);
  }

  /** The drain's operator: "Send again" on a decision automatic resends gave up on. */
  resend(decisionId: string): Promise<string> {
    return resendDecision(this.session, this.ctx.resendActionId, decisionId);
  }

  /** Watches for a self-pause every two seconds until stopped. */
  startWatching(): void {
    this.isWatching = true;
    this.watching = (async () => {
      while (this.isWatching) {
        await this.watchOnce().catch((error: unknown) => this.mark(`admin could not resume: ${errorText(error)}`));
        await sleep(2000);
      }
    })();
  }

  async stopWatching(): Promise<void> {
    this.isWatching = false;
    await this.watching;
  }
}
